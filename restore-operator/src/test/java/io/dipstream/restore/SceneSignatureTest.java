package io.dipstream.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Noise and small motion stay far below the default cut threshold; another scene is far above. */
class SceneSignatureTest {
    static final int W = 64;
    static final int H = 48;

    /**
     * A smooth colourful scene, shifted {@code dx} pixels, plus Gaussian noise of {@code sigma}.
     */
    static byte[] scene(int kind, int dx, double sigma, long seed) {
        Random r = new Random(seed);
        byte[] rgb = new byte[3 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double u = (x + dx) / (double) W;
                double v = y / (double) H;
                double[] c =
                        kind == 0
                                ? new double[] {200 * u + 30, 150 * v + 50, 120}
                                : new double[] {60, 220 - 150 * u * v, 40 + 180 * v};
                for (int k = 0; k < 3; k++) {
                    double p = c[k] + sigma * r.nextGaussian();
                    rgb[3 * (y * W + x) + k] = (byte) Math.max(0, Math.min(255, Math.round(p)));
                }
            }
        }
        return rgb;
    }

    @Test
    void identicalFramesAreAtDistanceZero() {
        byte[] a = scene(0, 0, 0, 1);
        assertThat(SceneSignature.of(a, W, H).distance(SceneSignature.of(a.clone(), W, H)))
                .isZero();
    }

    @Test
    void noiseAndAPanStayBelowTheThresholdAndACutIsAboveIt() {
        SceneSignature first = SceneSignature.of(scene(0, 0, 25, 1), W, H);
        double panned = first.distance(SceneSignature.of(scene(0, 2, 25, 2), W, H));
        double cut = first.distance(SceneSignature.of(scene(1, 0, 25, 3), W, H));
        assertThat(panned).isLessThan(0.03);
        assertThat(cut).isGreaterThan(0.15);
        assertThat(cut).isEqualTo(SceneSignature.of(scene(1, 0, 25, 3), W, H).distance(first));
    }

    @Test
    void wrongSizesAreRefused() {
        assertThatThrownBy(() -> SceneSignature.of(new byte[10], W, H))
                .hasMessageContaining("10 bytes");
        assertThatThrownBy(() -> new SceneSignature(new float[3])).hasMessageContaining("got 3");
    }
}
