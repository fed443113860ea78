package io.dipstream.frames.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentPlanTest {
    @Test
    void segmentsCoverEveryFrameOnceAndStartTheirLeadInEarly() {
        List<SegmentRange> r = new SegmentPlan(3, 0, 4).ranges(25);
        assertThat(r)
                .containsExactly(
                        new SegmentRange(0, 0, 0, 9),
                        new SegmentRange(1, 5, 9, 18),
                        new SegmentRange(2, 14, 18, Long.MAX_VALUE));
        for (long i = 0; i < 25; i++) {
            long owners = 0;
            for (SegmentRange s : r) {
                owners += i >= s.first() && i < s.end() ? 1 : 0;
            }
            assertThat(owners).as("frame %d", i).isEqualTo(1);
        }
        assertThat(r.get(1).restores(5)).isTrue();
        assertThat(r.get(1).restores(4)).isFalse();
        assertThat(r.get(1).leadIn()).isEqualTo(4);
        assertThat(new SegmentPlan(0, 10, 2).ranges(25)).hasSize(3);
        assertThat(SegmentPlan.NONE.ranges(-1)).hasSize(1);
    }

    @Test
    void segmentsThatDoNotFitTheClipAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> new SegmentPlan(30, 0, 4).ranges(25))
                .hasMessageContaining("--segments 30");
        assertThatThrownBy(() -> new SegmentPlan(0, 25, 4).ranges(25))
                .hasMessageContaining("--segment-frames 25");
        assertThatThrownBy(() -> new SegmentPlan(2, 0, 4).ranges(0))
                .hasMessageContaining("frame count");
        assertThatThrownBy(() -> new SegmentPlan(2, 5, 0)).hasMessageContaining("either");
        assertThatThrownBy(() -> new SegmentPlan(0, 0, 0)).hasMessageContaining("either");
    }
}
