package io.dipstream.frames;

import com.google.protobuf.InvalidProtocolBufferException;
import io.dipstream.frames.files.AtomicOutput;
import io.dipstream.frames.proto.ClaimCheck;
import io.dipstream.frames.proto.Envelope;
import io.dipstream.frames.proto.FrameRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Frames too large for a Kafka record travel out of band: the writer stores the frame's record in
 * the claim directory of its {@link SizeLimits} and sends a small {@link ClaimCheck} in its place;
 * the reader, given the same directory, reads it back and sees the frame as if it had come in the
 * record.
 *
 * <p>Guarantees: a claim's file is named by the SHA-256 of its bytes and written atomically, so a
 * frame sent twice (a retried or replayed send) writes the same file once, and a reader gets
 * exactly the bytes written or a {@link RejectedRecordException} saying what is wrong (no claim
 * directory, file missing, another size, another hash). Claims are kept: they must outlive every
 * replay of their records, so deleting them is the owner's of the directory (the embedded run keeps
 * them in its work directory, removed on success).
 */
public final class ClaimChecks {
    private static final Pattern NAME = Pattern.compile("[0-9a-f]{64}\\.frame");

    private ClaimChecks() {}

    /** Whether {@code e} can go in a record as it is. */
    public static boolean fits(Envelope e, SizeLimits limits) {
        return e.getSerializedSize() <= limits.maxRecordBytes();
    }

    /**
     * {@code e} as it goes on the wire: itself when it fits; a frame past the limit stored in the
     * claim directory and replaced by its claim check.
     *
     * @throws IllegalStateException when it does not fit and there is no claim directory, or the
     *     claim cannot be written (the message says which)
     */
    public static Envelope outgoing(Envelope e, SizeLimits limits) {
        if (fits(e, limits)) {
            return e;
        }
        Path dir = limits.claims();
        if (dir == null || !e.hasFrame()) {
            throw new IllegalStateException(
                    String.format(
                            "frame %d of stream '%s' is %d bytes, over the record limit of %d"
                                    + " bytes, and no claim directory was given to send it out"
                                    + " of band",
                            e.getFrame().getIndex(),
                            e.getStreamId(),
                            e.getSerializedSize(),
                            limits.maxRecordBytes()));
        }
        byte[] bytes = e.getFrame().toByteArray();
        String name = sha256(bytes) + ".frame";
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file) || Files.size(file) != bytes.length) {
                AtomicOutput.write(file, bytes);
            }
        } catch (IOException | RuntimeException ex) {
            throw new IllegalStateException(
                    "cannot store frame " + e.getFrame().getIndex() + " in " + dir + ": " + ex, ex);
        }
        return Envelope.newBuilder()
                .setVersion(e.getVersion())
                .setStreamId(e.getStreamId())
                .setClaimed(
                        ClaimCheck.newBuilder()
                                .setName(name)
                                .setSize(bytes.length)
                                .setFrameIndex(e.getFrame().getIndex()))
                .build();
    }

    /** {@code e} with a claimed frame read back; any other record as it is. */
    public static Envelope resolve(Envelope e, SizeLimits limits) throws RejectedRecordException {
        if (!e.hasClaimed()) {
            return e;
        }
        ClaimCheck c = e.getClaimed();
        String what = "frame " + c.getFrameIndex() + " of stream '" + e.getStreamId() + "'";
        Path dir = limits.claims();
        if (dir == null) {
            throw new RejectedRecordException(
                    what + " was sent out of band, but this reader has no claim directory");
        }
        if (!NAME.matcher(c.getName()).matches()) {
            throw new RejectedRecordException(what + " names no claim: '" + c.getName() + "'");
        }
        Path file = dir.resolve(c.getName());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException ex) {
            throw new RejectedRecordException(
                    what + " was sent out of band to " + file + ", which cannot be read: " + ex,
                    ex);
        }
        if (bytes.length != c.getSize() || !c.getName().startsWith(sha256(bytes))) {
            throw new RejectedRecordException(
                    what + ": " + file + " does not hold the bytes its claim check names");
        }
        try {
            return Records.frame(e.getStreamId(), FrameRecord.parseFrom(bytes));
        } catch (InvalidProtocolBufferException ex) {
            throw new RejectedRecordException(what + ": " + file + " is not a frame record", ex);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
