package io.dipstream.cli.embedded;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.files.AtomicOutput;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The working state of one embedded restore run, kept beside its output so that a killed run
 * started again with the same command resumes: the broker's log directory, the job's checkpoints, a
 * marker per stream whose ingest finished, and {@code run.properties} (what the run was asked to
 * do, and the ids it chose: stream ids, consumer group, transactional ids).
 *
 * <p>Guarantees: {@link #open} resumes only a run asked for with exactly the same description
 * (inputs, their sizes and times, outputs, settings); a different one is refused with a message
 * naming what differs and how to discard it ({@code --fresh}), before any work; {@code fresh}
 * deletes the old state first. {@link #delete} removes everything once the run succeeded.
 */
public final class WorkDir {
    private static final String RUN = "run.properties";
    private static final String ASKED = "asked.";
    private static final String CHOSEN = "chosen.";

    private final Path dir;
    private final boolean resumed;
    private final Properties props;

    private WorkDir(Path dir, boolean resumed, Properties props) {
        this.dir = dir;
        this.resumed = resumed;
        this.props = props;
    }

    /** The work directory of a run writing {@code output} (a file, or a directory of outputs). */
    public static Path beside(Path output) {
        Path abs = output.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return abs.resolve(".dipstream");
        }
        return abs.resolveSibling("." + abs.getFileName() + ".dipstream");
    }

    /**
     * Opens {@code dir} for a run described by {@code asked}: a new one, or the interrupted one it
     * holds when that was asked for the same.
     *
     * @param asked what the run is asked to do, key by key (the keys name options or inputs)
     * @param fresh discard an interrupted run's state instead of resuming it
     * @throws BadInputException when an interrupted run with another description is there
     */
    public static WorkDir open(Path dir, Map<String, String> asked, boolean fresh) {
        Path run = dir.resolve(RUN);
        if (fresh) {
            TempDirs.delete(dir);
        }
        if (Files.isRegularFile(run)) {
            Properties old = read(run);
            List<String> differ = differences(old, asked);
            if (!differ.isEmpty()) {
                throw new BadInputException(
                        dir
                                + " holds an interrupted run asked for something else ("
                                + String.join("; ", differ)
                                + "): run that command again to resume it, or add --fresh to"
                                + " discard it");
            }
            return new WorkDir(dir, true, old);
        }
        // No description: nothing of a run was started here (or it died while creating it).
        TempDirs.delete(dir);
        Properties p = new Properties();
        asked.forEach((k, v) -> p.setProperty(ASKED + k, v));
        WorkDir w = new WorkDir(dir, false, p);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException(
                    dir + ": cannot create the run's work directory (" + e.getMessage() + ")", e);
        }
        w.save();
        return w;
    }

    private static List<String> differences(Properties old, Map<String, String> asked) {
        Map<String, String> was = new TreeMap<>();
        for (String k : old.stringPropertyNames()) {
            if (k.startsWith(ASKED)) {
                was.put(k.substring(ASKED.length()), old.getProperty(k));
            }
        }
        List<String> out = new ArrayList<>();
        Map<String, String> now = new LinkedHashMap<>(asked);
        for (Map.Entry<String, String> e : now.entrySet()) {
            String before = was.remove(e.getKey());
            if (!e.getValue().equals(before)) {
                out.add(
                        e.getKey()
                                + ": "
                                + (before == null ? "(none)" : before)
                                + " -> "
                                + e.getValue());
            }
        }
        was.forEach((k, v) -> out.add(k + ": " + v + " -> (none)"));
        return out;
    }

    /** Whether this run continues an interrupted one. */
    public boolean resumed() {
        return resumed;
    }

    public Path path() {
        return dir;
    }

    /** The broker's log directory. */
    public Path kafka() {
        return dir.resolve("kafka");
    }

    /** Frames past the record limit, sent out of band ({@code io.dipstream.frames.ClaimChecks}). */
    public Path claims() {
        return dir.resolve("claims");
    }

    /** The job's directory: checkpoints and Flink's scratch space. */
    public Path flink() {
        return dir.resolve("flink");
    }

    /**
     * The value this run chose for {@code key}: the interrupted run's when resuming, else {@code
     * make}'s, recorded for a later resume.
     */
    public synchronized String chosen(String key, Supplier<String> make) {
        String v = props.getProperty(CHOSEN + key);
        if (v == null) {
            v = make.get();
            props.setProperty(CHOSEN + key, v);
            save();
        }
        return v;
    }

    /**
     * Marks stream {@code id}'s input as completely in Kafka: a resumed run does not send it again.
     */
    public void markIngested(String id) {
        try {
            Files.writeString(dir.resolve("ingested-" + id), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean ingested(String id) {
        return Files.exists(dir.resolve("ingested-" + id));
    }

    /** Records that Kafka holds the first {@code n} frames of stream {@code id}. */
    public void markSent(String id, long n) {
        AtomicOutput.writeString(dir.resolve("sent-" + id), Long.toString(n));
    }

    /** How many of stream {@code id}'s first frames an earlier run sent (0: none known). */
    public long sent(String id) {
        Path f = dir.resolve("sent-" + id);
        try {
            return Files.exists(f) ? Long.parseLong(Files.readString(f).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            // A marker unreadable is a marker missing: sending again costs time, not frames.
            return 0;
        }
    }

    /** Removes the run's state: it has succeeded, nothing is left to resume. */
    public void delete() {
        TempDirs.delete(dir);
    }

    private void save() {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            props.store(w, "dipstream restore: what this run was asked, and the ids it chose");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicOutput.writeString(dir.resolve(RUN), w.toString());
    }

    private static Properties read(Path run) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(run, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new BadInputException(
                    run
                            + ": cannot read the interrupted run's description ("
                            + e.getMessage()
                            + "); add --fresh to discard it",
                    e);
        }
        return p;
    }

    /** The newest completed checkpoint of the job, or null (none completed yet). */
    public Path latestCheckpoint() {
        Path root = flink().resolve("checkpoints");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(root, 3)) {
            return s.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
                    .max(java.util.Comparator.comparingLong(WorkDir::modified))
                    .map(Path::getParent)
                    .orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }
}
