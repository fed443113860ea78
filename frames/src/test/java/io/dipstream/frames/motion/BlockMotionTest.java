package io.dipstream.frames.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BlockMotionTest {
    static final int W = 64;
    static final int H = 32;

    static float texture(double x, double y) {
        return (float)
                (128 + 60 * Math.sin(x * 0.41 + y * 0.13) + 40 * Math.cos(y * 0.37 - x * 0.11));
    }

    /** The texture with its left half moved by (left, down) and its right half by (right, down). */
    static GrayPlane split(int left, int right, int down) {
        float[] v = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int s = x < W / 2 ? left : right;
                v[y * W + x] = texture(x - s, y - down);
            }
        }
        return new GrayPlane(W, H, v);
    }

    @Test
    void eachBlockFindsItsOwnShiftAroundTheGlobalOne() {
        // The left half moves right, the right half left, both down by one: no one shift fits.
        GrayPlane a = split(0, 0, 0);
        GrayPlane b = split(2, -2, 1);
        BlockMotion m = BlockMotion.estimate(a, b, new GlobalShift(0, 0), 16, 3);
        assertThat(m.dx(20, 20)).isCloseTo(2f, within(0.1f));
        assertThat(m.dy(20, 20)).isCloseTo(1f, within(0.1f));
        assertThat(m.dx(40, 20)).isCloseTo(-2f, within(0.1f));
        assertThat(m.dy(40, 20)).isCloseTo(1f, within(0.1f));
        assertThat(m.valid(40, 8)).isTrue();
        // The top row's source is one row short, but most of it is inside: it still follows.
        assertThat(m.dy(20, 8)).isCloseTo(1f, within(0.1f));
        assertThat(m.dx(2, 20)).isCloseTo(2f, within(0.1f));
    }

    @Test
    void aShiftBetweenThePixelsIsFoundToWithinAQuarterPixel() {
        float[] a = new float[W * H];
        float[] b = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                a[y * W + x] = texture(x, y);
                b[y * W + x] = texture(x - 1.5, y - 0.5);
            }
        }
        BlockMotion m =
                BlockMotion.estimate(
                        new GrayPlane(W, H, a), new GrayPlane(W, H, b), GlobalShift.NONE, 16, 3);
        assertThat(m.dx(40, 20)).isCloseTo(1.5f, within(0.25f));
        assertThat(m.dy(40, 20)).isCloseTo(0.5f, within(0.25f));
        // A whole-pixel match leaves no residual, so no fraction either.
        BlockMotion exact =
                BlockMotion.estimate(split(0, 0, 0), split(2, 2, 1), GlobalShift.NONE, 16, 3);
        assertThat(exact.dx(40, 20)).isEqualTo(2f);
        assertThat(exact.dy(40, 20)).isEqualTo(1f);
    }

    @Test
    void flatBlocksKeepTheGlobalShiftAndBlocksWithoutASourceAreInvalid() {
        GrayPlane flat = new GrayPlane(W, H, new float[W * H]);
        BlockMotion m = BlockMotion.estimate(flat, flat, new GlobalShift(1, 0), 16, 3);
        assertThat(m.dx(40, 20)).isEqualTo(1f);
        assertThat(m.dy(40, 20)).isZero();
        // Shifts of 9 to 11 to the right leave less than half of the first block column's source
        // inside the frame.
        BlockMotion far = BlockMotion.estimate(flat, flat, new GlobalShift(10, 0), 16, 1);
        assertThat(far.valid(0, 0)).isFalse();
        assertThat(far.valid(40, 0)).isTrue();
        assertThatThrownBy(() -> BlockMotion.estimate(flat, split(0, 0, 0), GlobalShift.NONE, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block");
    }

    static final int ZW = 160;
    static final int ZH = 96;

    /** The texture zoomed by {@code scale} about the frame's centre. */
    static GrayPlane zoomed(double scale) {
        float[] v = new float[ZW * ZH];
        double cx = (ZW - 1) / 2.0;
        double cy = (ZH - 1) / 2.0;
        for (int y = 0; y < ZH; y++) {
            for (int x = 0; x < ZW; x++) {
                v[y * ZW + x] = texture(cx + (x - cx) / scale, cy + (y - cy) / scale);
            }
        }
        return new GrayPlane(ZW, ZH, v);
    }

    /** Where a zoom by {@code scale} moved pixel x (or y) of a side of {@code n} pixels. */
    static double zoomShift(double x, int n, double scale) {
        double c = (n - 1) / 2.0;
        return (x - c) * (1 - 1 / scale);
    }

    @Test
    void aFurtherFrameOfAZoomIsSearchedAboutTheNearerOnesMotionExtrapolated() {
        GrayPlane a = zoomed(1);
        // 1.03: the corners move 2.3 px, within the radius of 3; 1.09: 6.6 px, beyond it.
        BlockMotion near = BlockMotion.estimate(a, zoomed(1.03), GlobalShift.NONE, 16, 3);
        GrayPlane far = zoomed(1.09);
        BlockMotion plain = BlockMotion.estimate(a, far, GlobalShift.NONE, 16, 3);
        BlockMotion extrapolated = BlockMotion.extrapolated(a, far, near, 3, GlobalShift.NONE, 3);
        int x = 8;
        int y = 8;
        double truth = zoomShift(7.5, ZW, 1.09);
        assertThat(Math.abs(plain.dx(x, y) - truth)).isGreaterThan(2.0);
        assertThat((double) extrapolated.dx(x, y)).isCloseTo(truth, within(0.5));
        assertThat((double) extrapolated.dy(x, y)).isCloseTo(zoomShift(7.5, ZH, 1.09), within(0.5));
        // Near the centre (the block of 80..95) the motion is small.
        assertThat((double) extrapolated.dx(80, 48))
                .isCloseTo(zoomShift(87.5, ZW, 1.09), within(0.25));
    }
}
