package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.testing.TestMedia;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameWindowTest {
    @TempDir Path dir;

    static Long index(DecodedFrame f) {
        return f == null ? null : f.index();
    }

    @Test
    void keepsTwoFramesEachSideOfTheCurrentOne() throws Exception {
        Path clip =
                TestMedia.ffv1Clip(
                        dir.resolve("c.mkv"), 8, 6, 8, TestMedia.randomFrames(8, 6, 3, 1));
        try (VideoSource v = VideoSource.open(clip)) {
            FrameWindow w = new FrameWindow(v, 2);
            assertThat(w.advance()).isTrue();
            assertThat(
                            new Long[] {
                                index(w.at(-2)),
                                index(w.at(-1)),
                                index(w.at(0)),
                                index(w.at(1)),
                                index(w.at(2))
                            })
                    .containsExactly(null, null, 0L, 1L, 2L);
            assertThat(w.advance()).isTrue();
            assertThat(w.advance()).isTrue();
            assertThat(
                            new Long[] {
                                index(w.at(-2)),
                                index(w.at(-1)),
                                index(w.at(0)),
                                index(w.at(1)),
                                index(w.at(2))
                            })
                    .containsExactly(0L, 1L, 2L, null, null);
            assertThat(w.advance()).isFalse();
            assertThatThrownBy(() -> w.at(3)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
