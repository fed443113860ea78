package io.dipstream.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.dip.Task;
import io.dipstream.frames.RejectedRecordException;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {
    @Test
    void coldAndWarmFramesGetTheirSchedulesIterations() {
        StreamHeader h = TestStreams.header(TaskKind.DENOISE, 24, 20);
        StreamSettings s = StreamSettings.of(h, Task.DENOISE, 1);
        assertThat(s.cold().iterations()).isEqualTo(12);
        assertThat(s.warm().iterations()).isEqualTo(4);
        assertThat(s.cold().preset()).isEqualTo("fast");
        assertThat(s.blend().strength()).isZero();
    }

    @Test
    void aBadPresetIsRefusedAndTheFrameRejectedNamingIt() {
        StreamHeader bad =
                TestStreams.hashed(
                        TestStreams.header(TaskKind.DENOISE, 24, 20).toBuilder()
                                .setPreset("turbo")
                                .build());
        assertThatThrownBy(() -> StreamSettings.of(bad, Task.DENOISE, 1))
                .hasMessageContaining("unknown preset 'turbo'");
        assertThatThrownBy(
                        () ->
                                new FrameRestorer()
                                        .restore(
                                                bad,
                                                PreRollTest.frame(0, 100),
                                                FrameRestorer.Carry.NONE,
                                                (i, n, l) -> {}))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("frame 0: bad stream settings: unknown preset 'turbo'");
    }
}
