package io.dipstream.restore;

import io.dipstream.frames.Records;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;

/** Stream headers of small test streams: fast preset, 12 cold and 4 warm iterations. */
public final class TestStreams {
    private TestStreams() {}

    /** A {@code width × height} stream of {@code task}, with its config hash. */
    public static StreamHeader header(TaskKind task, int width, int height) {
        StreamHeader h =
                StreamHeader.newBuilder()
                        .setSource("test")
                        .setFps(25)
                        .setWidth(width)
                        .setHeight(height)
                        .setFrameCount(3)
                        .setTask(task)
                        .setFactor(1)
                        .setPreset("fast")
                        .setSeed(11)
                        .setFirstFrameIterations(12)
                        .setLaterFrameIterations(4)
                        .setCarryAdam(true)
                        .build();
        return hashed(h);
    }

    /** {@code h} with the config hash of its settings. */
    public static StreamHeader hashed(StreamHeader h) {
        return h.toBuilder().setConfigHash(Records.configHash(h)).build();
    }
}
