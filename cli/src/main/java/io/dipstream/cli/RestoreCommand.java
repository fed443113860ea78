package io.dipstream.cli;

import io.dipstream.cli.embedded.EmbeddedRun;
import io.dipstream.cli.embedded.WorkDir;
import io.dipstream.dip.EngineChoice;
import io.dipstream.frames.BadInputException;
import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.segments.SegmentPlan;
import io.dipstream.frames.tiles.TilePlan;
import io.dipstream.ingest.Ingest;
import io.dipstream.ingest.IngestSpec;
import io.dipstream.ingest.VideoInfo;
import io.dipstream.ingest.VideoInputs;
import io.dipstream.job.Workers;
import io.dipstream.sink.StreamSink;
import io.dipstream.sink.VideoWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dipstream restore}: videos in, restored videos out, every frame through Kafka and the
 * Flink job ({@link EmbeddedRun} runs them; this class parses, checks and prints). With no {@code
 * --bootstrap-servers} the run starts its own broker and MiniCluster in this process and stops them
 * before it exits. Every option is checked before any work; the last stdout line is
 * machine-readable.
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = "Restore a video with Deep Image Prior, frame by frame with warm start.")
final class RestoreCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreCommand.class);

    @Option(
            names = {"-i", "--input"},
            required = true,
            description =
                    "video, image sequence (dir/frame%%04d.png), directory of images or directory"
                            + " of videos; repeat for several videos in one run (then -o is a"
                            + " directory)")
    List<Path> given;

    /** The videos {@link #given} names, directories of videos expanded. */
    private List<Path> inputs;

    @Option(
            names = "--bootstrap-servers",
            description = "use this Kafka instead of starting one in this process")
    String bootstrapServers;

    @Option(
            names = "--external-job",
            description = "the restore job runs elsewhere (a Flink cluster): only ingest and sink")
    boolean externalJob;

    @Option(
            names = "--checkpoint-interval-ms",
            defaultValue = "1000",
            description =
                    "Flink checkpoint interval; restored frames become visible at each"
                            + " (default: ${DEFAULT-VALUE})")
    long checkpointIntervalMs;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            description =
                    "restore workers (Flink subtasks) of the embedded job; each takes its share"
                            + " of the cores, and tiles spread over them (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(
            names = "--threads",
            description =
                    "native threads per worker (default: the cores divided among the workers)")
    Integer threads;

    @Option(names = "--stream-id", description = "id of the stream (default: a new one)")
    String streamId;

    @Option(
            names = "--metrics-port",
            defaultValue = "0",
            description =
                    "serve the embedded job's metrics for Prometheus on this port while it runs"
                            + " (frames restored, iterations per second and per frame, warm and cold"
                            + " frames, scene cuts, last loss, ms per frame, progress per stream);"
                            + " 0 = off (default)")
    int metricsPort;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Option(
            names = "--fresh",
            description =
                    "start over: discard what an interrupted run of this command kept (in"
                            + " .OUTPUT.dipstream/ beside the output) instead of resuming it")
    boolean fresh;

    @Spec CommandSpec spec;

    @Option(
            names = "--frame-log",
            description = "write a CSV line per frame: iterations, seconds, loss, cold or warm")
    Path frameLog;

    @Mixin RunReportOptions reportOptions = new RunReportOptions();

    @Mixin StreamOptions stream = new StreamOptions();

    @Mixin VideoOutputOptions video = new VideoOutputOptions();

    @Mixin TileOptions tiles = new TileOptions();

    @Mixin SegmentOptions segments = new SegmentOptions();

    @Mixin DiskOptions disk = new DiskOptions();

    @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    @Mixin RecordOptions records = new RecordOptions();

    @Mixin EngineOption engine = new EngineOption();

    private final Map<String, RunStats> stats = new ConcurrentHashMap<>();
    private final Map<String, Long> totals = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (!externalJob) {
            // The embedded job runs the engine in this process: it starts on what is chosen here.
            engine.select();
        } else if (engine.choice() != EngineChoice.AUTO) {
            throw new BadInputException(
                    "--engine is the embedded job's; with --external-job the cluster's job"
                            + " chooses its own (flink run ... --engine cuda)");
        }
        inputs = VideoInputs.expand(given);
        StreamHeader settings = stream.settings();
        Workers workers = CliParsing.workers(parallelism, threads);
        if (externalJob && (parallelism != 1 || threads != null)) {
            throw new BadInputException(
                    "--parallelism and --threads are the embedded job's; with --external-job the"
                            + " cluster's job sets its own (flink run -p N ... --engine-threads T)");
        }
        KafkaConnection kafka = kafka();
        if (externalJob && metricsPort != 0) {
            throw new BadInputException(
                    "--metrics-port is the embedded job's; a cluster's job reports through the"
                            + " cluster's own metrics reporter");
        }
        TilePlan tilePlan = tiles.plan(workers.parallelism());
        SegmentPlan segmentPlan = segments.plan(settings.getPreRoll());
        if (inputs.size() > 1) {
            for (var o : new Object[][] {{"--stream-id", streamId}, {"--frame-log", frameLog}}) {
                if (o[1] != null) {
                    throw new BadInputException(o[0] + " takes one input, not " + inputs.size());
                }
            }
            if (reportOptions.report) {
                throw new BadInputException("--report takes one input, not " + inputs.size());
            }
        }
        List<Path> outputs = RunOutputs.plan(inputs, video.output, video.codec());
        for (Path o : outputs) {
            video.check(o);
        }
        Path reportFile = reportOptions.check(outputs.get(0), video.overwrite);
        List<VideoInfo> infos = new ArrayList<>();
        for (Path in : inputs) {
            // The mask or guide too: a wrong size or frame count is found now, not mid-run.
            infos.add(Ingest.probe(stream.ingestSpec(in, "probe", settings, SizeLimits.DEFAULT)));
            segmentCount(segmentPlan, in, infos.get(infos.size() - 1));
        }
        boolean embedded = bootstrapServers == null && !externalJob;
        disk.check(infos, outputs, settings, video.codec(), embedded);
        // Only now, with every input and option checked: bad input leaves nothing behind.
        WorkDir work = workDir(outputs);
        SizeLimits limits = records.limits(work == null ? null : work.claims());
        EmbeddedRun.Settings runSettings =
                new EmbeddedRun.Settings(
                        kafka,
                        externalJob,
                        Duration.ofMillis(checkpointIntervalMs),
                        workers,
                        limits,
                        work,
                        disk.keepFreeBytes(),
                        metricsPort);
        List<EmbeddedRun.Stream> streams;
        try {
            streams = streams(work, infos, outputs, settings, limits, tilePlan, segmentPlan);
        } catch (RuntimeException e) {
            if (work != null && !work.resumed()) {
                work.delete();
            }
            throw e;
        }
        long t0 = System.nanoTime();
        List<EmbeddedRun.Outcome> outcomes;
        try (FrameProgress progress =
                        new FrameProgress(
                                !noProgress,
                                "restore",
                                totals.values().stream().mapToLong(Long::longValue).sum());
                FrameLog log = FrameLog.open(frameLog)) {
            outcomes =
                    new EmbeddedRun(runSettings)
                            .run(
                                    streams,
                                    new RunProgress(progress, log, totals, stats, System.err));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (outcomes.size() == 1) {
            return single(outcomes.get(0), settings, workers, seconds, reportFile);
        }
        return RunSummary.several(outcomes, stats, externalJob ? null : workers, seconds);
    }

    /** The broker given, with the client settings given; null for the embedded one. */
    private KafkaConnection kafka() {
        if (bootstrapServers == null) {
            if (kafkaConfig.file != null) {
                throw new BadInputException(
                        "--kafka-config is for a broker given with --bootstrap-servers (the"
                                + " embedded broker takes plain connections from this process)");
            }
            return null;
        }
        return kafkaConfig.connect(bootstrapServers);
    }

    /**
     * The embedded run's work directory beside the output, resumed when it holds this command's
     * interrupted run; null where a broker or the job runs elsewhere (their state is theirs).
     */
    private WorkDir workDir(List<Path> outputs) {
        if (bootstrapServers != null || externalJob) {
            if (fresh) {
                throw new BadInputException(
                        "--fresh is for the embedded run (no --bootstrap-servers)");
            }
            return null;
        }
        Path beside = outputs.size() == 1 ? outputs.get(0) : video.output;
        WorkDir w =
                WorkDir.open(
                        WorkDir.beside(beside),
                        RunDescription.of(spec.commandLine().getParseResult(), inputs, outputs),
                        fresh);
        if (w.resumed()) {
            outputs.forEach(VideoWriter::deleteStalePartials);
            System.err.println("dipstream: resuming the interrupted run kept in " + w.path());
        }
        return w;
    }

    /** One stream per input, keyed so that their parts spread over the workers. */
    private List<EmbeddedRun.Stream> streams(
            WorkDir work,
            List<VideoInfo> infos,
            List<Path> outputs,
            StreamHeader settings,
            SizeLimits limits,
            TilePlan tilePlan,
            SegmentPlan segmentPlan) {
        List<EmbeddedRun.Stream> streams = new ArrayList<>();
        int slot = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Path in = inputs.get(i);
            VideoInfo info = infos.get(i);
            String fresh =
                    streamId != null
                            ? streamId
                            : "restore-" + (inputs.size() > 1 ? i + "-" : "") + UUID.randomUUID();
            // Resumed, a stream keeps its id: its records, state and transactions are keyed by it.
            String id = work == null ? fresh : work.chosen("stream." + i, () -> fresh);
            // Alone in its run, a stream keeps its id as its key unless it is cut.
            TilePlan plan = tilePlan.withFirstSlot(inputs.size() > 1 ? slot : -1);
            slot +=
                    plan.gridFor(info.width(), info.height()).count()
                            * segmentCount(segmentPlan, in, info);
            IngestSpec ingest =
                    stream.ingestSpec(in, id, settings, limits)
                            .withTiles(plan)
                            .withSegments(segmentPlan);
            streams.add(
                    new EmbeddedRun.Stream(
                            ingest,
                            new EmbeddedRun.Output(
                                    outputs.get(i), video.codec(), video.crf, video.x264Preset)));
            totals.put(id, info.frameCount());
        }
        return streams;
    }

    /** The input's segments, checked against its frame count before any work. */
    private static int segmentCount(SegmentPlan plan, Path in, VideoInfo info) {
        try {
            return plan.ranges(info.estimatedFrames()).size();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(in + ": " + e.getMessage(), e);
        }
    }

    /** One input: its failure is the command's; two summary lines and the report. */
    private int single(
            EmbeddedRun.Outcome o,
            StreamHeader settings,
            Workers workers,
            double seconds,
            Path reportFile)
            throws Exception {
        if (!o.ok()) {
            throw failure(o.failure());
        }
        String id = o.stream().id();
        RunStats st = stats.getOrDefault(id, new RunStats());
        StreamSink.Result result = o.result();
        // Before the summary lines: the last line stays machine-readable.
        RunSummary.warnUnderfit(id, st);
        System.out.printf(
                Locale.ROOT,
                "stream=%s task=%s preset=%s seed=%d first_iterations=%d frame_iterations=%d"
                        + " output=%s%n",
                id,
                settings.getTask().name().toLowerCase(Locale.ROOT),
                settings.getPreset(),
                settings.getSeed(),
                settings.getFirstFrameIterations(),
                settings.getLaterFrameIterations(),
                result.output());
        System.out.println(RunSummary.line(result, externalJob ? null : workers, seconds, st));
        if (reportFile != null) {
            System.out.println(
                    reportOptions.write(
                            inputs.get(0),
                            reportFile,
                            RunProvenance.of(id, settings, result, st),
                            result));
        }
        return 0;
    }

    private static RuntimeException failure(Throwable t) {
        if (t instanceof BadInputException b) {
            return b;
        }
        return new IllegalStateException(t.getMessage(), t);
    }
}
