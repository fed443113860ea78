package io.dipstream.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts frames back in index order and drops duplicates (a frame replayed after a restart, or a
 * record read twice).
 *
 * <p>Guarantees: {@link #drain} hands out frames with indices 0, 1, 2, … each exactly once and
 * never skips one; a frame with an index already handed out or already waiting is refused.
 *
 * @param <T> what is kept per frame
 */
final class FrameReorderer<T> {
    private final TreeMap<Long, T> waiting = new TreeMap<>();
    private long next;

    /** Takes frame {@code index}; false when it is a duplicate. */
    boolean offer(long index, T frame) {
        if (!accepts(index)) {
            return false;
        }
        waiting.put(index, frame);
        return true;
    }

    /**
     * Whether {@link #offer} would take frame {@code index} (it is neither written nor waiting).
     */
    boolean accepts(long index) {
        return index >= next && !waiting.containsKey(index);
    }

    /** The frames that can be written now, in order. */
    List<T> drain() {
        List<T> ready = new ArrayList<>();
        while (!waiting.isEmpty() && waiting.firstKey() == next) {
            ready.add(waiting.pollFirstEntry().getValue());
            next++;
        }
        return ready;
    }

    /** Index of the next frame to write (= frames handed out so far). */
    long next() {
        return next;
    }

    /** Frames waiting for an earlier one. */
    int waiting() {
        return waiting.size();
    }

    /** The first index missing below {@code count}, or -1 when frames 0..count-1 were all seen. */
    long firstMissing(long count) {
        long i = next;
        while (i < count && waiting.containsKey(i)) {
            i++;
        }
        return i < count ? i : -1;
    }
}
