package io.dipstream.frames.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoiseLevelTest {
    private static final int W = 320;
    private static final int H = 240;

    /** A smooth image in mid-grey (no clipping at σ ≤ 50), plus Gaussian noise of {@code sigma}. */
    private static byte[] noisy(double sigma, boolean texture, long seed) {
        Random rng = new Random(seed);
        byte[] rgb = new byte[3 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 90 + 40 * Math.sin(x / 37.0 + c) * Math.cos(y / 23.0) + x / 16.0;
                    if (texture && x < W * 3 / 4) {
                        // Fine texture over three quarters of the frame: a one-pixel checker.
                        v += ((x + y) % 2 == 0 ? 25 : -25) * Math.sin(y / 9.0);
                    }
                    v += sigma * rng.nextGaussian();
                    rgb[3 * (y * W + x) + c] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
        return rgb;
    }

    @ParameterizedTest
    @ValueSource(doubles = {5, 15, 25, 50})
    void estimatesKnownGaussianNoise(double sigma) {
        double s = NoiseLevel.sigma(noisy(sigma, false, (long) sigma), W, H);
        assertThat(s).isCloseTo(sigma, within(0.06 * sigma + 0.3));
    }

    @ParameterizedTest
    @ValueSource(doubles = {10, 25})
    void fineTextureOnMostOfTheFrameDoesNotReadAsNoise(double sigma) {
        double s = NoiseLevel.sigma(noisy(sigma, true, 7), W, H);
        assertThat(s).isCloseTo(sigma, within(0.1 * sigma));
    }

    @Test
    void aCleanSmoothFrameHasAlmostNoNoise() {
        assertThat(NoiseLevel.sigma(noisy(0, false, 1), W, H)).isLessThan(1.0);
    }

    @Test
    void aFrameTooSmallForOneTileGivesZero() {
        assertThat(NoiseLevel.sigma(new byte[3 * 8 * 8], 8, 8)).isZero();
    }

    @Test
    void aBufferOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> NoiseLevel.sigma(new byte[10], 4, 4))
                .hasMessageContaining("4x4")
                .hasMessageContaining("48");
    }

    @Test
    void theChiSquareQuantileMatchesATabulatedValue() {
        // chi2.ppf(0.2, 192) / 192 = 0.91325 (SciPy).
        assertThat(NoiseLevel.chiSquareQuantile(192)).isCloseTo(0.91325, within(5e-4));
    }
}
