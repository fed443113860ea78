package io.dipstream.cli.embedded;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.ingest.IngestSpec;
import io.dipstream.job.JobConfig;
import io.dipstream.job.Workers;
import io.dipstream.sink.Codec;
import io.dipstream.sink.StreamSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore run on this machine: a Kafka broker (started in this process unless one is given),
 * the restore job (a MiniCluster in this process unless it runs elsewhere) and, per stream, an
 * ingest thread and a sink thread. Many streams share the broker and the job.
 *
 * <p>With a {@link WorkDir} the broker's data and the job's checkpoints are kept there: killed
 * (SIGKILL) and run again with the same streams, the run starts the job from the last completed
 * checkpoint (weights, scene state, Kafka offsets) and the broker from its data, sends only the
 * inputs not completely sent before, and writes every output again from the restored topic. Stopped
 * by SIGINT or SIGTERM, it stops the job and the broker cleanly, keeps that state and tells the
 * listener ({@link Listener#stopped}).
 *
 * <p>Guarantees: a stream's own failure (bad input found while decoding, a rejected record, a sink
 * error) fails that stream alone, and its outcome names it; the others go on. A failure of the job
 * or an interrupt (Ctrl-C) fails every stream still running. When {@link #run} returns, every
 * thread it started has stopped, the MiniCluster and the embedded broker are closed and their
 * temporary directories deleted (a work directory only once every stream ended), and an output file
 * exists only for a stream that completed ({@link StreamSink} writes under a temporary name until
 * the last frame).
 */
public final class EmbeddedRun {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRun.class);

    /**
     * How the run is set up.
     *
     * @param kafka a running Kafka and how to connect to it, or null to start one in this process
     * @param externalJob the restore job runs elsewhere (then a broker must be given)
     * @param checkpointInterval the job's checkpoint interval
     * @param workers restore subtasks and native threads of the embedded job
     * @param limits record size limits
     * @param work where the embedded broker and job keep their state so that a killed run resumes
     *     ({@link WorkDir}); null: temporary directories, deleted at the end
     * @param keepFree bytes to keep free on the disks of the work directory and the outputs: below
     *     that the run stops as it does on SIGTERM, resumable ({@link DiskSpace}); 0 = no watch
     * @param metricsPort where the embedded job's metrics are served for Prometheus; 0 = not
     */
    public record Settings(
            KafkaConnection kafka,
            boolean externalJob,
            Duration checkpointInterval,
            Workers workers,
            SizeLimits limits,
            WorkDir work,
            long keepFree,
            int metricsPort) {
        public Settings {
            if (metricsPort < 0 || metricsPort > 65535) {
                throw new BadInputException("--metrics-port must be 0..65535, got " + metricsPort);
            }
            if (keepFree < 0) {
                throw new IllegalArgumentException("keepFree must be >= 0, got " + keepFree);
            }
            if (externalJob && kafka == null) {
                throw new BadInputException("--external-job needs --bootstrap-servers");
            }
            if (checkpointInterval == null || workers == null || limits == null) {
                throw new IllegalArgumentException("checkpointInterval, workers and limits");
            }
            if (work != null && (externalJob || kafka != null)) {
                throw new IllegalArgumentException("a work directory is for the embedded run");
            }
        }

        /** A run on temporary directories: nothing is kept to resume. */
        public Settings(
                KafkaConnection kafka,
                boolean externalJob,
                Duration checkpointInterval,
                Workers workers,
                SizeLimits limits) {
            this(kafka, externalJob, checkpointInterval, workers, limits, null, 0, 0);
        }
    }

    /** Where and how one stream's restored video is written. */
    public record Output(Path path, Codec codec, int crf, String x264Preset) {}

    /** One input: what to ingest and where its restoration goes. */
    public record Stream(IngestSpec ingest, Output output) {
        public String id() {
            return ingest.streamId();
        }
    }

    /** How one stream ended: its result, or the failure that stopped it. */
    public record Outcome(Stream stream, StreamSink.Result result, Throwable failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    /** What the caller hears, from the streams' sink threads (possibly at once). */
    public interface Listener {
        /** The stream's restored header arrived. */
        default void header(Stream s, StreamHeader h) {}

        /** {@code n} frames of the stream are written. */
        default void written(Stream s, long n, FrameRecord last) {}

        /** The stream is done: written in full, or failed. */
        default void finished(Outcome o) {}

        /**
         * The run was stopped (SIGINT, SIGTERM) and has cleaned up; its state is kept in {@code
         * work} (null when there is none). Called on the JVM's shutdown thread.
         */
        default void stopped(Path work) {}
    }

    private final Settings settings;

    public EmbeddedRun(Settings settings) {
        this.settings = settings;
    }

    /**
     * Restores every stream; returns their outcomes in the order given. With a work directory, a
     * run whose every stream ended (written, or refused as bad input) deletes it; otherwise it is
     * kept for the next run to resume.
     */
    public List<Outcome> run(List<Stream> streams, Listener listener) throws InterruptedException {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("no streams to restore");
        }
        WorkDir work = settings.work();
        AtomicReference<Throwable> shared = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            shared.compareAndSet(null, new IllegalStateException("interrupted"));
                            try {
                                // The job and the broker stop cleanly, keeping their state.
                                closed.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            listener.stopped(work == null ? null : work.path());
                        },
                        "dipstream-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        List<Outcome> out;
        try (DiskSpace watch =
                DiskSpace.watch(
                        watched(streams),
                        settings.keepFree(),
                        low -> shared.compareAndSet(null, new BadInputException(low)))) {
            out = runOnBroker(streams, listener, shared);
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for this cleanup
            }
        }
        if (work != null
                && shared.get() == null
                && out.stream().allMatch(o -> o.ok() || o.failure() instanceof BadInputException)) {
            work.delete();
        }
        return out;
    }

    /** The work directory and the outputs' directories: where the run fills disks. */
    private List<Path> watched(List<Stream> streams) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (settings.work() != null) {
            dirs.add(settings.work().path());
        }
        for (Stream s : streams) {
            Path parent = s.output().path().toAbsolutePath().getParent();
            if (parent != null) {
                dirs.add(parent);
            }
        }
        return List.copyOf(dirs);
    }

    private List<Outcome> runOnBroker(
            List<Stream> streams, Listener listener, AtomicReference<Throwable> shared)
            throws InterruptedException {
        long t0 = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        SizeLimits limits = settings.limits();
        WorkDir work = settings.work();
        try (EmbeddedKafka broker =
                settings.kafka() == null
                        ? EmbeddedKafka.start(limits, work == null ? null : work.kafka())
                        : null) {
            KafkaConnection servers =
                    broker != null
                            ? KafkaConnection.of(broker.bootstrapServers())
                            : settings.kafka();
            TopicSetup.ensure(servers, limits, 1, (short) 1);
            LOG.info("Kafka ready after {} ms", (System.nanoTime() - t0) / 1_000_000);
            String fresh =
                    "dipstream-"
                            + (streams.size() == 1
                                    ? streams.get(0).id()
                                    : "run-" + UUID.randomUUID());
            // Resumed, the job must use the same transactional ids to abort the killed run's.
            String group = work == null ? fresh : work.chosen("group", () -> fresh);
            JobConfig jc =
                    JobConfig.defaults(servers)
                            .withLimits(limits)
                            .withCheckpointInterval(settings.checkpointInterval())
                            .forRun(group, group, broker != null ? -1 : startMillis);
            try (LocalJob job =
                    settings.externalJob()
                            ? null
                            : LocalJob.start(
                                    jc,
                                    settings.workers(),
                                    work == null ? null : work.flink(),
                                    work == null ? null : work.latestCheckpoint(),
                                    settings.metricsPort())) {
                LOG.info("job submitted after {} ms", (System.nanoTime() - t0) / 1_000_000);
                return runStreams(servers, jc, streams, job, listener, shared);
            }
        }
    }

    private List<Outcome> runStreams(
            KafkaConnection servers,
            JobConfig jc,
            List<Stream> streams,
            LocalJob job,
            Listener listener,
            AtomicReference<Throwable> shared)
            throws InterruptedException {
        if (job != null) {
            job.termination()
                    .whenComplete(
                            (v, ex) -> {
                                if (ex != null) {
                                    shared.compareAndSet(
                                            null, ex.getCause() != null ? ex.getCause() : ex);
                                }
                            });
        }
        List<StreamThreads> running = new ArrayList<>();
        try {
            for (Stream s : streams) {
                running.add(new StreamThreads(s, servers, jc, shared, listener, settings.work()));
            }
            for (StreamThreads r : running) {
                r.start();
            }
            List<Outcome> out = new ArrayList<>();
            for (StreamThreads r : running) {
                out.add(r.await());
            }
            return out;
        } finally {
            for (StreamThreads r : running) {
                r.stop();
            }
        }
    }
}
