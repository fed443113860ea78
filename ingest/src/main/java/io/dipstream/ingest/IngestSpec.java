package io.dipstream.ingest;

import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import io.dipstream.frames.segments.SegmentPlan;
import io.dipstream.frames.tiles.TilePlan;
import java.nio.file.Path;

/**
 * One stream to ingest. Validated on construction; messages name the parameter.
 *
 * @param input the video, image sequence pattern or directory of images
 * @param streamId the stream's id: the Kafka key of all its records
 * @param settings task, factor, preset, seed, schedule and Adam choice of the stream (the source's
 *     own facts, size, rate and count, are filled in by {@link Ingest})
 * @param mask inpainting: one mask image for every frame, or a mask video or image sequence read
 *     frame by frame with {@code input} (white = fill), else null
 * @param dropFraction inpainting, for testing: the fraction of every frame's pixels dropped at
 *     random (seeded by the header's seed and the frame index), in [0, 1); 0 = none
 * @param detectDefects inpainting, for scanned film: add the dust and scratches {@link
 *     DefectDetector} finds to the mask
 * @param guide flash/no-flash: the flash video, frame by frame with {@code input}, else null
 * @param limits record size limit
 * @param tiles how frames are cut into tiles, each its own stream ({@link TilePlan#NONE}: whole)
 * @param segments how the stream is cut in time ({@link SegmentPlan#NONE}: one segment)
 * @param decodeErrors what a video that decodes to fewer frames than it declares does: stop the
 *     stream as bad input, or restore the frames that decode
 */
public record IngestSpec(
        Path input,
        String streamId,
        StreamHeader settings,
        Path mask,
        double dropFraction,
        boolean detectDefects,
        Path guide,
        SizeLimits limits,
        TilePlan tiles,
        SegmentPlan segments,
        DecodeErrors decodeErrors) {
    /** What to do when a video decodes to fewer frames than it declares. */
    public enum DecodeErrors {
        /** Stop the stream as bad input: never a silently short output. */
        STOP,
        /** Restore the frames that decode, with a warning. */
        SKIP
    }

    public IngestSpec {
        if (input == null) {
            throw new IllegalArgumentException("input must be given");
        }
        if (streamId == null || streamId.isBlank()) {
            throw new IllegalArgumentException("streamId must not be empty");
        }
        if (settings == null || settings.getTask() == TaskKind.TASK_UNSPECIFIED) {
            throw new IllegalArgumentException("settings must name a task");
        }
        TaskKind task = settings.getTask();
        if (!(dropFraction >= 0 && dropFraction < 1)) {
            throw new IllegalArgumentException(
                    "dropFraction must be in [0, 1), got " + dropFraction);
        }
        if (dropFraction > 0 && task != TaskKind.INPAINT) {
            throw new IllegalArgumentException(
                    "dropFraction is only valid with task inpaint, got task " + task);
        }
        if (detectDefects && task != TaskKind.INPAINT) {
            throw new IllegalArgumentException(
                    "detectDefects is only valid with task inpaint, got task " + task);
        }
        if (task == TaskKind.INPAINT && mask == null && dropFraction == 0 && !detectDefects) {
            throw new IllegalArgumentException(
                    "--task inpaint needs --mask or --drop-fraction (or --preset archival, which"
                            + " finds dust and scratches)");
        }
        if (task == TaskKind.FLASH && guide == null) {
            throw new IllegalArgumentException("--task flash needs --guide (the flash video)");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits must be given");
        }
        if (tiles == null) {
            throw new IllegalArgumentException("tiles must be given (TilePlan.NONE for none)");
        }
        if (segments == null) {
            throw new IllegalArgumentException("segments must be given (SegmentPlan.NONE for one)");
        }
        if (decodeErrors == null) {
            throw new IllegalArgumentException("decodeErrors must be given");
        }
    }

    /** A spec whose frames stay whole. */
    public IngestSpec(
            Path input,
            String streamId,
            StreamHeader settings,
            Path mask,
            double dropFraction,
            boolean detectDefects,
            Path guide,
            SizeLimits limits) {
        this(
                input,
                streamId,
                settings,
                mask,
                dropFraction,
                detectDefects,
                guide,
                limits,
                TilePlan.NONE,
                SegmentPlan.NONE,
                DecodeErrors.STOP);
    }

    /** This spec with its frames cut as {@code plan} says. */
    public IngestSpec withTiles(TilePlan plan) {
        return new IngestSpec(
                input,
                streamId,
                settings,
                mask,
                dropFraction,
                detectDefects,
                guide,
                limits,
                plan,
                segments,
                decodeErrors);
    }

    /** This spec with the stream cut in time as {@code plan} says. */
    public IngestSpec withSegments(SegmentPlan plan) {
        return new IngestSpec(
                input,
                streamId,
                settings,
                mask,
                dropFraction,
                detectDefects,
                guide,
                limits,
                tiles,
                plan,
                decodeErrors);
    }

    /** This spec with {@code errors} deciding what a short decode does. */
    public IngestSpec withDecodeErrors(DecodeErrors errors) {
        return new IngestSpec(
                input,
                streamId,
                settings,
                mask,
                dropFraction,
                detectDefects,
                guide,
                limits,
                tiles,
                segments,
                errors);
    }

    /** A spec without simulated drop-outs or defect detection. */
    public IngestSpec(
            Path input,
            String streamId,
            StreamHeader settings,
            Path mask,
            Path guide,
            SizeLimits limits) {
        this(input, streamId, settings, mask, 0, false, guide, limits);
    }
}
