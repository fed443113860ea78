package io.dipstream.job;

import java.io.Serializable;

/**
 * Failures on purpose, for recovery tests: the restore operator asks before it restores each frame,
 * and an exception thrown here fails the task as a crash would. Given to the job when it is built
 * ({@link RestoreJob#withFaults}); the production job has {@link #NONE}, which never throws.
 */
@FunctionalInterface
public interface FrameFaults extends Serializable {
    /** No failures. */
    FrameFaults NONE = (key, index) -> {};

    /** Called before frame {@code index} of {@code key} is restored (again, after a restart). */
    void beforeFrame(String key, long index);
}
