package io.dipstream.frames;

import com.google.protobuf.InvalidProtocolBufferException;
import io.dipstream.frames.proto.EndOfStream;
import io.dipstream.frames.proto.Envelope;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.Segment;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import io.dipstream.frames.proto.Tile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes and reads the records of the contract ({@code dipstream_frames.proto}).
 *
 * <p>Guarantees: every record written carries {@link #VERSION}; {@link #parse} returns only records
 * of a version it knows, with a stream id, a body and the fields that body needs (a claim check is
 * returned as it is: {@link ClaimChecks#resolve} reads its frame), and otherwise throws {@link
 * RejectedRecordException} with the reason (it never throws anything else on bad bytes).
 */
public final class Records {
    /** The contract version this code writes and the only one it reads. */
    public static final int VERSION = 1;

    private Records() {}

    public static Envelope header(String streamId, StreamHeader header) {
        return envelope(streamId).setHeader(header).build();
    }

    public static Envelope frame(String streamId, FrameRecord frame) {
        return envelope(streamId).setFrame(frame).build();
    }

    public static Envelope end(String streamId, long frameCount) {
        return envelope(streamId)
                .setEnd(EndOfStream.newBuilder().setFrameCount(frameCount))
                .build();
    }

    /** Parses and checks one record's bytes. */
    public static Envelope parse(byte[] bytes) throws RejectedRecordException {
        if (bytes == null) {
            throw new RejectedRecordException("record has no value");
        }
        Envelope e;
        try {
            e = Envelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException ex) {
            throw new RejectedRecordException("not a dipstream record: " + ex.getMessage(), ex);
        }
        if (e.getVersion() != VERSION) {
            throw new RejectedRecordException(
                    "record version "
                            + e.getVersion()
                            + " is not supported (this reader knows version "
                            + VERSION
                            + ")");
        }
        if (e.getStreamId().isEmpty()) {
            throw new RejectedRecordException("record has no stream id");
        }
        switch (e.getBodyCase()) {
            case HEADER -> checkHeader(e.getHeader());
            case FRAME -> checkFrame(e.getFrame());
            case END -> {
                if (e.getEnd().getFrameCount() < 0) {
                    throw new RejectedRecordException("end marker has a negative frame count");
                }
            }
            case CLAIMED -> {
                if (e.getClaimed().getName().isEmpty() || e.getClaimed().getSize() <= 0) {
                    throw new RejectedRecordException("claim check names no frame");
                }
            }
            default -> throw new RejectedRecordException("record has no body");
        }
        return e;
    }

    /**
     * A short hash of everything in the header that changes the restored pixels (task, factor,
     * preset, seed, schedules, frame size): two runs with the same hash on the same input are meant
     * to give the same output.
     */
    public static String configHash(StreamHeader h) {
        String canonical =
                String.join(
                                "|",
                                h.getTask().name(),
                                Integer.toString(h.getFactor()),
                                h.getPreset(),
                                Long.toString(h.getSeed()),
                                Integer.toString(h.getFirstFrameIterations()),
                                Integer.toString(h.getLaterFrameIterations()),
                                Boolean.toString(h.getCarryAdam()),
                                h.getWidth() + "x" + h.getHeight())
                        // Fields added later join only when set, so older hashes stay valid.
                        + (h.getColdEveryFrame() ? "|cold-every-frame" : "")
                        + (h.getFramePatience() > 0
                                ? "|adaptive:"
                                        + h.getMinFrameIterations()
                                        + "/"
                                        + h.getFramePatience()
                                : "")
                        + (h.getSceneCutThreshold() > 0 ? "|cuts:" + h.getSceneCutThreshold() : "")
                        + (h.getDropFraction() > 0 ? "|drop:" + h.getDropFraction() : "")
                        + (h.getDetectDefects() ? "|defects" : "")
                        + (h.getKeepKnown() ? "|keep-known" : "")
                        + (h.getTemporalBlend() > 0 ? "|blend:" + h.getTemporalBlend() : "")
                        + (h.getTemporalRadius() > 0 ? "|radius:" + h.getTemporalRadius() : "")
                        + (h.getFrameSeconds() > 0 ? "|seconds:" + h.getFrameSeconds() : "")
                        + (h.getDiscrepancy() > 0 ? "|discrepancy:" + h.getDiscrepancy() : "")
                        + (h.getResidualDetail() ? "|residual-detail" : "")
                        + (h.getPreRoll() > 1 ? "|pre-roll:" + h.getPreRoll() : "")
                        + (h.hasTile() ? "|tile:" + tileSignature(h.getTile()) : "")
                        + (h.hasSegment() ? "|segment:" + segmentSignature(h.getSegment()) : "");
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is always present", ex);
        }
    }

    private static String tileSignature(Tile t) {
        return t.getIndex()
                + "/"
                + t.getCount()
                + "@"
                + t.getX()
                + ","
                + t.getY()
                + "/"
                + t.getFrameWidth()
                + "x"
                + t.getFrameHeight()
                + "~"
                + t.getOverlap()
                + "/"
                + t.getSize();
    }

    private static String segmentSignature(Segment s) {
        return s.getIndex()
                + "/"
                + s.getCount()
                + "@"
                + s.getFirstFrame()
                + "-"
                + s.getEndFrame()
                + "~"
                + s.getLeadIn();
    }

    private static Envelope.Builder envelope(String streamId) {
        if (streamId == null || streamId.isEmpty()) {
            throw new IllegalArgumentException("streamId must not be empty");
        }
        return Envelope.newBuilder().setVersion(VERSION).setStreamId(streamId);
    }

    private static void checkHeader(StreamHeader h) throws RejectedRecordException {
        if (h.getWidth() < 1 || h.getHeight() < 1) {
            throw new RejectedRecordException(
                    "header has an impossible frame size " + h.getWidth() + "x" + h.getHeight());
        }
        if (h.getTask() == TaskKind.TASK_UNSPECIFIED || h.getTask() == TaskKind.UNRECOGNIZED) {
            throw new RejectedRecordException("header names no known task");
        }
        if (!(h.getFps() > 0)) {
            throw new RejectedRecordException("header has no frame rate");
        }
    }

    private static void checkFrame(FrameRecord f) throws RejectedRecordException {
        if (f.getIndex() < 0) {
            throw new RejectedRecordException("frame has a negative index " + f.getIndex());
        }
        if (!f.hasRgb()) {
            throw new RejectedRecordException("frame " + f.getIndex() + " has no pixels");
        }
    }
}
