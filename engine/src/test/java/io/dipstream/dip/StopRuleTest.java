package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The stopping rule ends warm runs once outputs settle, and never before its minimum. */
class StopRuleTest {
    static {
        NativeRuntime.configure();
    }

    @Test
    void badValuesNameTheParameter() {
        assertThatThrownBy(() -> StopRule.of(0, 5)).hasMessageContaining("minIterations");
        assertThatThrownBy(() -> StopRule.of(5, 0)).hasMessageContaining("patience");
        assertThatThrownBy(() -> new StopRule(5, 5, 0)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new VideoSchedule(100, 10, StopRule.of(20, 5)))
                .hasMessageContaining("minimum 20");
    }

    @Test
    void aWarmRunOnTheSameImageStopsEarlyButNotBeforeItsMinimum() {
        Image noisy = TestImages.noisy(TestImages.smooth(16, 16), 0.1, 3);
        DipEngine e = new DipEngine();
        e.run(
                Problem.denoise(noisy),
                DipEngineTest.tiny(300, 0),
                1,
                true,
                true,
                IterationListener.NONE);
        // The weights already fit this image: the outputs only jitter with the input noise.
        DipResult warm =
                e.run(
                        Problem.denoise(noisy),
                        DipEngineTest.tiny(200, 0.9),
                        1,
                        false,
                        false,
                        StopRule.of(8, 8),
                        IterationListener.NONE);
        assertThat(warm.iterations()).isBetween(16, 199);
    }

    @Test
    void aRunWhoseOutputsKeepMovingUsesItsCap() {
        Image noisy = TestImages.noisy(TestImages.smooth(16, 16), 0.1, 3);
        // From random weights the outputs move towards the image for far longer than 40 steps.
        DipResult cold =
                new DipEngine()
                        .run(
                                Problem.denoise(noisy),
                                DipEngineTest.tiny(40, 0),
                                1,
                                true,
                                true,
                                StopRule.of(5, 30),
                                IterationListener.NONE);
        assertThat(cold.iterations()).isEqualTo(40);
    }

    @Test
    void theDefaultScheduleCapsWarmFramesAtAFifthWithAStoppingRule() {
        VideoSchedule s = VideoSchedule.of(DipEngineTest.tiny(1000, 0.99));
        assertThat(s.firstFrame()).isEqualTo(1000);
        assertThat(s.laterFrames()).isEqualTo(200);
        assertThat(s.laterStop()).isEqualTo(StopRule.of(20, 40));
        assertThat(s.withLaterFrames(10).laterStop().minIterations()).isEqualTo(10);
        assertThat(s.fixed().laterStop()).isNull();
        VideoSchedule small = VideoSchedule.of(DipEngineTest.tiny(30, 0.99));
        assertThat(small.laterFrames()).isEqualTo(10);
        assertThat(small.laterStop().minIterations()).isEqualTo(5);
    }
}
