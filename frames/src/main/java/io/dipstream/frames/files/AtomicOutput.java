package io.dipstream.frames.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Every file the project writes goes through here: its bytes first go to a partial file beside it
 * ({@code .NAME.partial-PID.EXT}: hidden, with the extension encoders pick the format by), then are
 * forced to disk and renamed onto the final name; a failure deletes the partial file.
 *
 * <p>Guarantees: the file at the final name is the old one or the complete new one, never a
 * half-written one (atomic rename where the file system allows it, which local ones do); after
 * {@link #commit} returns, the file and its directory entry are on disk; {@link
 * #deleteStalePartials} removes only partial files whose process is gone.
 */
public final class AtomicOutput {
    private static final String PARTIAL = ".partial-";

    private AtomicOutput() {}

    /** The partial file of this process for {@code target}, in its directory. */
    public static Path partialFor(Path target) {
        Path abs = target.toAbsolutePath();
        String name = abs.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot) : "";
        return abs.resolveSibling("." + name + PARTIAL + ProcessHandle.current().pid() + ext);
    }

    /** Forces {@code partial} to disk and renames it onto {@code target}. */
    public static void commit(Path partial, Path target) throws IOException {
        try (FileChannel c = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            c.force(true);
        }
        Path abs = target.toAbsolutePath();
        try {
            Files.move(
                    partial,
                    abs,
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, abs, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(abs.getParent());
    }

    /** Deletes {@code partial} if it is there; never throws (the failure that led here matters). */
    public static void discard(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // nothing better to do: the caller is already failing
        }
    }

    /** Writes {@code content} to {@code target} through a partial file. */
    public static void write(Path target, byte[] content) {
        Path partial = partialFor(target);
        try {
            Files.createDirectories(partial.getParent());
            Files.write(
                    partial,
                    content,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            commit(partial, target);
        } catch (IOException e) {
            discard(partial);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code content} as UTF-8 to {@code target} through a partial file. */
    public static void writeString(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Deletes the partial files that processes no longer running left for {@code target}; returns
     * how many.
     */
    public static int deleteStalePartials(Path target) {
        Path abs = target.toAbsolutePath();
        String prefix = "." + abs.getFileName() + PARTIAL;
        int n = 0;
        try (Stream<Path> files = Files.list(abs.getParent())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String f = p.getFileName().toString();
                if (f.startsWith(prefix) && !alive(f.substring(prefix.length()))) {
                    discard(p);
                    n++;
                }
            }
        } catch (IOException e) {
            return n;
        }
        return n;
    }

    private static boolean alive(String pidAndExt) {
        String digits = pidAndExt.replaceAll("[^0-9].*$", "");
        return !digits.isEmpty()
                && digits.length() < 19
                && ProcessHandle.of(Long.parseLong(digits))
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
    }

    private static void forceDirectory(Path dir) {
        // Linux lets a directory be opened and forced, which makes the rename durable; other
        // systems refuse, and their rename is as durable as they make it.
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }
}
