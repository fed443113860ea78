package io.dipstream.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResidualDetailTest {
    private static final int W = 64;
    private static final int H = 48;

    private static double mse(byte[] a, int[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xff) - b[i];
            s += d * d;
        }
        return s / a.length;
    }

    @Test
    void textureTheFitSmoothedAwayComesBackAndNoiseStaysOut() {
        // Clean: flat grey on the left half, a strong fine texture on the right half.
        int[] clean = new int[3 * W * H];
        byte[] smooth = new byte[clean.length];
        byte[] target = new byte[clean.length];
        Random r = new Random(2);
        double sigma = 8;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    int i = 3 * (y * W + x) + c;
                    clean[i] = 128 + (x >= W / 2 ? ((x + y) % 2 == 0 ? 60 : -60) : 0);
                    smooth[i] = (byte) 128; // an underfit fit: the texture is gone
                    target[i] = (byte) Math.round(clean[i] + sigma * r.nextGaussian());
                }
            }
        }
        byte[] out = ResidualDetail.DEFAULT.apply(smooth, target, W, H, sigma * sigma);
        double before = mse(smooth, clean);
        assertThat(mse(out, clean)).isLessThan(0.1 * before);
        // On the flat half the residual is noise only: the fit stays nearly untouched.
        double flatError = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W / 2; x++) {
                for (int c = 0; c < 3; c++) {
                    double d = (out[3 * (y * W + x) + c] & 0xff) - 128;
                    flatError += d * d;
                }
            }
        }
        assertThat(flatError / (3.0 * H * W / 2)).isLessThan(0.3 * sigma * sigma);
    }

    @Test
    void withoutNoiseTheTargetComesBackAsItIs() {
        byte[] fit = new byte[3 * W * H];
        byte[] target = new byte[fit.length];
        new Random(1).nextBytes(target);
        assertThat(ResidualDetail.DEFAULT.apply(fit, target, W, H, 0)).isEqualTo(target);
    }

    @Test
    void badSizesAndValuesAreNamed() {
        assertThatThrownBy(() -> new ResidualDetail(-1)).hasMessageContaining("radius");
        assertThatThrownBy(() -> ResidualDetail.DEFAULT.apply(new byte[3], new byte[3], W, H, 1))
                .hasMessageContaining(W + "x" + H);
        byte[] f = new byte[3 * W * H];
        assertThatThrownBy(() -> ResidualDetail.DEFAULT.apply(f, f, W, H, Double.NaN))
                .hasMessageContaining("noiseVariance");
    }
}
