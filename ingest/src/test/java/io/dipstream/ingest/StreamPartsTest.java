package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.StreamKey;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import io.dipstream.frames.segments.SegmentPlan;
import io.dipstream.frames.segments.SegmentRange;
import io.dipstream.frames.tiles.TileGrid;
import io.dipstream.frames.tiles.TileRect;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamPartsTest {
    private static final StreamHeader WHOLE =
            StreamHeader.newBuilder()
                    .setTask(TaskKind.DENOISE)
                    .setWidth(130)
                    .setHeight(80)
                    .setFps(25)
                    .build();

    @Test
    void everyPlaneIsCutToItsTileAndEachTileHasItsOwnHeader() throws Exception {
        TileGrid grid = new TileGrid(130, 80, 64, 16);
        StreamParts parts = new StreamParts("clip", grid, SegmentPlan.NONE.ranges(-1), 10);
        assertThat(parts.keys()).hasSize(grid.count());
        assertThat(StreamKey.slotOf(parts.keys().get(2))).isEqualTo(12);
        assertThat(StreamKey.stream(parts.keys().get(2))).isEqualTo("clip");

        List<StreamHeader> hs = parts.headers(WHOLE);
        assertThat(hs.get(1).getWidth()).isEqualTo(64);
        assertThat(hs.get(1).getTile().getX()).isEqualTo(grid.tiles().get(1).x());
        assertThat(hs.get(1).getTile().getFrameWidth()).isEqualTo(130);
        assertThat(hs.get(1).getTile().getSize()).isEqualTo(64);
        assertThat(hs.get(1).hasSegment()).isFalse();
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
        List<StreamParts.Part> cut = parts.cut(f);
        assertThat(cut).hasSize(grid.count());
        for (TileRect t : grid.tiles()) {
            StreamParts.Part part = cut.get(t.index());
            assertThat(part.part()).isEqualTo(t.index());
            FrameRecord p = part.record();
            assertThat(p.getIndex()).isEqualTo(7);
            assertThat(p.getTargetNoiseFraction()).isEqualTo(0.3f);
            assertThat(PlaneCodec.decode(p.getRgb())).isEqualTo(t.crop(rgb, 130, 3));
            assertThat(PlaneCodec.decode(p.getTarget())).isEqualTo(t.crop(target, 130, 3));
            assertThat(PlaneCodec.decode(p.getMask())).isEqualTo(t.crop(mask, 130, 1));
            assertThat(p.hasGuide()).isFalse();
        }
    }

    @Test
    void aFrameGoesToItsSegmentAndToTheNextOnesLeadIn() {
        TileGrid whole = new TileGrid(130, 80, 0, 0);
        List<SegmentRange> segs = new SegmentPlan(0, 10, 3).ranges(25);
        StreamParts parts = new StreamParts("clip", whole, segs, 0);
        assertThat(parts.keys()).containsExactly("clip~t0@0", "clip~s1~t0@1", "clip~s2~t0@2");
        List<StreamHeader> hs = parts.headers(WHOLE);
        assertThat(hs.get(1).getSegment().getFirstFrame()).isEqualTo(10);
        assertThat(hs.get(1).getSegment().getLeadIn()).isEqualTo(3);
        assertThat(hs.get(2).getSegment().getCount()).isEqualTo(3);
        FrameRecord f7 = FrameRecord.newBuilder().setIndex(7).build();
        FrameRecord f3 = FrameRecord.newBuilder().setIndex(3).build();
        FrameRecord f24 = FrameRecord.newBuilder().setIndex(24).build();
        assertThat(parts.cut(f7).stream().map(StreamParts.Part::part)).containsExactly(0, 1);
        assertThat(parts.cut(f3).stream().map(StreamParts.Part::part)).containsExactly(0);
        assertThat(parts.cut(f24).stream().map(StreamParts.Part::part)).containsExactly(2);
        // Untiled parts carry the frame unchanged.
        assertThat(parts.cut(f7).get(1).record()).isSameAs(f7);
    }
}
