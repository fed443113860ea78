package io.dipstream.frames.segments;

import java.util.ArrayList;
import java.util.List;

/**
 * How a stream is cut in time: into {@code segments} equal parts, or parts of {@code segmentFrames}
 * frames, each its own key restored in parallel with the others; each starts {@code leadIn} frames
 * early so that its first emitted frame comes from warmed weights. Validated on construction
 * (messages name the option).
 *
 * @param segments number of segments (0 when {@code segmentFrames} decides)
 * @param segmentFrames frames per segment (0 when {@code segments} decides)
 * @param leadIn frames restored before each segment's first (not emitted; the first segment has
 *     none)
 */
public record SegmentPlan(int segments, long segmentFrames, int leadIn) {
    /** One segment: the whole stream. */
    public static final SegmentPlan NONE = new SegmentPlan(1, 0, 0);

    public SegmentPlan {
        if (segments < 0 || segmentFrames < 0 || (segments == 0) == (segmentFrames == 0)) {
            throw new IllegalArgumentException(
                    "give either --segments N >= 1 or --segment-frames F >= 1, got "
                            + segments
                            + " and "
                            + segmentFrames);
        }
        if (leadIn < 0) {
            throw new IllegalArgumentException("the lead-in must be >= 0, got " + leadIn);
        }
    }

    /** Whether the stream is cut at all. */
    public boolean cut() {
        return segments != 1;
    }

    /**
     * The segments of a stream of {@code frames} frames (its stated count).
     *
     * @throws IllegalArgumentException when the count is unknown or the segments do not fit it
     */
    public List<SegmentRange> ranges(long frames) {
        if (!cut()) {
            return List.of(new SegmentRange(0, 0, 0, Long.MAX_VALUE));
        }
        if (frames <= 0) {
            throw new IllegalArgumentException(
                    "time segments need the frame count or duration, which the input does not state");
        }
        long length = segmentFrames > 0 ? segmentFrames : (frames + segments - 1) / segments;
        if (segmentFrames > 0 && segmentFrames >= frames) {
            throw new IllegalArgumentException(
                    "--segment-frames "
                            + segmentFrames
                            + " is not shorter than the clip's "
                            + frames
                            + " frames");
        }
        if (segments > frames) {
            throw new IllegalArgumentException(
                    "--segments " + segments + " is more than the clip's " + frames + " frames");
        }
        int n = (int) ((frames + length - 1) / length);
        List<SegmentRange> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long first = i * length;
            long end = i == n - 1 ? Long.MAX_VALUE : first + length;
            out.add(new SegmentRange(i, Math.max(0, first - leadIn), first, end));
        }
        return out;
    }
}
