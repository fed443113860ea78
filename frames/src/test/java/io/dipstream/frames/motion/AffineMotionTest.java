package io.dipstream.frames.motion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AffineMotionTest {
    @Test
    void aZoomsBlockFieldIsOneAffineMap() {
        BlockMotion m =
                BlockMotion.estimate(
                        BlockMotionTest.zoomed(1),
                        BlockMotionTest.zoomed(1.03),
                        GlobalShift.NONE,
                        16,
                        3);
        AffineMotion a = AffineMotion.fit(m);
        assertThat(a).isNotNull();
        for (int[] p : new int[][] {{0, 0}, {159, 95}, {30, 70}}) {
            assertThat(a.dx(p[0], p[1]))
                    .isCloseTo(
                            BlockMotionTest.zoomShift(p[0], BlockMotionTest.ZW, 1.03), within(0.3));
            assertThat(a.dy(p[0], p[1]))
                    .isCloseTo(
                            BlockMotionTest.zoomShift(p[1], BlockMotionTest.ZH, 1.03), within(0.3));
        }
        AffineMotion twice = a.times(2);
        assertThat(twice.dx(0, 0)).isCloseTo(2 * a.dx(0, 0), within(1e-9));
    }

    @Test
    void aPanIsOneShiftEverywhereAndAFlatFrameHasNoFit() {
        BlockMotion pan =
                BlockMotion.estimate(
                        BlockMotionTest.split(0, 0, 0),
                        BlockMotionTest.split(2, 2, 1),
                        GlobalShift.NONE,
                        8,
                        3);
        AffineMotion a = AffineMotion.fit(pan);
        assertThat(a.dx(5, 5)).isCloseTo(2, within(1e-6));
        assertThat(a.dy(60, 30)).isCloseTo(1, within(1e-6));
        GrayPlane flat = new GrayPlane(64, 32, new float[64 * 32]);
        assertThat(AffineMotion.fit(BlockMotion.estimate(flat, flat, GlobalShift.NONE, 8, 3)))
                .isNull();
    }
}
