package io.dipstream.cli.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes the embedded default's temporary directories. */
final class TempDirs {
    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

    private TempDirs() {}

    /** Deletes {@code dir} and everything in it; logs what it could not delete. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    LOG.warn("cannot delete {}: {}", p, e.getMessage());
                                }
                            });
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.getMessage());
        }
    }
}
