package io.dipstream.frames;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamKeyTest {
    @Test
    void aTileKeyNamesItsStreamTileAndSlot() {
        String k = StreamKey.tile("clip~t1@2", 3, 7);
        assertThat(k).isEqualTo("clip~t1@2~t3@7");
        assertThat(StreamKey.stream(k)).isEqualTo("clip~t1@2");
        assertThat(StreamKey.tileOf(k)).isEqualTo(3);
        assertThat(StreamKey.slotOf(k)).isEqualTo(7);
    }

    @Test
    void aSegmentsKeyNamesItsSegmentToo() {
        String k = StreamKey.part("clip", 2, 1, 9);
        assertThat(k).isEqualTo("clip~s2~t1@9");
        assertThat(StreamKey.stream(k)).isEqualTo("clip");
        assertThat(StreamKey.segmentOf(k)).isEqualTo(2);
        assertThat(StreamKey.tileOf(k)).isEqualTo(1);
        assertThat(StreamKey.slotOf(k)).isEqualTo(9);
        assertThat(StreamKey.segmentOf(StreamKey.tile("clip", 1, 9))).isZero();
        assertThat(StreamKey.segmentOf("clip")).isEqualTo(-1);
    }

    @Test
    void aWholeStreamsKeyIsItsId() {
        assertThat(StreamKey.stream("clip@home")).isEqualTo("clip@home");
        assertThat(StreamKey.tileOf("clip@home")).isEqualTo(-1);
        assertThat(StreamKey.slotOf("clip~t3")).isEqualTo(-1);
    }
}
