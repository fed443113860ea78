package io.dipstream.job;

import io.dipstream.frames.StreamKey;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The job's key: a whole stream's id as it is, and a tile's key with a salt that sends slot {@code
 * s} to subtask {@code s mod parallelism}, so that the run's tiles spread over the subtasks with
 * counts differing by at most one (Flink's hashing alone put 3 or 4 of 4 tiles on one of two
 * subtasks for some names).
 *
 * <p>The salt depends on the parallelism: a job rescaled to another parallelism finds its tiles
 * under new keys and starts them cold (their frames are not lost: progress is kept by the sink).
 */
public final class SpreadKeys implements KeySelector<Tuple2<String, byte[]>, String> {
    private static final long serialVersionUID = 1L;

    /** Flink's default for parallelism up to 85; set on the keyed operator so the two agree. */
    public static final int MAX_PARALLELISM = 128;

    private final int parallelism;
    private transient Map<String, String> routes;

    public SpreadKeys(int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException(
                    "parallelism must be in [1, " + MAX_PARALLELISM + "], got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    @Override
    public String getKey(Tuple2<String, byte[]> record) {
        return route(record.f0);
    }

    /** The Flink key for the record key {@code key}. */
    public String route(String key) {
        int slot = StreamKey.slotOf(key);
        if (slot < 0 || parallelism == 1) {
            return key;
        }
        if (routes == null) {
            routes = new HashMap<>();
        }
        return routes.computeIfAbsent(key, k -> salted(k, slot % parallelism));
    }

    /** The subtask that a Flink key goes to. */
    public int subtask(String flinkKey) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(
                flinkKey, MAX_PARALLELISM, parallelism);
    }

    private String salted(String key, int wanted) {
        if (subtask(key) == wanted) {
            return key;
        }
        // Each salt lands on the wanted subtask with chance 1/parallelism: a few tries suffice.
        for (int salt = 1; ; salt++) {
            String k = key + "#" + salt;
            if (subtask(k) == wanted) {
                return k;
            }
        }
    }
}
