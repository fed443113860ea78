package io.dipstream.frames.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TemporalTargetTest {
    private static final int W = 96;
    private static final int H = 64;
    private static final double SIGMA = 20;

    /** A textured scene seen {@code shift} pixels to the right per frame, with a square at sq. */
    private static int[] clean(int frame, int shift, int squareX) {
        int[] v = new int[3 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int sx = x + shift * frame;
                for (int c = 0; c < 3; c++) {
                    double s = 120 + 50 * Math.sin(sx / 5.0 + c) * Math.cos(y / 7.0);
                    if (squareX >= 0 && x >= squareX && x < squareX + 16 && y >= 24 && y < 40) {
                        s = 240;
                    }
                    v[3 * (y * W + x) + c] = (int) Math.round(s);
                }
            }
        }
        return v;
    }

    private static byte[] noisy(int[] clean, long seed) {
        Random r = new Random(seed);
        byte[] out = new byte[clean.length];
        for (int i = 0; i < clean.length; i++) {
            out[i] =
                    (byte)
                            Math.max(
                                    0,
                                    Math.min(255, Math.round(clean[i] + SIGMA * r.nextGaussian())));
        }
        return out;
    }

    private static double mse(byte[] a, int[] clean, int x0, int x1, int y0, int y1) {
        double s = 0;
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                for (int c = 0; c < 3; c++) {
                    int i = 3 * (y * W + x) + c;
                    double d = (a[i] & 0xff) - clean[i];
                    s += d * d;
                    n++;
                }
            }
        }
        return s / n;
    }

    private static double mse(byte[] a, int[] clean) {
        return mse(a, clean, 0, W, 0, H);
    }

    @Test
    void neighboursAlongAPanAverageTheNoiseAway() {
        int[] centre = clean(2, 3, -1);
        List<TemporalTarget.Neighbour> neighbours = new ArrayList<>();
        for (int f : new int[] {0, 1, 3, 4}) {
            neighbours.add(new TemporalTarget.Neighbour(f - 2, noisy(clean(f, 3, -1), f)));
        }
        byte[] frame = noisy(centre, 2);
        TemporalTarget.Result t = TemporalTarget.of(frame, neighbours, W, H, SIGMA);
        // Five views where the pan keeps them inside the frame: the noise variance falls by
        // about five there, less near the borders the pan uncovers.
        assertThat(mse(t.rgb(), centre) / mse(frame, centre)).isLessThan(0.35);
        assertThat(t.noiseFraction()).isBetween(0.2, 0.35);
        assertThat(t.neighbourWeight()).isGreaterThan(3.0);
    }

    /** Fine stripes (a period of 7 pixels) seen {@code shift} pixels further right per frame. */
    private static int[] stripes(int frame, double shift) {
        int[] v = new int[3 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double sx = x + shift * frame;
                for (int c = 0; c < 3; c++) {
                    double s =
                            128 + 80 * Math.sin(2 * Math.PI * sx / 7 + c) + 20 * Math.cos(y / 6.0);
                    v[3 * (y * W + x) + c] = (int) Math.round(s);
                }
            }
        }
        return v;
    }

    @Test
    void aPanByHalfAPixelPerFrameIsFollowedBetweenThePixels() {
        // Every neighbour is half a pixel off a whole-pixel shift (frames ±1 and ±3): a
        // whole-pixel warp would misplace the stripes by half a pixel, an error of about
        // 80·2·sin(π/14) ≈ 36 levels, larger than the noise, and they would not count.
        int[] centre = stripes(3, 0.5);
        List<TemporalTarget.Neighbour> neighbours = new ArrayList<>();
        for (int f : new int[] {0, 2, 4, 6}) {
            neighbours.add(new TemporalTarget.Neighbour(f - 3, noisy(stripes(f, 0.5), f)));
        }
        byte[] frame = noisy(centre, 3);
        TemporalTarget.Result t = TemporalTarget.of(frame, neighbours, W, H, SIGMA);
        assertThat(mse(t.rgb(), centre, 8, W - 8, 0, H) / mse(frame, centre, 8, W - 8, 0, H))
                .isLessThan(0.3);
    }

    @Test
    void anObjectThatMovesOnItsOwnIsNotSmearedIntoTheBackground() {
        int[] centre = clean(0, 0, 40);
        byte[] frame = noisy(centre, 1);
        // In the neighbours the square stands 24 pixels to the left and right.
        List<TemporalTarget.Neighbour> neighbours =
                List.of(
                        new TemporalTarget.Neighbour(-1, noisy(clean(0, 0, 16), 2)),
                        new TemporalTarget.Neighbour(1, noisy(clean(0, 0, 64), 3)));
        TemporalTarget.Result t = TemporalTarget.of(frame, neighbours, W, H, SIGMA);
        // Where the square is now, and where it was, the target stays near the truth: no ghost.
        assertThat(mse(t.rgb(), centre, 40, 56, 24, 40)).isLessThan(1.2 * SIGMA * SIGMA);
        assertThat(mse(t.rgb(), centre, 16, 32, 24, 40)).isLessThan(1.2 * SIGMA * SIGMA);
        // Away from the square the background is averaged.
        assertThat(mse(t.rgb(), centre, 0, W, 0, 16)).isLessThan(0.5 * SIGMA * SIGMA);
    }

    @Test
    void aNeighbourFromAnotherSceneGetsNoWeight() {
        int[] centre = clean(0, 0, -1);
        byte[] frame = noisy(centre, 1);
        byte[] other = new byte[frame.length];
        Arrays.fill(other, (byte) 20);
        TemporalTarget.Result t =
                TemporalTarget.of(
                        frame, List.of(new TemporalTarget.Neighbour(1, other)), W, H, SIGMA);
        assertThat(t.rgb()).isEqualTo(frame);
        assertThat(t.noiseFraction()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void missingNeighboursAtAClipsEndsAreSkipped() {
        byte[] frame = noisy(clean(0, 0, -1), 1);
        List<TemporalTarget.Neighbour> neighbours = new ArrayList<>();
        neighbours.add(new TemporalTarget.Neighbour(-1, null));
        TemporalTarget.Result t = TemporalTarget.of(frame, neighbours, W, H, SIGMA);
        assertThat(t.rgb()).isEqualTo(frame);
    }

    @Test
    void framesOfTheWrongSizeAreRefused() {
        byte[] frame = new byte[3 * W * H];
        assertThatThrownBy(
                        () ->
                                TemporalTarget.of(
                                        frame,
                                        List.of(new TemporalTarget.Neighbour(1, new byte[5])),
                                        W,
                                        H,
                                        SIGMA))
                .hasMessageContaining(W + "x" + H);
    }
}
