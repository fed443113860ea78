package io.dipstream.cli;

import io.dipstream.cli.embedded.EmbeddedRun;
import io.dipstream.frames.BadInputException;
import io.dipstream.job.Workers;
import io.dipstream.sink.StreamSink;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine-readable summary lines of {@code dipstream restore}: key=value pairs, the stream's
 * figures last; workers and threads are 0 where the job runs elsewhere ({@code workers} null).
 */
final class RunSummary {
    private static final Logger LOG = LoggerFactory.getLogger(RunSummary.class);

    private RunSummary() {}

    /** Several inputs: a line per input, then one for the run; a failed input is named. */
    static int several(
            List<EmbeddedRun.Outcome> outcomes,
            Map<String, RunStats> stats,
            Workers workers,
            double seconds) {
        int failed = 0;
        boolean allBadInput = true;
        long frames = 0;
        for (EmbeddedRun.Outcome o : outcomes) {
            Path in = o.stream().ingest().input();
            if (!o.ok()) {
                failed++;
                allBadInput &= o.failure() instanceof BadInputException;
                System.err.println("dipstream: " + in + ": " + o.failure().getMessage());
                System.out.printf("input=%s status=failed%n", in);
                continue;
            }
            RunStats st = stats.getOrDefault(o.stream().id(), new RunStats());
            warnUnderfit(o.stream().id(), st);
            frames += o.result().frames();
            System.out.printf(
                    "input=%s status=ok output=%s %s%n",
                    in, o.result().output(), line(o.result(), workers, seconds, st));
        }
        System.out.printf(
                Locale.ROOT,
                "inputs=%d restored=%d failed=%d frames=%d workers=%d threads=%d seconds=%.2f"
                        + " fps=%.3f%n",
                outcomes.size(),
                outcomes.size() - failed,
                failed,
                frames,
                workers == null ? 0 : workers.parallelism(),
                workers == null ? 0 : workers.threads(),
                seconds,
                frames / seconds);
        return failed == 0 ? 0 : allBadInput ? Main.BAD_INPUT : 1;
    }

    static String line(StreamSink.Result result, Workers workers, double seconds, RunStats st) {
        return String.format(
                Locale.ROOT,
                "frames=%d width=%d height=%d tiles=%d workers=%d threads=%d seconds=%.2f fps=%.3f"
                        + " engine_seconds=%.2f iterations=%d scene_cuts=%d underfit=%d",
                result.frames(),
                result.header().getWidth(),
                result.header().getHeight(),
                Math.max(1, result.header().getTile().getCount()),
                workers == null ? 0 : workers.parallelism(),
                workers == null ? 0 : workers.threads(),
                seconds,
                result.frames() / seconds,
                st.engineSeconds,
                st.iterations,
                st.sceneCuts,
                st.underfit.size());
    }

    static void warnUnderfit(String id, RunStats st) {
        if (!st.underfit.isEmpty()) {
            LOG.warn(
                    "stream {}: {} frames reached their cap still underfit: {}",
                    id,
                    st.underfit.size(),
                    st.underfit);
        }
    }
}
