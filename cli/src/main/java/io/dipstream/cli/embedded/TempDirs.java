package io.dipstream.cli.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the embedded default's temporary directories. Never throws: a directory that another
 * thread is still emptying (Flink discards checkpoints asynchronously on cancel) is walked again.
 */
final class TempDirs {
    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);
    private static final int ATTEMPTS = 5;

    private TempDirs() {}

    /** Deletes {@code dir} and everything in it; logs what it could not delete. */
    static void delete(Path dir) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (dir == null || !Files.exists(dir)) {
                return;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(TempDirs::deleteOne);
            } catch (IOException | UncheckedIOException e) {
                LOG.debug("deleting {} (attempt {}): {}", dir, attempt, e.getMessage());
            }
            if (!Files.exists(dir)) {
                return;
            }
            try {
                Thread.sleep(100L * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.warn("could not delete {}", dir);
    }

    private static void deleteOne(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (NoSuchFileException gone) {
            // deleted by its owner meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
