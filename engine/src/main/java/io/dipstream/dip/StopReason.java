package io.dipstream.dip;

/** Why a fit ended (see {@link FitBudget}). */
public enum StopReason {
    /** The iteration cap was reached. */
    ITERATIONS,
    /** The wall-time cap was reached. */
    SECONDS,
    /** The outputs settled (ES-EMV) with the residual near what the noise explains. */
    SETTLED,
    /** The residual reached what the noise explains (the discrepancy principle). */
    DISCREPANCY
}
