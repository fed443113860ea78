package io.dipstream.dip;

/**
 * When one fit ends: the iteration cap of its {@link DipSettings}, and before it
 *
 * <ul>
 *   <li>the discrepancy principle: once the data residual E has fallen to {@code lossFloor}, what
 *       the noise alone explains (σ̂² times the noise fraction of the target, in the loss's units),
 *       the network starts fitting the noise, so the fit stops;
 *   <li>the outputs settling ({@code settle}, ES-EMV), but only once E is no longer well above the
 *       floor ({@link #WELL_ABOVE} times it): a fit still far from the data keeps going even when
 *       its outputs change slowly;
 *   <li>{@code maxSeconds} of wall time.
 * </ul>
 *
 * <p>A fit that ends at its cap in iterations or seconds while E is still well above the floor is
 * underfit ({@link DipResult#underfit()}), and is counted, never hidden.
 *
 * @param settle when the outputs count as settled; null = never
 * @param lossFloor the residual the noise explains; 0 = no discrepancy rule
 * @param maxSeconds wall-time cap; 0 = none
 */
public record FitBudget(StopRule settle, double lossFloor, double maxSeconds) {
    /** Only the iteration cap. */
    public static final FitBudget NONE = new FitBudget(null, 0, 0);

    /** E above this many times the floor is well above what the noise explains. */
    public static final double WELL_ABOVE = 1.3;

    public FitBudget {
        if (!(lossFloor >= 0) || Double.isInfinite(lossFloor)) {
            throw new IllegalArgumentException("lossFloor must be >= 0, got " + lossFloor);
        }
        if (!(maxSeconds >= 0) || Double.isInfinite(maxSeconds)) {
            throw new IllegalArgumentException("maxSeconds must be >= 0, got " + maxSeconds);
        }
    }

    /** The settle rule alone (no floor, no time cap). */
    public static FitBudget settling(StopRule settle) {
        return new FitBudget(settle, 0, 0);
    }

    /** Whether {@code loss} is well above the floor (always false without one). */
    boolean wellAbove(double loss) {
        return lossFloor > 0 && loss > WELL_ABOVE * lossFloor;
    }

    /** Iterations always run before any early stop. */
    int minIterations() {
        return settle == null ? 1 : settle.minIterations();
    }
}
