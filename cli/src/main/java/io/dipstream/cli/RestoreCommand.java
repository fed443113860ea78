package io.dipstream.cli;

import io.dipstream.cli.embedded.EmbeddedKafka;
import io.dipstream.cli.embedded.LocalJob;
import io.dipstream.frames.BadInputException;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.TopicSetup;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.tiles.TilePlan;
import io.dipstream.ingest.Ingest;
import io.dipstream.ingest.IngestSpec;
import io.dipstream.ingest.VideoInfo;
import io.dipstream.ingest.VideoSource;
import io.dipstream.job.JobConfig;
import io.dipstream.job.Workers;
import io.dipstream.report.FilterSweep;
import io.dipstream.report.QualityReport;
import io.dipstream.report.ReportSpec;
import io.dipstream.report.ReportSummary;
import io.dipstream.sink.SinkSpec;
import io.dipstream.sink.StreamSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dipstream restore}: a video in, the restored video out, every frame through Kafka and the
 * Flink job. With no {@code --bootstrap-servers} it starts its own broker and MiniCluster in this
 * process and stops them before it exits. The last stdout line is machine-readable.
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
            description = "video, image sequence (dir/frame%%04d.png) or directory of images")
    Path input;

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

    @Option(names = "--stream-id", description = "id of the stream (default: a new one)")
    String streamId;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Option(
            names = "--frame-log",
            description = "write a CSV line per frame: iterations, seconds, loss, cold or warm")
    Path frameLog;

    @Option(
            names = "--report",
            description = "write a quality report (HTML) next to the output: <output>.report.html")
    boolean report;

    @Option(
            names = "--reference",
            description = "the clean clip, for the report's PSNR, SSIM and tdPSNR (needs --report)")
    Path reference;

    @Option(
            names = "--compare-ffmpeg",
            description =
                    "the report also runs FFmpeg's denoisers over a sweep of strengths on the"
                            + " input (needs --report and --reference)")
    boolean compareFfmpeg;

    @Mixin StreamOptions stream = new StreamOptions();

    @Mixin VideoOutputOptions video = new VideoOutputOptions();

    @Mixin TileOptions tiles = new TileOptions();

    @Override
    public Integer call() throws Exception {
        StreamHeader settings = stream.settings();
        Workers workers = CliParsing.parse(() -> Workers.onThisMachine(parallelism));
        if (externalJob && parallelism != 1) {
            throw new BadInputException(
                    "--parallelism is the embedded job's; with --external-job the cluster's job"
                            + " sets its own (flink run -p N)");
        }
        TilePlan tilePlan = tiles.plan(workers.parallelism());
        video.check();
        Path reportFile = checkReportOptions();
        if (externalJob && bootstrapServers == null) {
            throw new BadInputException("--external-job needs --bootstrap-servers");
        }
        long total;
        try (VideoSource probe = VideoSource.open(input)) {
            VideoInfo info = probe.info();
            total = info.frameCount();
        }
        String id = streamId != null ? streamId : "restore-" + UUID.randomUUID();
        SizeLimits limits = SizeLimits.DEFAULT;
        IngestSpec ingest = stream.ingestSpec(input, id, settings, limits).withTiles(tilePlan);
        long t0 = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        StreamSink.Result result;
        Stats stats = new Stats();
        try (EmbeddedKafka broker = bootstrapServers == null ? EmbeddedKafka.start(limits) : null) {
            String servers = broker != null ? broker.bootstrapServers() : bootstrapServers;
            TopicSetup.ensure(servers, limits, 1, (short) 1);
            LOG.info(
                    "stream {}: Kafka ready after {} ms", id, (System.nanoTime() - t0) / 1_000_000);
            JobConfig jc =
                    JobConfig.defaults(servers)
                            .withCheckpointInterval(Duration.ofMillis(checkpointIntervalMs))
                            .forRun(
                                    "dipstream-" + id,
                                    "dipstream-" + id,
                                    broker != null ? -1 : startMillis);
            SinkSpec sink =
                    new SinkSpec(
                            id,
                            video.output,
                            video.codec(),
                            video.crf,
                            video.x264Preset,
                            null,
                            jc.checkpointTimeout(),
                            limits);
            try (LocalJob job = externalJob ? null : LocalJob.start(jc, workers)) {
                LOG.info(
                        "stream {}: job submitted after {} ms",
                        id,
                        (System.nanoTime() - t0) / 1_000_000);
                result = run(servers, ingest, sink, job, total, stats);
                LOG.info(
                        "stream {}: output final after {} ms",
                        id,
                        (System.nanoTime() - t0) / 1_000_000);
            }
            LOG.info(
                    "stream {}: job stopped after {} ms", id, (System.nanoTime() - t0) / 1_000_000);
        }
        // Before the summary lines: the last line stays machine-readable.
        if (!stats.underfit.isEmpty()) {
            LOG.warn(
                    "stream {}: {} frames reached their cap still underfit: {}",
                    id,
                    stats.underfit.size(),
                    stats.underfit);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
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
                video.output);
        System.out.printf(
                Locale.ROOT,
                "frames=%d width=%d height=%d tiles=%d workers=%d threads=%d seconds=%.2f fps=%.3f"
                        + " engine_seconds=%.2f iterations=%d scene_cuts=%d underfit=%d%n",
                result.frames(),
                result.header().getWidth(),
                result.header().getHeight(),
                Math.max(1, result.header().getTile().getCount()),
                externalJob ? 0 : workers.parallelism(),
                externalJob ? 0 : workers.threads(),
                seconds,
                result.frames() / seconds,
                stats.engineSeconds,
                stats.iterations,
                stats.sceneCuts,
                stats.underfit.size());
        if (reportFile != null) {
            ReportSummary r =
                    QualityReport.write(
                            CliParsing.parse(
                                    () ->
                                            ReportSpec.of(input, video.output, reportFile)
                                                    .withReference(reference)
                                                    .withFfmpegComparison(
                                                            compareFfmpeg
                                                                    ? FilterSweep.defaults()
                                                                    : null)
                                                    .withSettings(
                                                            provenance(
                                                                    id, settings, result, stats))));
            System.out.println(r.keyValues());
        }
        return 0;
    }

    /** The report's path, or null without --report; refuses options that need --report. */
    private Path checkReportOptions() {
        if (!report) {
            if (reference != null || compareFfmpeg) {
                throw new BadInputException("--reference and --compare-ffmpeg need --report");
            }
            return null;
        }
        if (reference != null && !Files.isReadable(reference)) {
            throw new BadInputException(reference + ": no such file (--reference)");
        }
        Path file = QualityReport.defaultOutput(video.output);
        ReportCommand.checkOptions(compareFfmpeg, reference, file, video.overwrite);
        return file;
    }

    /** The run's settings for the report, in the order a reader wants them. */
    private static Map<String, String> provenance(
            String id, StreamHeader h, StreamSink.Result result, Stats stats) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", "dipstream restore");
        m.put("stream", id);
        m.put("task", h.getTask().name().toLowerCase(Locale.ROOT));
        m.put("preset", h.getPreset());
        m.put("seed", Long.toString(h.getSeed()));
        m.put("first_frame_iterations", Integer.toString(h.getFirstFrameIterations()));
        m.put("later_frame_iterations_cap", Integer.toString(h.getLaterFrameIterations()));
        m.put(
                "later_frames_stop",
                h.getFramePatience() > 0
                        ? "outputs settled: min "
                                + h.getMinFrameIterations()
                                + ", patience "
                                + h.getFramePatience()
                        : "fixed");
        m.put("carry_adam", Boolean.toString(h.getCarryAdam()));
        m.put("scene_cut_threshold", Float.toString(h.getSceneCutThreshold()));
        m.put("temporal_blend", Float.toString(h.getTemporalBlend()));
        m.put("temporal_radius", Integer.toString(h.getTemporalRadius()));
        m.put("pre_roll", Integer.toString(h.getPreRoll()));
        m.put("discrepancy", Float.toString(h.getDiscrepancy()));
        m.put("frame_seconds", Float.toString(h.getFrameSeconds()));
        m.put("residual_detail", Boolean.toString(h.getResidualDetail()));
        m.put("cold_every_frame", Boolean.toString(h.getColdEveryFrame()));
        m.put("frames", Long.toString(result.frames()));
        m.put("iterations_total", Long.toString(stats.iterations));
        m.put("scene_cuts", Long.toString(stats.sceneCuts));
        m.put("underfit_frames", Long.toString(stats.underfit.size()));
        m.put(
                "underfit_frame_indices",
                stats.underfit.isEmpty() ? "none" : stats.underfit.toString());
        m.put("engine_seconds", String.format(Locale.ROOT, "%.2f", stats.engineSeconds));
        m.put(
                ReportSpec.SECONDS_PER_FRAME,
                String.format(
                        Locale.ROOT, "%.4f", stats.engineSeconds / Math.max(1, result.frames())));
        return m;
    }

    /** Ingest in a thread, the sink in this one; a failure anywhere stops both. */
    private StreamSink.Result run(
            String servers, IngestSpec ingest, SinkSpec sink, LocalJob job, long total, Stats stats)
            throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        if (job != null) {
            job.termination()
                    .whenComplete(
                            (v, ex) -> {
                                if (ex != null) {
                                    failure.compareAndSet(
                                            null, ex.getCause() != null ? ex.getCause() : ex);
                                }
                            });
        }
        Thread ingester =
                new Thread(
                        () -> {
                            try {
                                Ingest.run(servers, ingest, n -> {});
                            } catch (Throwable t) {
                                failure.compareAndSet(null, t);
                            }
                        },
                        "dipstream-ingest");
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            failure.compareAndSet(null, new IllegalStateException("interrupted"));
                            try {
                                finished.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        Runtime.getRuntime().addShutdownHook(hook);
        ingester.setDaemon(true);
        ingester.start();
        try (FrameProgress progress = new FrameProgress(!noProgress, "restore", total);
                FrameLog log = FrameLog.open(frameLog)) {
            StreamSink.Listener listener =
                    new StreamSink.Listener() {
                        @Override
                        public void header(StreamHeader h) {
                            LOG.info("stream {}: restored header arrived", h.getSource());
                            progress.total(h.getFrameCount());
                        }

                        @Override
                        public void written(long n, FrameRecord last) {
                            stats.add(last);
                            log.add(last);
                            progress.frames(
                                    n,
                                    String.format(
                                            Locale.ROOT,
                                            "%d it, %.1f s/frame",
                                            last.getStats().getIterations(),
                                            last.getStats().getSeconds()));
                        }
                    };
            return StreamSink.run(servers, sink, listener, () -> failure.get() != null);
        } catch (RuntimeException e) {
            Throwable f = failure.get();
            if (f instanceof BadInputException b) {
                throw b;
            }
            if (f != null) {
                throw new IllegalStateException(f.getMessage(), f);
            }
            throw e;
        } finally {
            ingester.join(10_000);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this cleanup
            }
        }
    }

    /** Totals of the engine's per-frame statistics. */
    private static final class Stats {
        double engineSeconds;
        long iterations;
        long sceneCuts;
        final java.util.List<Long> underfit = new java.util.ArrayList<>();

        void add(FrameRecord f) {
            engineSeconds += f.getStats().getSeconds();
            iterations += f.getStats().getIterations();
            sceneCuts += f.getStats().getSceneCut() ? 1 : 0;
            if (f.getStats().getUnderfit()) {
                underfit.add(f.getIndex());
            }
        }
    }
}
