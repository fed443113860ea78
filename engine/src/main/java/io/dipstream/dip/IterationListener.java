package io.dipstream.dip;

/** Told after every iteration; used for progress bars. Must be fast. */
@FunctionalInterface
public interface IterationListener {
    IterationListener NONE = (i, n, loss) -> {};

    /**
     * @param done iterations finished
     * @param total iterations planned
     * @param loss the task loss of this iteration
     */
    void iteration(int done, int total, double loss);
}
