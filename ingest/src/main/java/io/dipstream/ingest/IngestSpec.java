package io.dipstream.ingest;

import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import java.nio.file.Path;

/**
 * One stream to ingest. Validated on construction; messages name the parameter.
 *
 * @param input the video, image sequence pattern or directory of images
 * @param streamId the stream's id: the Kafka key of all its records
 * @param settings task, factor, preset, seed, schedule and Adam choice of the stream (the source's
 *     own facts, size, rate and count, are filled in by {@link Ingest})
 * @param mask inpainting: one mask image for every frame (white = fill), else null
 * @param guide flash/no-flash: the flash video, frame by frame with {@code input}, else null
 * @param limits record size limit
 */
public record IngestSpec(
        Path input,
        String streamId,
        StreamHeader settings,
        Path mask,
        Path guide,
        SizeLimits limits) {
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
        if (settings.getTask() == TaskKind.INPAINT && mask == null) {
            throw new IllegalArgumentException("task inpaint needs a mask");
        }
        if (settings.getTask() == TaskKind.FLASH && guide == null) {
            throw new IllegalArgumentException("task flash needs a guide (flash) video");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits must be given");
        }
    }
}
