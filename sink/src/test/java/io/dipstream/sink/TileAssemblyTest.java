package io.dipstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.RestoreStats;
import io.dipstream.frames.proto.Tile;
import io.dipstream.frames.tiles.TileGrid;
import io.dipstream.frames.tiles.TileRect;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TileAssemblyTest {
    private static final TileGrid GRID = new TileGrid(150, 70, 64, 16);

    private static Tile layout() {
        return Tile.newBuilder()
                .setCount(GRID.count())
                .setFrameWidth(150)
                .setFrameHeight(70)
                .setSize(64)
                .setOverlap(16)
                .build();
    }

    private static FrameRecord tile(byte[] frame, TileRect t, long index, int its, boolean cold) {
        return FrameRecord.newBuilder()
                .setIndex(index)
                .setPtsMicros(index * 40_000)
                .setRgb(PlaneCodec.encode(t.crop(frame, 150, 3), t.width(), t.height(), 3))
                .setStats(
                        RestoreStats.newBuilder()
                                .setIterations(its)
                                .setSeconds(0.5)
                                .setCold(cold)
                                .setNoiseSigma(10 + t.index()))
                .build();
    }

    @Test
    void aFrameComesOutOnceItsLastTileIsInWithTheTilesStatsTogether() throws Exception {
        byte[] frame = new byte[150 * 70 * 3];
        new Random(9).nextBytes(frame);
        List<TileRect> tiles = GRID.tiles();
        assertThat(tiles).hasSize(6);
        TileAssembly a = new TileAssembly(layout(), 1);
        FrameRecord whole = null;
        // Out of order, and interleaved with the next frame's first tile.
        for (int k = tiles.size() - 1; k >= 0; k--) {
            assertThat(whole).isNull();
            whole = a.offer(k, tile(frame, tiles.get(k), 3, 10 + k, k == 2));
            if (k == 4) {
                assertThat(a.offer(0, tile(frame, tiles.get(0), 4, 1, false))).isNull();
            }
        }
        assertThat(whole).isNotNull();
        assertThat(whole.getIndex()).isEqualTo(3);
        assertThat(whole.getPtsMicros()).isEqualTo(120_000);
        assertThat(PlaneCodec.decode(whole.getRgb())).isEqualTo(frame);
        assertThat(whole.getRgb().getWidth()).isEqualTo(150);
        RestoreStats s = whole.getStats();
        assertThat(s.getIterations()).isEqualTo(10 + 11 + 12 + 13 + 14 + 15);
        assertThat(s.getSeconds()).isEqualTo(3.0);
        assertThat(s.getCold()).isTrue();
        assertThat(s.getNoiseSigma()).isEqualTo(12.5f);
        assertThat(a.waiting()).isEqualTo(1);
    }

    @Test
    void aTileTwiceOrOutsideTheGridIsRefused() throws Exception {
        byte[] frame = new byte[150 * 70 * 3];
        TileAssembly a = new TileAssembly(layout(), 1);
        a.offer(1, tile(frame, GRID.tiles().get(1), 0, 1, false));
        assertThatThrownBy(() -> a.offer(1, tile(frame, GRID.tiles().get(1), 0, 1, false)))
                .hasMessageContaining("arrived twice");
        assertThatThrownBy(() -> a.offer(6, tile(frame, GRID.tiles().get(1), 0, 1, false)))
                .hasMessageContaining("outside the grid");
        assertThatThrownBy(() -> new TileAssembly(layout().toBuilder().setCount(4).build(), 1))
                .hasMessageContaining("4 tiles");
    }
}
