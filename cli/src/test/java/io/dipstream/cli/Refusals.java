package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs {@code restore} in-process on bad input and checks what a user must see: exit code 2, a last
 * line on stderr naming the problem, and nothing added to the directory.
 */
final class Refusals {
    private Refusals() {}

    static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Runs restore with {@code args}; checks exit 2, the message and that nothing was added. */
    static void refused(Path dir, String message, String... args) throws IOException {
        List<String> before = entries(dir);
        CapturedRun r =
                CapturedRun.of(RestorePipelineITCase.concat(new String[] {"restore"}, args));
        assertThat(r.rc()).as(r.err()).isEqualTo(2);
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("dipstream: ").contains(message);
        assertThat(entries(dir)).as("left on disk").isEqualTo(before);
    }
}
