package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.testing.TestMedia;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dust and scratch detection on a synthetic pan over a photograph (see {@link DefectScene}). */
class DefectDetectorTest {
    private static final Logger LOG = LoggerFactory.getLogger(DefectDetectorTest.class);
    private static final int W = DefectScene.W;
    private static final int H = DefectScene.H;

    private final DefectDetector detector = new DefectDetector(DefectThresholds.DEFAULT);

    @ParameterizedTest
    @ValueSource(doubles = {0, 5, 10})
    void findsDustAndScratchesInANoisyPan(double sigma) {
        DefectScene scene = DefectScene.pan(8, 1, 4, true, sigma, 3);
        DefectScene.Score score = scene.score(scene.detect(detector));
        LOG.info("pan, σ={}: {}", sigma, score);
        assertThat(score.recall()).as(score.toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(score.falsePositiveRate()).as(score.toString()).isLessThanOrEqualTo(0.02);
    }

    @Test
    void marksLittleBeyondTheDefectsBeforeDilation() {
        DefectScene scene = DefectScene.pan(8, 1, 4, true, 10, 4);
        DefectDetector undilated = new DefectDetector(withDilation(0));
        DefectScene.Score score = scene.score(scene.detect(undilated));
        LOG.info("pan, σ=10, no dilation: {}", score);
        assertThat(score.recall()).as(score.toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(score.falsePositiveRate()).as(score.toString()).isLessThanOrEqualTo(0.003);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void leavesACleanNoisyPanAlone(int speed) {
        // speed 3 moves 3-4 px per frame, beyond the local motion radius: the global shift has to
        // catch it.
        DefectScene scene = DefectScene.pan(speed == 1 ? 8 : 5, speed, 0, false, 10, 5);
        DefectScene.Score score = scene.score(scene.detect(detector));
        LOG.info("clean pan, speed {}, σ=10: {}", speed, score);
        assertThat(score.falsePositiveRate()).as(score.toString()).isLessThanOrEqualTo(0.001);
    }

    @Test
    void findsDefectsInAFastPan() {
        // Without dilation: in five small frames the dilated rims alone come to ~2% of the pixels.
        DefectScene scene = DefectScene.pan(5, 3, 4, true, 10, 6);
        DefectScene.Score score = scene.score(scene.detect(new DefectDetector(withDilation(0))));
        LOG.info("pan, speed 3, σ=10, no dilation: {}", score);
        assertThat(score.recall()).as(score.toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(score.falsePositiveRate()).as(score.toString()).isLessThanOrEqualTo(0.003);
    }

    @Test
    void ignoresFlicker() {
        List<byte[]> f = DefectScene.pan(3, 1, 0, false, 10, 7).frames;
        assertThat(fraction(detector.detect(W, H, f.get(0), brighter(f.get(1), 30), f.get(2))))
                .isLessThanOrEqualTo(0.001);
        assertThat(fraction(detector.detect(W, H, f.get(0), brighter(f.get(1), -30), f.get(2))))
                .isLessThanOrEqualTo(0.001);
    }

    @Test
    void takesAOneFrameShotForNoDust() {
        List<byte[]> pan = DefectScene.pan(3, 1, 0, false, 10, 8).frames;
        byte[] other = DefectScene.pan(9, 1, 0, false, 10, 9).frames.get(8);
        assertThat(fraction(detector.detect(W, H, pan.get(0), other, pan.get(2))))
                .isLessThanOrEqualTo(0.01);
    }

    @Test
    void leavesAFrameAfterACutAlone() {
        List<byte[]> pan = DefectScene.pan(3, 1, 0, false, 10, 8).frames;
        byte[] other = DefectScene.pan(9, 1, 0, false, 10, 9).frames.get(8);
        assertThat(fraction(detector.detect(W, H, other, pan.get(1), pan.get(2))))
                .isLessThanOrEqualTo(0.001);
    }

    @Test
    void leavesTheFramesAroundARealSceneCutAlone() {
        // sample-videos/cut.mp4 cuts from a pan over a cat to a zoom into a coffee cup after frame
        // 23.
        List<byte[]> f = TestMedia.rgbFrames(Path.of("..", "sample-videos", "cut.mp4"));
        for (int t = 22; t <= 25; t++) {
            byte[] mask = detector.detect(160, 96, f.get(t - 1), f.get(t), f.get(t + 1));
            assertThat(fraction(mask)).as("frame %d", t).isLessThanOrEqualTo(0.001);
        }
    }

    @Test
    void judgesDustAgainstTheOneNeighbourAtTheEnds() {
        List<byte[]> f = DefectScene.pan(2, 1, 0, false, 5, 10).frames;
        byte[] dusty = withSpeck(f.get(0), 40, 50, 4, 240);
        assertThat(detector.detect(W, H, null, dusty, f.get(1))[50 * W + 41]).isEqualTo((byte) 255);
        assertThat(detector.detect(W, H, f.get(1), dusty, null)[50 * W + 41]).isEqualTo((byte) 255);
        // Without neighbours only scratches can be found.
        assertThat(fraction(detector.detect(W, H, null, dusty, null))).isZero();
    }

    @Test
    void refusesFramesOfTheWrongSizeNamingThem() {
        byte[] ok = new byte[W * H * 3];
        assertThatThrownBy(() -> detector.detect(W, H, new byte[5], ok, ok))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prev");
        assertThatThrownBy(() -> detector.detect(W, H, ok, null, ok)).hasMessageContaining("cur");
    }

    @Test
    void thresholdsNameTheBadParameter() {
        assertThatThrownBy(() -> withDilation(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dilation");
        DefectThresholds d = DefectThresholds.DEFAULT;
        assertThatThrownBy(
                        () ->
                                new DefectThresholds(
                                        d.dustContrast(),
                                        d.pixelContrast(),
                                        d.agreement(),
                                        d.motionRadius(),
                                        d.maxShift(),
                                        d.scratchContrast(),
                                        d.scratchWidth(),
                                        1.5,
                                        d.dilation(),
                                        d.maxDustFraction()))
                .hasMessageContaining("scratchMinLength");
    }

    static DefectThresholds withDilation(int dilation) {
        DefectThresholds d = DefectThresholds.DEFAULT;
        return new DefectThresholds(
                d.dustContrast(),
                d.pixelContrast(),
                d.agreement(),
                d.motionRadius(),
                d.maxShift(),
                d.scratchContrast(),
                d.scratchWidth(),
                d.scratchMinLength(),
                dilation,
                d.maxDustFraction());
    }

    /** A copy of {@code rgb} with a square speck of side {@code d} at (x, y). */
    static byte[] withSpeck(byte[] rgb, int x, int y, int d, int grey) {
        byte[] out = rgb.clone();
        for (int yy = y; yy < y + d; yy++) {
            for (int xx = x; xx < x + d; xx++) {
                for (int ch = 0; ch < 3; ch++) {
                    out[3 * (yy * W + xx) + ch] = (byte) grey;
                }
            }
        }
        return out;
    }

    private static byte[] brighter(byte[] rgb, int delta) {
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, (rgb[i] & 0xff) + delta));
        }
        return out;
    }

    private static double fraction(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += b != 0 ? 1 : 0;
        }
        return (double) n / mask.length;
    }
}
