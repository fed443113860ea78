package io.dipstream.cli;

import io.dipstream.frames.BadInputException;
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
}
