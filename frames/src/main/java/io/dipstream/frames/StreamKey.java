package io.dipstream.frames;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka key (and Flink key) of a stream or of one part of it: a whole stream is keyed by its
 * id; tile {@code i} of time segment {@code j} of stream {@code s} by {@code s~t<i>@<slot>}
 * (segment 0) or {@code s~s<j>~t<i>@<slot>}, where the slot numbers the run's keys so that the job
 * can spread them evenly over its subtasks.
 */
public final class StreamKey {
    private static final Pattern PART = Pattern.compile("(.+?)(?:~s(\\d+))?~t(\\d+)@(\\d+)");

    private StreamKey() {}

    /** The key of tile {@code tile} of segment 0 of {@code stream}, numbered {@code slot}. */
    public static String tile(String stream, int tile, int slot) {
        return part(stream, 0, tile, slot);
    }

    /** The key of tile {@code tile} of segment {@code segment} of {@code stream}. */
    public static String part(String stream, int segment, int tile, int slot) {
        if (segment < 0 || tile < 0 || slot < 0) {
            throw new IllegalArgumentException("segment, tile and slot must be >= 0");
        }
        return stream + (segment > 0 ? "~s" + segment : "") + "~t" + tile + "@" + slot;
    }

    /** The stream a key belongs to: the key itself unless it is a part's. */
    public static String stream(String key) {
        Matcher m = PART.matcher(key);
        return m.matches() ? m.group(1) : key;
    }

    /** The tile index of a part's key, or -1. */
    public static int tileOf(String key) {
        Matcher m = PART.matcher(key);
        return m.matches() ? Integer.parseInt(m.group(3)) : -1;
    }

    /** The segment index of a part's key (0 when it names none), or -1 for a whole stream. */
    public static int segmentOf(String key) {
        Matcher m = PART.matcher(key);
        if (!m.matches()) {
            return -1;
        }
        return m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    }

    /** The slot of a part's key, or -1 for a whole stream's. */
    public static int slotOf(String key) {
        Matcher m = PART.matcher(key);
        return m.matches() ? Integer.parseInt(m.group(4)) : -1;
    }
}
