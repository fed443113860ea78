package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.StreamKey;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import io.dipstream.frames.tiles.TileGrid;
import io.dipstream.frames.tiles.TileRect;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameTilerTest {
    @Test
    void everyPlaneIsCutToItsTileAndEachTileHasItsOwnHeader() throws Exception {
        TileGrid grid = new TileGrid(130, 80, 64, 16);
        FrameTiler tiler = new FrameTiler("clip", grid, 10);
        assertThat(tiler.keys()).hasSize(grid.count());
        assertThat(StreamKey.slotOf(tiler.keys().get(2))).isEqualTo(12);
        assertThat(StreamKey.stream(tiler.keys().get(2))).isEqualTo("clip");

        StreamHeader whole =
                StreamHeader.newBuilder()
                        .setTask(TaskKind.DENOISE)
                        .setWidth(130)
                        .setHeight(80)
                        .setFps(25)
                        .build();
        List<StreamHeader> hs = tiler.headers(whole);
        assertThat(hs.get(1).getWidth()).isEqualTo(64);
        assertThat(hs.get(1).getTile().getX()).isEqualTo(grid.tiles().get(1).x());
        assertThat(hs.get(1).getTile().getFrameWidth()).isEqualTo(130);
        assertThat(hs.get(1).getTile().getSize()).isEqualTo(64);
        assertThat(hs.stream().map(StreamHeader::getConfigHash).distinct()).hasSize(hs.size());

        byte[] rgb = new byte[130 * 80 * 3];
        byte[] target = new byte[130 * 80 * 3];
        byte[] mask = new byte[130 * 80];
        Random r = new Random(4);
        r.nextBytes(rgb);
        r.nextBytes(target);
        r.nextBytes(mask);
        FrameRecord f =
                FrameRecord.newBuilder()
                        .setIndex(7)
                        .setPtsMicros(280_000)
                        .setRgb(PlaneCodec.encode(rgb, 130, 80, 3))
                        .setTarget(PlaneCodec.encode(target, 130, 80, 3))
                        .setTargetNoiseFraction(0.3f)
                        .setMask(PlaneCodec.encode(mask, 130, 80, 1))
                        .build();
        List<FrameRecord> parts = tiler.cut(f);
        for (TileRect t : grid.tiles()) {
            FrameRecord p = parts.get(t.index());
            assertThat(p.getIndex()).isEqualTo(7);
            assertThat(p.getTargetNoiseFraction()).isEqualTo(0.3f);
            assertThat(PlaneCodec.decode(p.getRgb())).isEqualTo(t.crop(rgb, 130, 3));
            assertThat(PlaneCodec.decode(p.getTarget())).isEqualTo(t.crop(target, 130, 3));
            assertThat(PlaneCodec.decode(p.getMask())).isEqualTo(t.crop(mask, 130, 1));
            assertThat(p.hasGuide()).isFalse();
        }
    }
}
