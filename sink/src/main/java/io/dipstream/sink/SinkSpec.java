package io.dipstream.sink;

import io.dipstream.frames.SizeLimits;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the sink writes for one stream. Validated on construction; messages name the parameter.
 *
 * @param streamId the stream to write (the Kafka key of its records)
 * @param output the video file to write
 * @param codec AUTO (by extension), H264 or FFV1
 * @param crf H.264 quality (0-51, lower is better)
 * @param x264Preset H.264 speed preset
 * @param audioSource file whose audio to copy; null: the source named in the stream header, when it
 *     has audio and is readable here
 * @param idleTimeout give up when no record of the stream arrives for this long (the restore of one
 *     frame must fit in it)
 * @param limits record size limit
 * @param memoryBudget bytes of restored frames held in memory while they wait for an earlier one (a
 *     later segment's); past it they wait in a spill file beside the output
 */
public record SinkSpec(
        String streamId,
        Path output,
        Codec codec,
        int crf,
        String x264Preset,
        Path audioSource,
        Duration idleTimeout,
        SizeLimits limits,
        long memoryBudget) {
    /** The default memory budget: 256 MiB of compressed frames, some 500 SD frames. */
    public static final long DEFAULT_MEMORY_BUDGET = 256L << 20;

    /** A spec with the {@link #DEFAULT_MEMORY_BUDGET}. */
    public SinkSpec(
            String streamId,
            Path output,
            Codec codec,
            int crf,
            String x264Preset,
            Path audioSource,
            Duration idleTimeout,
            SizeLimits limits) {
        this(
                streamId,
                output,
                codec,
                crf,
                x264Preset,
                audioSource,
                idleTimeout,
                limits,
                DEFAULT_MEMORY_BUDGET);
    }

    public SinkSpec {
        if (streamId == null || streamId.isBlank()) {
            throw new IllegalArgumentException("streamId must not be empty");
        }
        if (output == null) {
            throw new IllegalArgumentException("output must be given");
        }
        if (codec == null) {
            throw new IllegalArgumentException("codec must be given");
        }
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("crf must be in [0, 51], got " + crf);
        }
        if (x264Preset == null || x264Preset.isBlank()) {
            throw new IllegalArgumentException("x264Preset must not be empty");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits must be given");
        }
        if (memoryBudget < 0) {
            throw new IllegalArgumentException("memoryBudget must be >= 0, got " + memoryBudget);
        }
    }
}
