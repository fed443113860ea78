package io.dipstream.cli;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.segments.SegmentPlan;
import picocli.CommandLine.Option;

/** How a stream is cut in time, each segment its own key restored beside the others. */
final class SegmentOptions {
    @Option(
            names = "--segments",
            description =
                    "cut the video into this many time segments, restored in parallel; each starts"
                            + " --pre-roll frames early from fresh weights, warming up on frames"
                            + " it does not emit (default: 1)")
    Integer segments;

    @Option(
            names = "--segment-frames",
            description = "cut the video into segments of this many frames (instead of --segments)")
    Long segmentFrames;

    /** The plan, each segment starting {@code leadIn} frames early. */
    SegmentPlan plan(int leadIn) {
        if (segments != null && segmentFrames != null) {
            throw new BadInputException("give --segments or --segment-frames, not both");
        }
        if (segments != null && segments < 1) {
            throw new BadInputException("--segments must be >= 1, got " + segments);
        }
        if (segmentFrames != null && segmentFrames < 1) {
            throw new BadInputException("--segment-frames must be >= 1, got " + segmentFrames);
        }
        if (segmentFrames != null) {
            return new SegmentPlan(0, segmentFrames, leadIn);
        }
        int n = segments == null ? 1 : segments;
        return n == 1 ? SegmentPlan.NONE : new SegmentPlan(n, 0, leadIn);
    }
}
