package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.dip.nn.SkipConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class DipEngineTest {
    static {
        NativeRuntime.configure();
    }

    /** A tiny net: 3 scales of 8 channels. */
    static DipSettings tiny(int iterations, double ema) {
        return new DipSettings(
                "test",
                SkipConfig.uniform(8, 3, 3, 8, 8, 2, SkipConfig.Upsample.BILINEAR),
                iterations,
                0.01,
                1.0 / 30,
                ema,
                DipSettings.InputKind.NOISE,
                true);
    }

    @Test
    void denoisingImprovesOnTheNoisyImage() {
        Image clean = TestImages.smooth(24, 20);
        Image noisy = TestImages.noisy(clean, 0.1, 3);
        DipResult r =
                new DipEngine()
                        .run(
                                Problem.denoise(noisy),
                                tiny(150, 0.99),
                                1,
                                true,
                                true,
                                IterationListener.NONE);
        assertThat(r.image().height()).isEqualTo(24);
        assertThat(r.image().width()).isEqualTo(20);
        assertThat(TestImages.psnr(r.image(), clean))
                .isGreaterThan(TestImages.psnr(noisy, clean) + 1.0);
        assertThat(r.iterations()).isEqualTo(150);
        assertThat(r.preset()).isEqualTo("test");
        assertThat(r.engineVersion()).isEqualTo(DipEngine.VERSION);
    }

    @Test
    void sameSeedGivesTheSameResult() {
        Image noisy = TestImages.noisy(TestImages.smooth(16, 16), 0.1, 3);
        DipResult a =
                new DipEngine()
                        .run(
                                Problem.denoise(noisy),
                                tiny(20, 0.99),
                                5,
                                true,
                                true,
                                IterationListener.NONE);
        DipResult b =
                new DipEngine()
                        .run(
                                Problem.denoise(noisy),
                                tiny(20, 0.99),
                                5,
                                true,
                                true,
                                IterationListener.NONE);
        DipResult c =
                new DipEngine()
                        .run(
                                Problem.denoise(noisy),
                                tiny(20, 0.99),
                                6,
                                true,
                                true,
                                IterationListener.NONE);
        assertThat(a.image().data()).containsExactly(b.image().data());
        assertThat(a.image().data()).isNotEqualTo(c.image().data());
    }

    @Test
    void inpaintingFitsOnlyKnownPixels() {
        Image clean = TestImages.smooth(16, 16);
        float[] known = new float[16 * 16];
        float[] damaged = clean.data().clone();
        for (int i = 0; i < known.length; i++) {
            known[i] = i % 3 == 0 ? 0f : 1f;
            if (known[i] == 0f) {
                for (int c = 0; c < 3; c++) {
                    damaged[c * 256 + i] = 1f; // white damage
                }
            }
        }
        Image damagedIm = new Image(3, 16, 16, damaged);
        DipResult r =
                new DipEngine()
                        .run(
                                Problem.inpaint(damagedIm, new Image(1, 16, 16, known)),
                                tiny(200, 0),
                                2,
                                true,
                                true,
                                IterationListener.NONE);
        // The filled pixels approach the clean image rather than the white damage.
        assertThat(TestImages.psnr(r.image(), clean))
                .isGreaterThan(TestImages.psnr(damagedIm, clean) + 3);
    }

    @Test
    void superResolutionOutputIsFactorTimesLarger() {
        Image low = TestImages.smooth(10, 12);
        DipResult r =
                new DipEngine()
                        .run(
                                Problem.superResolve(low, 4),
                                tiny(3, 0),
                                1,
                                true,
                                true,
                                IterationListener.NONE);
        assertThat(r.image().height()).isEqualTo(40);
        assertThat(r.image().width()).isEqualTo(48);
    }

    @Test
    void flashUsesTheGuideAsInputAndNeedsThreeInputChannels() {
        Image noFlash = TestImages.noisy(TestImages.smooth(16, 16), 0.1, 1);
        Image flash = TestImages.smooth(16, 16);
        assertThatThrownBy(
                        () ->
                                new DipEngine()
                                        .run(
                                                Problem.flash(noFlash, flash),
                                                tiny(2, 0),
                                                1,
                                                true,
                                                true,
                                                IterationListener.NONE))
                .hasMessageContaining("inputDepth 3");
        DipSettings s =
                tiny(30, 0)
                        .withNet(SkipConfig.uniform(3, 3, 3, 8, 8, 2, SkipConfig.Upsample.NEAREST));
        DipResult r =
                new DipEngine()
                        .run(
                                Problem.flash(noFlash, flash),
                                s,
                                1,
                                true,
                                true,
                                IterationListener.NONE);
        assertThat(r.image().height()).isEqualTo(16);
    }

    @Test
    void exportedStateWarmStartsAnotherEngineIdentically() {
        Image noisy = TestImages.noisy(TestImages.smooth(16, 16), 0.1, 3);
        DipEngine a = new DipEngine();
        a.run(Problem.denoise(noisy), tiny(10, 0), 1, true, true, IterationListener.NONE);
        NetworkState state = a.exportState();
        assertThat(state.adamSteps()).isEqualTo(10);
        DipEngine b = new DipEngine();
        int[] shape = DipEngine.networkShape(Problem.denoise(noisy), tiny(1, 0).net());
        b.ensureNetwork(tiny(1, 0).net(), shape[0], shape[1], 99);
        b.importState(state);
        DipResult ra =
                a.run(Problem.denoise(noisy), tiny(5, 0), 7, false, false, IterationListener.NONE);
        DipResult rb =
                b.run(Problem.denoise(noisy), tiny(5, 0), 7, false, false, IterationListener.NONE);
        assertThat(rb.image().data()).containsExactly(ra.image().data());
        assertThat(b.exportState().adamSteps()).isEqualTo(15);
    }

    @Test
    void adamFirstStepMovesEachWeightByTheLearningRate() {
        var p = Nd4j.createFromArray(1f, 2f, 3f);
        var g = Nd4j.createFromArray(0.5f, -2f, 1e-3f);
        new Adam(p, g).step(0.01);
        assertThat(p.getFloat(0)).isCloseTo(0.99f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(p.getFloat(1)).isCloseTo(2.01f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(p.getFloat(2)).isCloseTo(2.99f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void lanczosKernelMatchesTheReferenceShape() {
        double[] t = LanczosDownsampler.taps(4);
        assertThat(t).hasSize(16);
        double sum = 0;
        for (int i = 0; i < 16; i++) {
            sum += t[i];
            assertThat(t[i]).isCloseTo(t[15 - i], org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(t[7]).isGreaterThan(t[5]);
        assertThat(t[0]).isLessThan(0); // Lanczos lobes
    }

    @Test
    void reflectPadRepeatsWithoutTheEdge() {
        Image im = new Image(1, 1, 3, new float[] {1, 2, 3});
        assertThat(im.reflectPad(1, 8).data()).containsExactly(1, 2, 3, 2, 1, 2, 3, 2);
    }

    @Test
    void aWarmRunWithFreshMomentsRampsItsFirstStepsInsteadOfMovingEveryWeightByTheFullRate() {
        Problem p = Problem.denoise(TestImages.noisy(TestImages.smooth(16, 16), 0.1, 3));
        DipEngine engine = new DipEngine();
        engine.run(p, tiny(5, 0), 1, true, true, FitBudget.NONE, IterationListener.NONE);
        float[] before = engine.exportState().weights();
        engine.run(p, tiny(1, 0), 1, false, true, FitBudget.NONE, IterationListener.NONE);
        float[] after = engine.exportState().weights();
        double largest = largestChange(before, after);
        // Adam's first step moves each weight with a gradient by the step size, whatever the
        // gradient's magnitude: here a (WARM_RAMP + 1)-th of the learning rate.
        double first = 0.01 / (DipEngine.WARM_RAMP + 1);
        assertThat(largest).isBetween(0.9 * first, 1.01 * first);
        // Carried moments are not ramped: the next step is an ordinary one.
        engine.run(p, tiny(1, 0), 1, false, false, FitBudget.NONE, IterationListener.NONE);
        float[] carried = engine.exportState().weights();
        assertThat(largestChange(after, carried)).isGreaterThan(1.5 * first);
    }

    private static double largestChange(float[] from, float[] to) {
        double largest = 0;
        for (int k = 0; k < from.length; k++) {
            largest = Math.max(largest, Math.abs(to[k] - from[k]));
        }
        return largest;
    }
}
