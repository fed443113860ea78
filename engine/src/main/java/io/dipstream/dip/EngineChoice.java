package io.dipstream.dip;

import java.util.Locale;

/**
 * Where the user asked the engine to run ({@code --engine auto|cpu|cuda}); {@link Backends} turns
 * it into the backend this process runs on.
 */
public enum EngineChoice {
    /** CUDA where this build and this machine's GPUs allow it, else the CPU (saying why). */
    AUTO,
    /** The CPU (ND4J's oneDNN build), even where a usable GPU is present. */
    CPU,
    /** CUDA, or a refusal naming what is missing (the CUDA build, the driver, a supported GPU). */
    CUDA;

    /** The choice named {@code name}, in any case; anything else names {@code --engine}. */
    public static EngineChoice parse(String name) {
        for (EngineChoice c : values()) {
            if (name != null && c.cliName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown --engine '" + name + "': use auto, cpu or cuda");
    }

    /** The command-line name. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
