package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.frames.motion.GlobalShift;
import io.dipstream.frames.motion.GrayPlane;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlobalShiftTest {
    static GrayPlane luma(byte[] rgb) {
        return GrayPlane.luma(rgb, DefectScene.W, DefectScene.H);
    }

    @Test
    void findsThePanBetweenNoisyFrames() {
        // Frame t+1 is frame t moved 3 + t%2 px left and t%2 px up.
        List<byte[]> f = DefectScene.pan(3, 3, 0, false, 10, 1).frames;
        assertThat(GlobalShift.estimate(luma(f.get(0)), luma(f.get(1)), 8))
                .isEqualTo(new GlobalShift(-3, 0));
        assertThat(GlobalShift.estimate(luma(f.get(1)), luma(f.get(2)), 8))
                .isEqualTo(new GlobalShift(-4, -1));
        assertThat(GlobalShift.estimate(luma(f.get(2)), luma(f.get(0)), 8))
                .isEqualTo(new GlobalShift(7, 1));
    }

    @Test
    void isNotMisledByFlicker() {
        List<byte[]> f = DefectScene.pan(2, 1, 0, false, 5, 2).frames;
        GrayPlane brighter = luma(f.get(1));
        for (int i = 0; i < brighter.v().length; i++) {
            brighter.v()[i] += 40;
        }
        assertThat(GlobalShift.estimate(luma(f.get(0)), brighter, 8))
                .isEqualTo(new GlobalShift(-1, 0));
    }

    @Test
    void staysWithinTheSearchRange() {
        List<byte[]> f = DefectScene.pan(3, 3, 0, false, 0, 1).frames;
        GlobalShift s = GlobalShift.estimate(luma(f.get(0)), luma(f.get(2)), 2);
        assertThat(Math.max(Math.abs(s.dx()), Math.abs(s.dy()))).isLessThanOrEqualTo(2);
    }

    @Test
    void searchesAboutAPredictedShift() {
        // Frames 0 and 2 are 7 px apart: beyond a radius of 2 about no shift, within it about 6.
        List<byte[]> f = DefectScene.pan(3, 3, 0, false, 0, 1).frames;
        GrayPlane a = luma(f.get(2));
        GrayPlane b = luma(f.get(0));
        assertThat(GlobalShift.estimate(a, b, new GlobalShift(6, 0), 2))
                .isEqualTo(new GlobalShift(7, 1));
        assertThat(GlobalShift.estimate(a, b, GlobalShift.NONE, 2))
                .isNotEqualTo(new GlobalShift(7, 1));
        assertThat(new GlobalShift(-3, 2).times(2.5)).isEqualTo(new GlobalShift(-7, 5));
    }
}
