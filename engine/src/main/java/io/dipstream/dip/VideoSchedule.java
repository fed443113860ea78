package io.dipstream.dip;

/**
 * How many iterations each frame of a video gets: the first frame of a stream (or of a scene)
 * starts from random weights and gets the preset's full schedule; every later frame starts from the
 * previous frame's weights (warm start) and gets a short one, either fixed or ended by a {@link
 * StopRule} once its outputs settle.
 *
 * @param firstFrame iterations of a cold frame
 * @param laterFrames iterations of a warm-started frame (the cap when {@code laterStop} is set), at
 *     most {@code firstFrame}
 * @param laterStop when warm frames may stop before {@code laterFrames}; null for a fixed count
 */
public record VideoSchedule(int firstFrame, int laterFrames, StopRule laterStop) {
    /**
     * A warm frame may use up to a fifth of the long schedule: on the fast preset's pan that is 2
     * dB above cold-every-frame where a tenth is level with it (docs/video.md), and the stopping
     * rule ends the frames that settle earlier.
     */
    static final int WARM_CAP_DIVISOR = 5;

    /**
     * The stopping rule's minimum as a fraction of the long schedule; its patience is twice that
     * (patience equal to the minimum stopped too early: docs/video.md).
     */
    static final int WARM_MIN_DIVISOR = 50;

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
        if (laterStop != null && laterStop.minIterations() > laterFrames) {
            throw new IllegalArgumentException(
                    "the stopping rule's minimum "
                            + laterStop.minIterations()
                            + " exceeds laterFrames="
                            + laterFrames);
        }
    }

    /** A fixed short schedule. */
    public VideoSchedule(int firstFrame, int laterFrames) {
        this(firstFrame, laterFrames, null);
    }

    /**
     * The default schedule for {@code settings}: its iterations, then adaptive warm frames capped
     * at a fifth of them.
     */
    public static VideoSchedule of(DipSettings settings) {
        int first = settings.iterations();
        int cap = Math.min(first, Math.max(10, first / WARM_CAP_DIVISOR));
        int min = Math.min(cap, Math.max(5, first / WARM_MIN_DIVISOR));
        return new VideoSchedule(first, cap, StopRule.of(min, 2 * min));
    }

    /** This schedule with warm frames capped at {@code n} iterations. */
    public VideoSchedule withLaterFrames(int n) {
        StopRule s = laterStop;
        if (s != null && s.minIterations() > n) {
            s = new StopRule(n, s.patience(), s.alpha());
        }
        return new VideoSchedule(firstFrame, n, s);
    }

    /** This schedule with a fixed count for warm frames. */
    public VideoSchedule fixed() {
        return new VideoSchedule(firstFrame, laterFrames, null);
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
