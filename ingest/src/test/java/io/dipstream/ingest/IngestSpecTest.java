package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IngestSpecTest {
    static final Path IN = Path.of("in.mkv");
    static final Path MASK = Path.of("mask.png");

    static StreamHeader task(TaskKind t) {
        return IngestTest.settings().toBuilder().setTask(t).build();
    }

    static IngestSpec spec(TaskKind t, Path mask, double drop, boolean detect) {
        return new IngestSpec(IN, "s", task(t), mask, drop, detect, null, SizeLimits.DEFAULT);
    }

    @Test
    void theShortConstructorNeitherDropsNorDetects() {
        IngestSpec s =
                new IngestSpec(IN, "s", task(TaskKind.INPAINT), MASK, null, SizeLimits.DEFAULT);
        assertThat(s.dropFraction()).isZero();
        assertThat(s.detectDefects()).isFalse();
    }

    @Test
    void inpaintingNeedsSomeMask() {
        assertThatThrownBy(() -> spec(TaskKind.INPAINT, null, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--task inpaint needs --mask or --drop-fraction");
        assertThat(spec(TaskKind.INPAINT, null, 0.5, false).dropFraction()).isEqualTo(0.5);
        assertThat(spec(TaskKind.INPAINT, null, 0, true).detectDefects()).isTrue();
        assertThat(spec(TaskKind.INPAINT, MASK, 0.2, true).mask()).isEqualTo(MASK);
    }

    @Test
    void dropFractionMustBeAFractionBelowOne() {
        for (double bad : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> spec(TaskKind.INPAINT, MASK, bad, false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("dropFraction must be in [0, 1)");
        }
    }

    @Test
    void droppingAndDetectingAreForInpaintingOnly() {
        assertThatThrownBy(() -> spec(TaskKind.DENOISE, null, 0.1, false))
                .hasMessage("dropFraction is only valid with task inpaint, got task DENOISE");
        assertThatThrownBy(() -> spec(TaskKind.DENOISE, null, 0, true))
                .hasMessage("detectDefects is only valid with task inpaint, got task DENOISE");
    }
}
