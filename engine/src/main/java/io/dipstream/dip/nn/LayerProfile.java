package io.dipstream.dip.nn;

import java.util.Map;
import java.util.TreeMap;

/**
 * Optional wall-time totals per layer kind and direction, for profiling the generator (enabled by
 * {@code -Ddipstream.profile=true}; when off, a layer call costs one boolean test).
 */
public final class LayerProfile {
    static final boolean ENABLED = Boolean.getBoolean("dipstream.profile");
    private static final Map<String, long[]> TOTALS = new TreeMap<>();

    private LayerProfile() {}

    static void add(String key, long nanos) {
        synchronized (TOTALS) {
            long[] t = TOTALS.computeIfAbsent(key, k -> new long[2]);
            t[0] += nanos;
            t[1]++;
        }
    }

    /** Milliseconds per kind since the last reset, as "kind.direction=ms (calls)" lines. */
    public static String report() {
        StringBuilder b = new StringBuilder();
        synchronized (TOTALS) {
            TOTALS.forEach(
                    (k, t) ->
                            b.append(
                                    String.format(
                                            "%-36s %10.1f ms %8d calls%n", k, t[0] / 1e6, t[1])));
        }
        return b.toString();
    }

    public static void reset() {
        synchronized (TOTALS) {
            TOTALS.clear();
        }
    }
}
