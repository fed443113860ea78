package io.dipstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.frames.StreamKey;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

class SpreadKeysTest {
    @Test
    void tilesSpreadOverSubtasksWithCountsDifferingByAtMostOne() {
        for (int p = 1; p <= 9; p++) {
            SpreadKeys keys = new SpreadKeys(p);
            for (int n = 1; n <= 40; n++) {
                int[] counts = new int[p];
                for (int t = 0; t < n; t++) {
                    String k = keys.getKey(Tuple2.of(StreamKey.tile("video-7", t, t), null));
                    int subtask =
                            KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                    k, SpreadKeys.MAX_PARALLELISM, p);
                    assertThat(subtask).isEqualTo(t % p);
                    counts[subtask]++;
                }
                int min = java.util.Arrays.stream(counts).min().orElseThrow();
                int max = java.util.Arrays.stream(counts).max().orElseThrow();
                assertThat(max - min).as("%d tiles on %d subtasks", n, p).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void plainHashingAloneDoesNotSpreadThem() {
        // Why the salt exists: some stream names put most of their four tiles on one of two.
        int worst = 0;
        for (int s = 0; s < 50; s++) {
            int[] counts = new int[2];
            for (int t = 0; t < 4; t++) {
                counts[
                        KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                StreamKey.tile("clip" + s, t, t), SpreadKeys.MAX_PARALLELISM, 2)]++;
            }
            worst = Math.max(worst, Math.max(counts[0], counts[1]));
        }
        assertThat(worst).isGreaterThanOrEqualTo(3);
    }

    @Test
    void routesAreStableAndWholeStreamsKeepTheirId() {
        SpreadKeys a = new SpreadKeys(3);
        SpreadKeys b = new SpreadKeys(3);
        String k = StreamKey.tile("clip", 2, 5);
        assertThat(a.route(k)).isEqualTo(b.route(k));
        assertThat(StreamKey.stream(a.route(k).replaceAll("#\\d+$", ""))).isEqualTo("clip");
        assertThat(a.route("clip")).isEqualTo("clip");
        assertThat(new SpreadKeys(1).route(k)).isEqualTo(k);
    }
}
