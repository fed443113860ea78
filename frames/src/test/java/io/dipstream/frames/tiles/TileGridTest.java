package io.dipstream.frames.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TileGridTest {
    @Test
    void tilesCoverEveryPixelAndNeighboursShareAtLeastTheOverlap() {
        for (int[] c :
                new int[][] {
                    {320, 240, 128, 16},
                    {330, 130, 128, 32},
                    {3840, 2160, 512, 32},
                    {129, 64, 64, 8},
                    {100, 100, 64, 0}
                }) {
            TileGrid g = new TileGrid(c[0], c[1], c[2], c[3]);
            int[] hits = new int[c[0] * c[1]];
            for (TileRect t : g.tiles()) {
                assertThat(t.width()).isEqualTo(Math.min(c[0], c[2]));
                assertThat(t.height()).isEqualTo(Math.min(c[1], c[2]));
                assertThat(t.x() + t.width()).isLessThanOrEqualTo(c[0]);
                assertThat(t.y() + t.height()).isLessThanOrEqualTo(c[1]);
                for (int y = t.y(); y < t.y() + t.height(); y++) {
                    for (int x = t.x(); x < t.x() + t.width(); x++) {
                        hits[y * c[0] + x]++;
                    }
                }
            }
            for (int h : hits) {
                assertThat(h).as("grid %s", g).isPositive();
            }
            List<TileRect> row = g.tiles().stream().filter(t -> t.y() == 0).toList();
            for (int i = 1; i < row.size(); i++) {
                int shared = row.get(i - 1).x() + row.get(i - 1).width() - row.get(i).x();
                assertThat(shared).as("grid %s", g).isGreaterThanOrEqualTo(c[3]);
            }
            assertThat(g.count()).isEqualTo(g.tiles().size());
        }
    }

    @Test
    void aFrameNoLargerThanATileIsOneTileAndZeroTurnsTilingOff() {
        assertThat(new TileGrid(320, 240, 320, 16).tiles())
                .containsExactly(new TileRect(0, 0, 0, 320, 240));
        assertThat(new TileGrid(1920, 1080, 0, 0).tiled()).isFalse();
        TileGrid g = new TileGrid(320, 240, 192, 32);
        assertThat(g.tiles())
                .containsExactly(
                        new TileRect(0, 0, 0, 192, 192),
                        new TileRect(1, 128, 0, 192, 192),
                        new TileRect(2, 0, 48, 192, 192),
                        new TileRect(3, 128, 48, 192, 192));
    }

    @Test
    void badSizesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> TileGrid.check(32, 8)).hasMessageContaining("--tile-size 32");
        assertThatThrownBy(() -> TileGrid.check(128, 64)).hasMessageContaining("--tile-overlap 64");
        assertThatThrownBy(() -> TileGrid.check(128, -1)).hasMessageContaining("--tile-overlap");
        TileGrid.check(0, 0);
        TileGrid.check(64, 31);
    }

    @Test
    void theAutomaticGridKeepsSdWholeAndBoundsLargeFrames() {
        assertThat(TileGrid.auto(640, 480, 1).tiled()).isFalse();
        assertThat(TileGrid.auto(320, 240, 2).count()).isGreaterThanOrEqualTo(2);
        TileGrid k4 = TileGrid.auto(3840, 2160, 1);
        assertThat(k4.tiled()).isTrue();
        TileRect t = k4.tiles().get(0);
        assertThat((long) t.width() * t.height()).isLessThanOrEqualTo(TileGrid.MAX_TILE_PIXELS);
        assertThat(TileGrid.auto(1280, 720, 8).count()).isGreaterThanOrEqualTo(8);
    }
}
