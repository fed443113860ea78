package io.dipstream.dip;

/**
 * The backend the engine runs on in this process, and the one line that says so and why.
 *
 * @param backend CPU or CUDA
 * @param notice one line for the user ("engine: CPU (oneDNN avx2): this build has no CUDA
 *     backend"); empty where the user asked for the CPU and there is nothing to say
 */
public record BackendDecision(Backend backend, String notice) {
    /** ND4J's two backends in this build. */
    public enum Backend {
        CPU,
        CUDA
    }

    public BackendDecision {
        if (backend == null || notice == null) {
            throw new IllegalArgumentException("a decision needs a backend and a notice");
        }
    }

    /** Whether there is a line to show the user. */
    public boolean hasNotice() {
        return !notice.isEmpty();
    }
}
