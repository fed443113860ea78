package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.restore.SceneSignature;
import io.dipstream.testing.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default scene-cut threshold on the sample clips: the hard cut of {@code cut.mp4} at frame 24
 * is found, and neither the pan, the zoom nor the noisy pan has a false cut.
 */
class SceneCutSamplesTest {
    static List<Integer> cuts(String sample) {
        List<byte[]> frames = TestMedia.rgbFrames(Path.of("../sample-videos", sample));
        List<Integer> cuts = new ArrayList<>();
        SceneSignature previous = null;
        for (int i = 0; i < frames.size(); i++) {
            SceneSignature s = SceneSignature.of(frames.get(i), 160, 96);
            if (previous != null && s.distance(previous) > StreamOptions.SCENE_CUT_THRESHOLD) {
                cuts.add(i);
            }
            previous = s;
        }
        return cuts;
    }

    @Test
    void theTwoSceneSampleHasOneCutAtFrame24() {
        assertThat(cuts("cut.mp4")).containsExactly(24);
    }

    @Test
    void panZoomAndNoiseAreNotCuts() {
        assertThat(cuts("pan.mp4")).isEmpty();
        assertThat(cuts("zoom.mp4")).isEmpty();
        assertThat(cuts("pan-noisy25.mkv")).isEmpty();
    }
}
