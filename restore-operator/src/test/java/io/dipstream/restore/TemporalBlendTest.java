package io.dipstream.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TemporalBlendTest {
    static final int W = 64;
    static final int H = 48;

    /** A smooth texture with structure in both directions, so that the motion is unambiguous. */
    static int texture(int x, int y) {
        return (int)
                (128 + 50 * Math.sin(x * 0.37 + y * 0.11) + 40 * Math.cos(y * 0.29 - x * 0.07));
    }

    /** The texture moved by (dx, dy), plus Gaussian noise of {@code sigma} levels. */
    static byte[] frame(int dx, int dy, double sigma, long seed) {
        Random r = new Random(seed);
        byte[] rgb = new byte[3 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                for (int c = 0; c < 3; c++) {
                    int v =
                            texture(x - dx, y - dy)
                                    + 10 * c
                                    + (int) Math.round(sigma * r.nextGaussian());
                    rgb[3 * (y * W + x) + c] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        return rgb;
    }

    static double mse(byte[] a, byte[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xff) - (b[i] & 0xff);
            s += d * d;
        }
        return s / a.length;
    }

    @Test
    void averagesAlongTheMotion() {
        byte[] previous = frame(0, 0, 0, 1);
        byte[] clean = frame(3, -2, 0, 2);
        byte[] current = frame(3, -2, 4, 3);
        byte[] out = new TemporalBlend(0.6).apply(current, previous, W, H);
        // Only pixels whose source is inside the previous frame can improve.
        assertThat(mse(inner(out), inner(clean)))
                .isLessThan(0.4 * mse(inner(current), inner(clean)));
        // Uncovered pixels (the left three columns here) keep the restored value.
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < 3; x++) {
                int i = 3 * (y * W + x);
                assertThat(out[i]).isEqualTo(current[i]);
            }
        }
    }

    /** The samples away from the border the motion uncovers. */
    static byte[] inner(byte[] rgb) {
        byte[] out = new byte[3 * (W - 8) * (H - 8)];
        int k = 0;
        for (int y = 4; y < H - 4; y++) {
            for (int x = 4; x < W - 4; x++) {
                for (int c = 0; c < 3; c++) {
                    out[k++] = rgb[3 * (y * W + x) + c];
                }
            }
        }
        return out;
    }

    @Test
    void aMovingObjectLeavesNoGhost() {
        byte[] previous = frame(0, 0, 0, 1);
        byte[] current = frame(0, 0, 0, 1);
        // A bright square at (10..19, 10..19) before, gone now: the background there must stay.
        for (int y = 10; y < 20; y++) {
            for (int x = 10; x < 20; x++) {
                for (int c = 0; c < 3; c++) {
                    previous[3 * (y * W + x) + c] = (byte) 250;
                }
            }
        }
        byte[] out = new TemporalBlend(0.9).apply(current, previous, W, H);
        double change = 0;
        for (int i = 0; i < out.length; i++) {
            int y = i / 3 / W;
            int x = i / 3 % W;
            int d = Math.abs((out[i] & 0xff) - (current[i] & 0xff));
            if (y >= 10 && y < 20 && x >= 10 && x < 20) {
                change += d;
            } else {
                assertThat(d).as("outside the square, at %d,%d", x, y).isZero();
            }
        }
        // Only the square's corners, where the 5x5 window sees little of it, move at all.
        assertThat(change / 300).as("mean change inside the square, levels").isLessThan(1);
    }

    @Test
    void strengthZeroChangesNothingAndBadInputIsNamed() {
        byte[] current = frame(0, 0, 4, 1);
        assertThat(new TemporalBlend(0).apply(current, frame(0, 0, 4, 2), W, H)).isSameAs(current);
        assertThatThrownBy(() -> new TemporalBlend(1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strength");
        assertThatThrownBy(() -> new TemporalBlend(0.5).apply(current, new byte[3], W, H))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64x48");
    }
}
