package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The discrepancy principle, the seconds cap and the underfit flag of one fit. */
class FitBudgetTest {
    static {
        NativeRuntime.configure();
    }

    private static final double SIGMA = 0.1;

    private static Image noisy() {
        return TestImages.noisy(TestImages.smooth(16, 16), SIGMA, 3);
    }

    /** A cold fit of the noisy image, capped at {@code iterations}. */
    private static DipResult coldFit(int iterations, FitBudget budget) {
        return new DipEngine()
                .run(
                        Problem.denoise(noisy()),
                        DipEngineTest.tiny(iterations, 0),
                        1,
                        true,
                        true,
                        budget,
                        IterationListener.NONE);
    }

    @Test
    void badValuesNameTheParameter() {
        assertThatThrownBy(() -> new FitBudget(null, -1, 0)).hasMessageContaining("lossFloor");
        assertThatThrownBy(() -> new FitBudget(null, 0, Double.NaN))
                .hasMessageContaining("maxSeconds");
    }

    @Test
    void aFitStopsWhenItsResidualReachesWhatTheNoiseExplains() {
        DipResult r = coldFit(3000, new FitBudget(null, SIGMA * SIGMA, 0));
        assertThat(r.stopReason()).isEqualTo(StopReason.DISCREPANCY);
        assertThat(r.iterations()).isLessThan(3000);
        assertThat(r.finalLoss()).isLessThanOrEqualTo(SIGMA * SIGMA * 1.0001);
        assertThat(r.underfit()).isFalse();
    }

    @Test
    void aFitThatEndsAtItsCapFarAboveTheFloorIsUnderfit() {
        DipResult r = coldFit(3, new FitBudget(null, SIGMA * SIGMA, 0));
        assertThat(r.stopReason()).isEqualTo(StopReason.ITERATIONS);
        assertThat(r.underfit()).isTrue();
    }

    @Test
    void withoutAFloorNothingIsCalledUnderfit() {
        DipResult r = coldFit(3, FitBudget.NONE);
        assertThat(r.stopReason()).isEqualTo(StopReason.ITERATIONS);
        assertThat(r.underfit()).isFalse();
    }

    @Test
    void settledOutputsDoNotEndAFitThatIsStillFarFromTheData() {
        Image image = noisy();
        DipEngine e = new DipEngine();
        e.run(
                Problem.denoise(image),
                DipEngineTest.tiny(300, 0),
                1,
                true,
                true,
                IterationListener.NONE);
        // The same warm run that settles within 200 steps (StopRuleTest) may not stop while the
        // floor is far below anything the fit reaches.
        DipResult r =
                e.run(
                        Problem.denoise(image),
                        DipEngineTest.tiny(60, 0.9),
                        1,
                        false,
                        false,
                        new FitBudget(StopRule.of(8, 8), 1e-9, 0),
                        IterationListener.NONE);
        assertThat(r.iterations()).isEqualTo(60);
        assertThat(r.underfit()).isTrue();
    }

    @Test
    void theSecondsCapEndsAFit() {
        DipResult r = coldFit(1_000_000, new FitBudget(null, 0, 0.5));
        assertThat(r.stopReason()).isEqualTo(StopReason.SECONDS);
        assertThat(r.iterations()).isLessThan(1_000_000);
    }
}
