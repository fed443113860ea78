package io.dipstream.cli.embedded;

import io.dipstream.frames.BadInputException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Free disk space under the directories a run writes to (its work directory, its outputs): checked
 * against the run's estimated need before any work, then watched while it runs so that it stops
 * cleanly, resumable, before a disk fills up. A disk that actually fills mid-run takes the broker's
 * log directory offline and leaves a checkpoint or an output half-written; stopping while {@code
 * keepFree} bytes are still free avoids that.
 *
 * <p>Directories on the same file system are counted together. A keep-free of 0 turns both the
 * check and the watch off.
 */
public final class DiskSpace implements AutoCloseable {
    /** How often the watch looks. */
    static final long PERIOD_MILLIS = 1_000;

    private final ScheduledExecutorService timer;

    private DiskSpace(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Refuses the run, before any work, when a file system holding some of {@code need}'s
     * directories has less free than their estimated need plus {@code keepFree}.
     *
     * @param need estimated bytes the run writes into each directory
     */
    public static void check(Map<Path, Long> need, long keepFree) {
        if (keepFree <= 0) {
            return;
        }
        Map<FileStore, Long> byStore = new LinkedHashMap<>();
        Map<FileStore, Path> named = new LinkedHashMap<>();
        for (Map.Entry<Path, Long> e : need.entrySet()) {
            FileStore store = store(e.getKey());
            byStore.merge(store, e.getValue(), Long::sum);
            named.putIfAbsent(store, e.getKey());
        }
        for (Map.Entry<FileStore, Long> e : byStore.entrySet()) {
            long free = usable(e.getKey(), named.get(e.getKey()));
            if (free < e.getValue() + keepFree) {
                throw new BadInputException(
                        String.format(
                                Locale.ROOT,
                                "%s: %s free on its disk, but this run needs about %s (its"
                                        + " working data and output) and --keep-free leaves %s:"
                                        + " free some space or write the output elsewhere"
                                        + " (--keep-free 0 skips this check)",
                                named.get(e.getKey()),
                                size(free),
                                size(e.getValue()),
                                size(keepFree)));
            }
        }
    }

    /**
     * The first of {@code dirs} whose disk has less than {@code keepFree} free, as a message that
     * says so and how to go on; empty when every one has room.
     */
    static Optional<String> low(List<Path> dirs, long keepFree) {
        for (Path d : dirs) {
            long free = usable(store(d), d);
            if (free < keepFree) {
                return Optional.of(
                        String.format(
                                Locale.ROOT,
                                "%s: only %s free on its disk, under the %s --keep-free leaves:"
                                        + " stopped before it fills up, with the work kept (free"
                                        + " some space and run the same command to resume)",
                                d,
                                size(free),
                                size(keepFree)));
            }
        }
        return Optional.empty();
    }

    /**
     * Watches {@code dirs} every second until closed; calls {@code onLow} once, with {@link #low}'s
     * message, when one runs low. Does nothing when {@code keepFree} is 0.
     */
    static DiskSpace watch(List<Path> dirs, long keepFree, Consumer<String> onLow) {
        if (keepFree <= 0 || dirs.isEmpty()) {
            return new DiskSpace(null);
        }
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "dipstream-disk-watch");
                            t.setDaemon(true);
                            return t;
                        });
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        low(dirs, keepFree)
                                .ifPresent(
                                        m -> {
                                            onLow.accept(m);
                                            timer.shutdown();
                                        });
                    } catch (RuntimeException e) {
                        // A directory gone mid-run is the run's to report, not the watch's.
                    }
                },
                0,
                PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        return new DiskSpace(timer);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** The nearest existing directory at or above {@code dir}: a work dir may not exist yet. */
    private static FileStore store(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return Files.getFileStore(p == null ? Path.of("/") : p);
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot tell its disk's free space (" + e + ")", e);
        }
    }

    private static long usable(FileStore store, Path named) {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            throw new BadInputException(
                    named + ": cannot tell its disk's free space (" + e + ")", e);
        }
    }

    /** Bytes as a user reads them: 512 KiB, 3.4 MiB, 12.0 GiB. */
    static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0
                ? bytes + " bytes"
                : String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
