package io.dipstream.dip;

/**
 * When a run may end before its iteration cap, judged without ground truth from the outputs alone
 * (ES-EMV, Wang et al. 2021, DIP-REFERENCE §3): the running variance of the outputs around their
 * running mean falls while the network is still moving towards the image and levels off once it has
 * settled, so the run stops when that variance has set no new minimum for {@code patience}
 * iterations, and never before {@code minIterations}.
 *
 * <p>Used for warm-started video frames, whose weights already fit a nearly identical image: an
 * easy frame settles in a few iterations, a frame after fast motion needs more, up to the cap.
 *
 * @param minIterations iterations always run
 * @param patience iterations without a new minimum of the variance after which the run stops
 * @param alpha weight of the newest output in the running mean and variance, in (0, 1]
 */
public record StopRule(int minIterations, int patience, double alpha) {
    /** ES-EMV's weight of the newest output. */
    public static final double DEFAULT_ALPHA = 0.1;

    public StopRule {
        if (minIterations < 1) {
            throw new IllegalArgumentException("minIterations must be >= 1, got " + minIterations);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        if (!(alpha > 0) || alpha > 1) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
    }

    /** A rule with ES-EMV's weight. */
    public static StopRule of(int minIterations, int patience) {
        return new StopRule(minIterations, patience, DEFAULT_ALPHA);
    }
}
