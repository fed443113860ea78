package io.dipstream.frames;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka key (and Flink key) of a stream or of one tile of it: a whole stream is keyed by its
 * id; tile {@code i} of stream {@code s} by {@code s~t<i>@<slot>}, where the slot numbers the run's
 * keys so that the job can spread them evenly over its subtasks.
 */
public final class StreamKey {
    private static final Pattern TILE = Pattern.compile("(.+)~t(\\d+)@(\\d+)");

    private StreamKey() {}

    /** The key of tile {@code tile} of {@code stream}, numbered {@code slot} in the run. */
    public static String tile(String stream, int tile, int slot) {
        if (tile < 0 || slot < 0) {
            throw new IllegalArgumentException("tile and slot must be >= 0");
        }
        return stream + "~t" + tile + "@" + slot;
    }

    /** The stream a key belongs to: the key itself unless it is a tile's. */
    public static String stream(String key) {
        Matcher m = TILE.matcher(key);
        return m.matches() ? m.group(1) : key;
    }

    /** The tile index of a tile's key, or -1. */
    public static int tileOf(String key) {
        Matcher m = TILE.matcher(key);
        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
    }

    /** The slot of a tile's key, or -1 for a whole stream's. */
    public static int slotOf(String key) {
        Matcher m = TILE.matcher(key);
        return m.matches() ? Integer.parseInt(m.group(3)) : -1;
    }
}
