package io.dipstream.cli.embedded;

import io.dipstream.cli.embedded.EmbeddedRun.Listener;
import io.dipstream.cli.embedded.EmbeddedRun.Outcome;
import io.dipstream.cli.embedded.EmbeddedRun.Output;
import io.dipstream.cli.embedded.EmbeddedRun.Stream;
import io.dipstream.frames.BadInputException;
import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.ingest.Ingest;
import io.dipstream.job.JobConfig;
import io.dipstream.sink.SinkSpec;
import io.dipstream.sink.StreamSink;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream of an {@link EmbeddedRun}: its ingest and sink threads and its failure. Ingest stops
 * sending, and the sink writing, once the stream or the whole run has failed (a job failure, a
 * stop, a disk running low); a resumed stream sends only what Kafka lacks.
 */
final class StreamThreads {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreads.class);

    private final Stream stream;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicReference<Throwable> shared;
    private final AtomicReference<StreamSink.Result> result = new AtomicReference<>();
    private final Thread ingester;
    private final Thread sinker;

    StreamThreads(
            Stream s,
            KafkaConnection servers,
            JobConfig jc,
            AtomicReference<Throwable> shared,
            Listener listener,
            WorkDir work) {
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
                                if (work != null && work.ingested(s.id())) {
                                    LOG.info("stream {}: already in Kafka", s.id());
                                    return;
                                }
                                // A run that stops (low disk, a failed job) stops
                                // sending too.
                                long resumeAt = work == null ? 0 : work.sent(s.id());
                                if (resumeAt > 0) {
                                    LOG.info(
                                            "stream {}: {} frames already in Kafka",
                                            s.id(),
                                            resumeAt);
                                }
                                Ingest.run(
                                        servers,
                                        s.ingest(),
                                        resumeAt,
                                        n -> {
                                            if (work != null) {
                                                work.markSent(s.id(), n);
                                            }
                                            if (shared.get() != null) {
                                                throw new CancellationException("stopped");
                                            }
                                        });
                                if (work != null) {
                                    work.markIngested(s.id());
                                }
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
