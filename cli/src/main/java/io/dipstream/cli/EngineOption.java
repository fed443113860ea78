package io.dipstream.cli;

import io.dipstream.dip.BackendDecision;
import io.dipstream.dip.Backends;
import io.dipstream.dip.EngineChoice;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Option;

/**
 * {@code --engine auto|cpu|cuda}: where the commands that run the engine run it. {@link #select}
 * must come before anything touches ND4J (first in the command), so that a refusal comes before any
 * work and ND4J starts on the chosen backend.
 */
final class EngineOption {
    /** The notice is for a person: once per process, not once per command run in it (tests). */
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    @Option(
            names = "--engine",
            paramLabel = "auto|cpu|cuda",
            defaultValue = "auto",
            description =
                    "cpu, cuda (ND4J's CUDA build, mvn -Pcuda: GPUs of compute capability 3.7 to"
                            + " 8.x, not Hopper or newer; refused where none is usable) or auto:"
                            + " CUDA where it can run, else the CPU (default: ${DEFAULT-VALUE})")
    String engine;

    /** The choice given; bad input naming {@code --engine} where it is none of the three. */
    EngineChoice choice() {
        return CliParsing.parse(() -> EngineChoice.parse(engine));
    }

    /**
     * Decides this process's backend and says on stderr, once per process, where it runs and why
     * (nothing for {@code cpu}).
     */
    BackendDecision select() {
        EngineChoice c = choice();
        BackendDecision d = Backends.select(c);
        if (c != EngineChoice.CPU && d.hasNotice() && TOLD.compareAndSet(false, true)) {
            System.err.println(d.notice());
        }
        return d;
    }
}
