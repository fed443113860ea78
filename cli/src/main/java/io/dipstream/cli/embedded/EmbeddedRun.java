package io.dipstream.cli.embedded;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.TopicSetup;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.ingest.Ingest;
import io.dipstream.ingest.IngestSpec;
import io.dipstream.job.JobConfig;
import io.dipstream.job.Workers;
import io.dipstream.sink.Codec;
import io.dipstream.sink.SinkSpec;
import io.dipstream.sink.StreamSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Guarantees: a stream's own failure (bad input found while decoding, a rejected record, a sink
 * error) fails that stream alone, and its outcome names it; the others go on. A failure of the job
 * or an interrupt (Ctrl-C) fails every stream still running. When {@link #run} returns, every
 * thread it started has stopped, the MiniCluster and the embedded broker are closed and their
 * temporary directories deleted, and an output file exists only for a stream that completed ({@link
 * StreamSink} writes under a temporary name until the last frame).
 */
public final class EmbeddedRun {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRun.class);

    /**
     * How the run is set up.
     *
     * @param bootstrapServers a running Kafka, or null to start one in this process
     * @param externalJob the restore job runs elsewhere (then a broker must be given)
     * @param checkpointInterval the job's checkpoint interval
     * @param workers restore subtasks and native threads of the embedded job
     * @param limits record size limits
     */
    public record Settings(
            String bootstrapServers,
            boolean externalJob,
            Duration checkpointInterval,
            Workers workers,
            SizeLimits limits) {
        public Settings {
            if (externalJob && bootstrapServers == null) {
                throw new BadInputException("--external-job needs --bootstrap-servers");
            }
            if (checkpointInterval == null || workers == null || limits == null) {
                throw new IllegalArgumentException("checkpointInterval, workers and limits");
            }
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
    }

    private final Settings settings;

    public EmbeddedRun(Settings settings) {
        this.settings = settings;
    }

    /** Restores every stream; returns their outcomes in the order given. */
    public List<Outcome> run(List<Stream> streams, Listener listener) throws InterruptedException {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("no streams to restore");
        }
        long t0 = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        SizeLimits limits = settings.limits();
        try (EmbeddedKafka broker =
                settings.bootstrapServers() == null ? EmbeddedKafka.start(limits) : null) {
            String servers =
                    broker != null ? broker.bootstrapServers() : settings.bootstrapServers();
            TopicSetup.ensure(servers, limits, 1, (short) 1);
            LOG.info("Kafka ready after {} ms", (System.nanoTime() - t0) / 1_000_000);
            String group =
                    "dipstream-"
                            + (streams.size() == 1
                                    ? streams.get(0).id()
                                    : "run-" + UUID.randomUUID());
            JobConfig jc =
                    JobConfig.defaults(servers)
                            .withCheckpointInterval(settings.checkpointInterval())
                            .forRun(group, group, broker != null ? -1 : startMillis);
            try (LocalJob job =
                    settings.externalJob() ? null : LocalJob.start(jc, settings.workers())) {
                LOG.info("job submitted after {} ms", (System.nanoTime() - t0) / 1_000_000);
                return runStreams(servers, jc, streams, job, listener);
            }
        }
    }

    private List<Outcome> runStreams(
            String servers, JobConfig jc, List<Stream> streams, LocalJob job, Listener listener)
            throws InterruptedException {
        AtomicReference<Throwable> shared = new AtomicReference<>();
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
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            shared.compareAndSet(null, new IllegalStateException("interrupted"));
                            try {
                                finished.await(60, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
        Runtime.getRuntime().addShutdownHook(hook);
        List<Running> running = new ArrayList<>();
        try {
            for (Stream s : streams) {
                running.add(new Running(s, servers, jc, shared, listener));
            }
            for (Running r : running) {
                r.start();
            }
            List<Outcome> out = new ArrayList<>();
            for (Running r : running) {
                out.add(r.await());
            }
            return out;
        } finally {
            for (Running r : running) {
                r.stop();
            }
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this cleanup
            }
        }
    }

    /** One stream's ingest and sink threads and its failure. */
    private static final class Running {
        private final Stream stream;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicReference<Throwable> shared;
        private final AtomicReference<StreamSink.Result> result = new AtomicReference<>();
        private final Thread ingester;
        private final Thread sinker;

        Running(
                Stream s,
                String servers,
                JobConfig jc,
                AtomicReference<Throwable> shared,
                Listener listener) {
            this.stream = s;
            this.shared = shared;
            Output o = s.output();
            SinkSpec sink =
                    new SinkSpec(
                            s.id(),
                            o.path(),
                            o.codec(),
                            o.crf(),
                            o.x264Preset(),
                            null,
                            jc.checkpointTimeout(),
                            s.ingest().limits());
            ingester =
                    new Thread(
                            () -> {
                                try {
                                    Ingest.run(servers, s.ingest(), n -> {});
                                } catch (Throwable t) {
                                    failure.compareAndSet(null, t);
                                }
                            },
                            "dipstream-ingest-" + s.id());
            StreamSink.Listener l =
                    new StreamSink.Listener() {
                        @Override
                        public void header(StreamHeader h) {
                            listener.header(s, h);
                        }

                        @Override
                        public void written(long n, FrameRecord last) {
                            listener.written(s, n, last);
                        }
                    };
            sinker =
                    new Thread(
                            () -> {
                                try {
                                    result.set(
                                            StreamSink.run(
                                                    servers,
                                                    sink,
                                                    l,
                                                    () ->
                                                            failure.get() != null
                                                                    || shared.get() != null));
                                } catch (Throwable t) {
                                    // The cause (the ingest's or the job's failure) says more
                                    // than the sink's "cancelled".
                                    failure.compareAndSet(null, t);
                                }
                                listener.finished(outcome());
                            },
                            "dipstream-sink-" + s.id());
            ingester.setDaemon(true);
            sinker.setDaemon(true);
        }

        void start() {
            ingester.start();
            sinker.start();
        }

        Outcome await() throws InterruptedException {
            sinker.join();
            return outcome();
        }

        private Outcome outcome() {
            StreamSink.Result r = result.get();
            if (r != null) {
                return new Outcome(stream, r, null);
            }
            Throwable own = failure.get();
            Throwable cause =
                    own instanceof BadInputException || shared.get() == null ? own : shared.get();
            return new Outcome(stream, null, cause);
        }

        void stop() throws InterruptedException {
            failure.compareAndSet(null, new IllegalStateException("stopped"));
            sinker.join(10_000);
            ingester.join(10_000);
        }
    }
}
