package io.dipstream.frames.segments;

/**
 * One time segment: it emits frames {@code first} … {@code end − 1} and restores from {@code
 * leadStart} on, the frames before {@code first} only warming its weights.
 *
 * @param index position among the stream's segments
 * @param leadStart first frame it restores (at most {@code first})
 * @param first first frame it emits
 * @param end one past its last frame ({@link Long#MAX_VALUE} for the last segment: to the end)
 */
public record SegmentRange(int index, long leadStart, long first, long end) {
    public SegmentRange {
        if (index < 0 || leadStart < 0 || leadStart > first || first >= end) {
            throw new IllegalArgumentException(
                    "impossible segment " + index + ": " + leadStart + " / " + first + " / " + end);
        }
    }

    /** Whether this segment restores frame {@code i} (to emit it or to warm up on it). */
    public boolean restores(long i) {
        return i >= leadStart && i < end;
    }

    /** Frames it restores before its first emitted one. */
    public int leadIn() {
        return (int) (first - leadStart);
    }
}
