package io.dipstream.cli;

import io.dipstream.frames.BadInputException;
import io.dipstream.job.Workers;
import java.util.function.Supplier;

/** Turns a validation failure of an option value into bad input (exit code 2). */
final class CliParsing {
    private CliParsing() {}

    static <T> T parse(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /**
     * Workers from {@code --parallelism}/{@code --workers} and {@code --threads} (null: the cores
     * divided among the workers); bad values are the user's.
     */
    static Workers workers(int parallelism, Integer threads) {
        if (threads != null && threads < 1) {
            throw new BadInputException("--threads must be >= 1, got " + threads);
        }
        return parse(
                () ->
                        threads == null
                                ? Workers.onThisMachine(parallelism)
                                : new Workers(parallelism, threads));
    }
}
