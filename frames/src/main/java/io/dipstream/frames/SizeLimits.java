package io.dipstream.frames;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;

/**
 * The largest record the pipeline carries, and the Kafka settings of every hop derived from it, so
 * that broker, topics, producers and consumers agree (a mismatch shows up only as a stuck consumer
 * or a rejected send, far from its cause).
 *
 * @param maxRecordBytes the largest serialized record
 * @param claimDir where a frame record larger than that goes instead, out of band ({@link
 *     ClaimChecks}), for every hop to read; null: such a frame is refused with a message naming it
 */
public record SizeLimits(int maxRecordBytes, String claimDir) implements Serializable {
    /** 16 MiB: a noisy 1080p RGB frame (6.2 MB raw) fits even when it does not compress. */
    public static final SizeLimits DEFAULT = new SizeLimits(16 << 20);

    /** A limit with no claim directory. */
    public SizeLimits(int maxRecordBytes) {
        this(maxRecordBytes, null);
    }

    /** Room for the envelope, record batch header and Kafka's own framing. */
    private static final int OVERHEAD = 64 << 10;

    public SizeLimits {
        if (maxRecordBytes < (1 << 20) || maxRecordBytes > (512 << 20)) {
            throw new IllegalArgumentException(
                    "maxRecordBytes must be between 1 MiB and 512 MiB, got " + maxRecordBytes);
        }
        if (claimDir != null && claimDir.isBlank()) {
            claimDir = null;
        }
    }

    /** These limits with larger frames sent out of band through {@code dir}. */
    public SizeLimits withClaimDir(Path dir) {
        return new SizeLimits(maxRecordBytes, dir == null ? null : dir.toAbsolutePath().toString());
    }

    /** The claim directory, or null. */
    public Path claims() {
        return claimDir == null ? null : Path.of(claimDir);
    }

    /** Batch limit of a broker, topic or fetch: one record plus framing. */
    public int batchBytes() {
        return maxRecordBytes + OVERHEAD;
    }

    /** Broker settings ({@code message.max.bytes}, {@code replica.fetch.max.bytes}). */
    public Map<String, String> broker() {
        String b = Integer.toString(batchBytes());
        return Map.of("message.max.bytes", b, "replica.fetch.max.bytes", b);
    }

    /** Topic settings ({@code max.message.bytes}). */
    public Map<String, String> topic() {
        return Map.of("max.message.bytes", Integer.toString(batchBytes()));
    }

    /** Producer settings ({@code max.request.size}, {@code buffer.memory}). */
    public Map<String, String> producer() {
        return Map.of(
                "max.request.size", Integer.toString(batchBytes()),
                "buffer.memory", Long.toString(4L * batchBytes()));
    }

    /** Consumer settings ({@code max.partition.fetch.bytes}, {@code fetch.max.bytes}). */
    public Map<String, String> consumer() {
        String b = Integer.toString(batchBytes());
        return Map.of("max.partition.fetch.bytes", b, "fetch.max.bytes", b);
    }
}
