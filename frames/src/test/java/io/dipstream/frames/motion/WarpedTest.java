package io.dipstream.frames.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WarpedTest {
    private static final int W = 48;
    private static final int H = 32;

    /** Grey texture as RGB8, moved {@code shift} pixels to the right. */
    private static byte[] rgb(int shift) {
        byte[] out = new byte[3 * W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int v = Math.round(BlockMotionTest.texture(x - shift, y));
                for (int c = 0; c < 3; c++) {
                    out[3 * (y * W + x) + c] = (byte) v;
                }
            }
        }
        return out;
    }

    @Test
    void aWholePixelShiftCopiesTheSamplesAndMarksWhatCameFromOutside() {
        byte[] a = rgb(0);
        byte[] b = rgb(2);
        BlockMotion m =
                BlockMotion.estimate(
                        GrayPlane.luma(a, W, H), GrayPlane.luma(b, W, H), GlobalShift.NONE, 16, 3);
        Warped w = Warped.of(a, m, W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = y * W + x;
                // The two leftmost columns' source lies left of frame a.
                assertThat(w.inside()[p]).as("inside at %d,%d", x, y).isEqualTo(x >= 2);
                if (x >= 2) {
                    assertThat(w.rgb()[3 * p]).isCloseTo(b[3 * p] & 0xff, within(1e-3f));
                }
            }
        }
    }

    @Test
    void catmullRomWeightsPassThroughTheSamplesAndSumToOne() {
        float[] w = new float[4];
        Warped.catmullRom(0, w);
        assertThat(w).containsExactly(0f, 1f, 0f, 0f);
        Warped.catmullRom(0.5f, w);
        assertThat(w[0] + w[1] + w[2] + w[3]).isCloseTo(1f, within(1e-6f));
        assertThat(w[1]).isEqualTo(w[2]);
        assertThat(w[0]).isNegative();
    }
}
