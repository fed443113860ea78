package io.dipstream.job;

/**
 * How far the job has come with one stream.
 *
 * @param framesRestored frames restored so far
 * @param lastIndex index of the last restored frame, -1 before the first
 * @param iterations optimisation steps spent on the stream so far
 * @param seconds engine time spent on the stream so far
 */
public record StreamProgress(long framesRestored, long lastIndex, long iterations, double seconds) {
    public static final StreamProgress START = new StreamProgress(0, -1, 0, 0);

    public StreamProgress {
        if (framesRestored < 0 || lastIndex < -1 || iterations < 0 || !(seconds >= 0)) {
            throw new IllegalArgumentException(
                    "progress counters must not be negative: framesRestored="
                            + framesRestored
                            + " lastIndex="
                            + lastIndex
                            + " iterations="
                            + iterations
                            + " seconds="
                            + seconds);
        }
    }

    /** This progress after restoring frame {@code index}. */
    public StreamProgress after(long index, int frameIterations, double frameSeconds) {
        return new StreamProgress(
                framesRestored + 1, index, iterations + frameIterations, seconds + frameSeconds);
    }
}
