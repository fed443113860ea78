package io.dipstream.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file under a temporary name in the same directory and renames it into place, so the file
 * at the final name is either the old one or the complete new one, never a half-written one.
 */
final class AtomicFiles {
    private AtomicFiles() {}

    static void writeString(Path target, String content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // A dotfile with a .tmp suffix: neither looks like a report nor like a video frame.
            // Not Files.createTempFile: its owner-only permissions would carry over to the report.
            String name = "." + target.getFileName() + ".partial-" + UUID.randomUUID() + ".tmp";
            tmp = dir.resolve(name);
            Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.move(
                        tmp,
                        target,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // best effort: the rename already succeeded or the error above says why not
                }
            }
        }
    }
}
