package io.dipstream.dip;

/**
 * How many iterations each frame of a video gets: the first frame of a stream starts from random
 * weights and gets the preset's full schedule; every later frame starts from the previous frame's
 * weights (warm start) and gets a short one.
 *
 * @param firstFrame iterations of a cold frame
 * @param laterFrames iterations of a warm-started frame, at most {@code firstFrame}
 */
public record VideoSchedule(int firstFrame, int laterFrames) {
    /**
     * Warm frames start from weights that already fit a nearly identical image, so a tenth of the
     * schedule (at least 10 iterations) is the starting point; issue 5 measures and tunes it.
     */
    static final int WARM_DIVISOR = 10;

    /** The moving average of outputs should span about the last quarter of a run. */
    static final double EMA_WINDOW_FRACTION = 0.25;

    public VideoSchedule {
        if (firstFrame < 1) {
            throw new IllegalArgumentException("firstFrame must be >= 1, got " + firstFrame);
        }
        if (laterFrames < 1 || laterFrames > firstFrame) {
            throw new IllegalArgumentException(
                    "laterFrames must be in [1, firstFrame="
                            + firstFrame
                            + "], got "
                            + laterFrames);
        }
    }

    /** The default schedule for {@code settings}: its iterations, then a tenth of them. */
    public static VideoSchedule of(DipSettings settings) {
        int first = settings.iterations();
        return new VideoSchedule(first, Math.min(first, Math.max(10, first / WARM_DIVISOR)));
    }

    /**
     * {@code base} for a run of {@code n} iterations. The moving average of outputs starts at the
     * run's first output; with the paper's weight 0.99 a short run would keep most of that first
     * output (the previous frame's fit, or random weights' output), so the weight is lowered until
     * the average spans about the last quarter of the run.
     */
    public static DipSettings forRun(DipSettings base, int n) {
        DipSettings s = base.withIterations(n);
        if (base.emaWeight() == 0) {
            return s;
        }
        double capped = Math.max(0, 1 - 1 / (EMA_WINDOW_FRACTION * n));
        return s.withEmaWeight(Math.min(base.emaWeight(), capped));
    }
}
