package io.dipstream.cli;

import io.dipstream.cli.embedded.EmbeddedRun;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a restore run shows while it runs: one bar of frames over every video, whose message says
 * how far each video of several is, and a line on stderr as each video of several finishes (its
 * name, frames and time, or its failure); every written frame goes to the run's statistics and
 * frame log.
 */
final class RunProgress implements EmbeddedRun.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RunProgress.class);

    private final FrameProgress bar;
    private final FrameLog log;
    private final Map<String, RunStats> stats;
    private final Map<String, Long> totals;
    private final Map<String, Long> done = new ConcurrentHashMap<>();
    private final Map<String, Integer> number = new LinkedHashMap<>();
    private final PrintStream err;
    private final long t0 = System.nanoTime();
    private int finished;

    /**
     * @param totals frames expected per stream id (≤ 0 when unknown), in the inputs' order
     * @param stats where each stream's frames are counted
     */
    RunProgress(
            FrameProgress bar,
            FrameLog log,
            Map<String, Long> totals,
            Map<String, RunStats> stats,
            PrintStream err) {
        this.bar = bar;
        this.log = log;
        this.totals = totals;
        this.stats = stats;
        this.err = err;
        int n = 0;
        for (String id : totals.keySet()) {
            number.put(id, ++n);
        }
    }

    @Override
    public void header(EmbeddedRun.Stream s, StreamHeader h) {
        LOG.info("stream {}: restored header arrived", s.id());
    }

    @Override
    public void written(EmbeddedRun.Stream s, long n, FrameRecord last) {
        stats.computeIfAbsent(s.id(), k -> new RunStats()).add(last);
        done.put(s.id(), n);
        synchronized (this) {
            log.add(last);
            bar.frames(done.values().stream().mapToLong(Long::longValue).sum(), message(last));
        }
    }

    @Override
    public synchronized void finished(EmbeddedRun.Outcome o) {
        finished++;
        if (totals.size() < 2) {
            return;
        }
        String id = o.stream().id();
        String what =
                o.ok()
                        ? String.format(Locale.ROOT, "done, %d frames", o.result().frames())
                        : "failed: " + o.failure().getMessage();
        err.printf(
                Locale.ROOT,
                "[%d/%d] %s: %s (%.1f s into the run)%n",
                number.getOrDefault(id, 0),
                totals.size(),
                o.stream().ingest().input(),
                what,
                (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public void stopped(java.nio.file.Path work) {
        bar.close();
        err.println(
                work == null
                        ? "dipstream: stopped"
                        : "dipstream: stopped; the work so far is kept in "
                                + work
                                + ": run the same command again to resume, or add --fresh to"
                                + " start over");
        err.flush();
    }

    /** The bar's message: the last frame's cost and, for several videos, each one's count. */
    private String message(FrameRecord last) {
        StringBuilder m =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "%d it, %.1f s/frame",
                                last.getStats().getIterations(),
                                last.getStats().getSeconds()));
        if (totals.size() > 1) {
            m.append(String.format(Locale.ROOT, "; %d/%d videos done", finished, totals.size()));
            for (Map.Entry<String, Long> e : totals.entrySet()) {
                long d = done.getOrDefault(e.getKey(), 0L);
                if (d > 0 && d < e.getValue()) {
                    m.append(
                            String.format(
                                    Locale.ROOT,
                                    "; #%d %d/%d",
                                    number.get(e.getKey()),
                                    d,
                                    e.getValue()));
                }
            }
        }
        return m.toString();
    }
}
