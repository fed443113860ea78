package io.dipstream.job;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A failure on purpose, once per JVM, for recovery tests: with the system property {@value
 * #PROPERTY} set to a frame index, the operator throws when it is about to restore that frame the
 * first time. Without the property it does nothing.
 */
public final class FaultInjection {
    /** The system property that names the frame index. */
    public static final String PROPERTY = "dipstream.test.failOnceAtFrame";

    private static final AtomicBoolean FIRED = new AtomicBoolean();

    private FaultInjection() {}

    static void beforeFrame(long index) {
        String at = System.getProperty(PROPERTY);
        if (at != null && Long.parseLong(at) == index && FIRED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure before frame " + index);
        }
    }

    /** Whether the failure happened; resets it. */
    public static boolean takeFired() {
        return FIRED.getAndSet(false);
    }
}
