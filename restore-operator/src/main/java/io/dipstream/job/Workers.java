package io.dipstream.job;

/**
 * How many subtasks restore at once and how many native threads each one's engine may use.
 * Oversubscribing the cores (every worker's OpenMP pool as wide as the machine) measured about 2×
 * slower on the small networks, so a run's default gives each worker its share: workers × threads =
 * cores.
 *
 * @param parallelism restore subtasks (workers)
 * @param threads native threads per worker; 0 = leave the runtime's setting (a cluster's
 *     TaskManagers set theirs, e.g. with OMP_NUM_THREADS)
 */
public record Workers(int parallelism, int threads) {
    /** The most workers a run may ask for (the keyed operator's maximum parallelism). */
    public static final int MAX = SpreadKeys.MAX_PARALLELISM;

    public Workers {
        if (parallelism < 1 || parallelism > MAX) {
            throw new IllegalArgumentException(
                    "--parallelism must be in [1, " + MAX + "], got " + parallelism);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    /** {@code parallelism} workers sharing {@code cores} cores (at least one thread each). */
    public static Workers sharing(int parallelism, int cores) {
        return new Workers(parallelism, Math.max(1, cores / Math.max(1, parallelism)));
    }

    /** {@code parallelism} workers sharing this machine's cores. */
    public static Workers onThisMachine(int parallelism) {
        return sharing(parallelism, Runtime.getRuntime().availableProcessors());
    }
}
