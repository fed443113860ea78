package io.dipstream.frames.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TileBlenderTest {
    @Test
    void tilesCutFromAFrameBlendBackToExactlyThatFrame() {
        for (int[] c : new int[][] {{320, 240, 128, 16}, {130, 70, 64, 31}, {200, 90, 96, 0}}) {
            byte[] frame = new byte[c[0] * c[1] * 3];
            new Random(c[0]).nextBytes(frame);
            TileGrid g = new TileGrid(c[0], c[1], c[2], c[3]);
            List<byte[]> tiles = new ArrayList<>();
            for (TileRect t : g.tiles()) {
                tiles.add(t.crop(frame, c[0], 3));
            }
            assertThat(new TileBlender(g, 1).blend(tiles, 3)).isEqualTo(frame);
        }
    }

    @Test
    void theSeamIsALinearRampAcrossTheOverlap() {
        // Two tiles side by side, one all 0 and one all 200: across the 32 shared columns the
        // blend climbs evenly from the left tile's value to the right one's.
        TileGrid g = new TileGrid(224, 64, 128, 32);
        List<TileRect> ts = g.tiles();
        assertThat(ts).hasSize(2);
        int start = ts.get(1).x();
        int end = ts.get(0).x() + ts.get(0).width();
        assertThat(end - start).isEqualTo(32);
        byte[] frame =
                new TileBlender(g, 1)
                        .blend(List.of(filled(ts.get(0), 0, 1), filled(ts.get(1), 200, 1)), 1);
        for (int x = 0; x < 224; x++) {
            int v = frame[10 * 224 + x] & 0xff;
            if (x < start) {
                assertThat(v).isZero();
            } else if (x >= end) {
                assertThat(v).isEqualTo(200);
            } else {
                assertThat(v).isCloseTo((int) Math.round(200 * (x - start + 0.5) / 32), within1());
            }
        }
    }

    @Test
    void superResolvedTilesBlendAtTheFactor() {
        TileGrid g = new TileGrid(160, 64, 96, 16);
        byte[] big = new byte[320 * 128 * 3];
        new Random(3).nextBytes(big);
        TileBlender b = new TileBlender(g, 2);
        List<byte[]> tiles = new ArrayList<>();
        for (TileRect t : g.tiles()) {
            tiles.add(t.scaled(2).crop(big, 320, 3));
        }
        assertThat(b.width()).isEqualTo(320);
        assertThat(b.blend(tiles, 3)).isEqualTo(big);
    }

    @Test
    void aWrongTileIsRefused() {
        TileGrid g = new TileGrid(224, 64, 128, 32);
        TileBlender b = new TileBlender(g, 1);
        assertThatThrownBy(() -> b.blend(List.of(new byte[3]), 3)).hasMessageContaining("2 tiles");
        assertThatThrownBy(() -> b.blend(List.of(new byte[3], new byte[3]), 3))
                .hasMessageContaining("tile 0");
    }

    private static org.assertj.core.data.Offset<Integer> within1() {
        return org.assertj.core.data.Offset.offset(1);
    }

    private static byte[] filled(TileRect t, int v, int channels) {
        byte[] p = new byte[t.width() * t.height() * channels];
        java.util.Arrays.fill(p, (byte) v);
        return p;
    }
}
