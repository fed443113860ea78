package io.dipstream.job;

import io.dipstream.dip.Backends;
import io.dipstream.dip.EngineChoice;
import io.dipstream.dip.NativeRuntime;
import io.dipstream.dip.NetworkState;
import io.dipstream.frames.ClaimChecks;
import io.dipstream.frames.Records;
import io.dipstream.frames.RejectedRecordException;
import io.dipstream.frames.RestoreSettings;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.proto.Envelope;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.restore.FrameRestorer;
import io.dipstream.restore.LastOutput;
import io.dipstream.restore.PreRoll;
import io.dipstream.restore.SceneSignature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyed operator of the restore job: one key per stream (or per tile of a tiled stream, which
 * is a stream of its own to this operator), whose frames it restores in order, each warm-started
 * from the previous frame's network state kept in keyed state.
 *
 * <p>Guarantees: a stream's header, weights, Adam moments, progress, the last frame's scene
 * signature, the last emitted frame (for flicker reduction) and the frames of an open pre-roll
 * window ({@link PreRoll}) live in Flink state (so a restart from a checkpoint continues with the
 * same weights and window); frames already accepted are dropped when replayed; a record that does
 * not parse, has an unknown version, belongs to another key, precedes its header or does not fit it
 * goes to {@link #DEAD_LETTERS} with the reason, and the job goes on; one {@link FrameRestorer}
 * (one network) per subtask serves all keys.
 */
public class DipRestoreFunction
        extends KeyedProcessFunction<String, Tuple2<String, byte[]>, Tuple2<String, byte[]>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DipRestoreFunction.class);

    /** Records the job could not use: (key, reason, bytes). */
    public static final OutputTag<Tuple3<String, String, byte[]>> DEAD_LETTERS =
            new OutputTag<>("dead-letters", KeyedRecords.DEAD_LETTER);

    private final int engineThreads;
    private final EngineChoice engine;
    private final FrameFaults faults;
    private final SizeLimits limits;
    private transient PreRoll restorer;
    private transient ValueState<StreamHeader> header;
    private transient ValueState<NetworkState> network;
    private transient ValueState<StreamProgress> progress;
    private transient ValueState<SceneSignature> scene;
    private transient ValueState<LastOutput> lastOutput;
    private transient ListState<FrameRecord> held;
    private transient Counter framesRestored;
    private transient Counter iterations;
    private transient Counter coldFrames;
    private transient Counter warmFrames;
    private transient Counter sceneCuts;
    private transient volatile int lastIterations;

    /** Frames restored per stream (key), each exposed as a gauge labelled with its stream. */
    private transient Map<String, AtomicLong> perStream;

    private transient volatile double lastLoss = Double.NaN;
    private transient volatile double lastMillisPerFrame = Double.NaN;

    /** A restore function whose engine may use all native threads the runtime gives it. */
    public DipRestoreFunction() {
        this(0, EngineChoice.AUTO, FrameFaults.NONE, SizeLimits.DEFAULT);
    }

    /**
     * A restore function whose engine uses {@code engineThreads} native threads (0: the runtime's
     * setting), so that several subtasks in one process do not oversubscribe its cores, on the
     * backend {@code engine} chooses on the TaskManager (see {@link Backends}), failing where
     * {@code faults} says (tests; {@link FrameFaults#NONE} in production), its records within
     * {@code limits} (frames past them in and out through its claim directory).
     */
    public DipRestoreFunction(
            int engineThreads, EngineChoice engine, FrameFaults faults, SizeLimits limits) {
        if (engineThreads < 0) {
            throw new IllegalArgumentException("engineThreads must be >= 0, got " + engineThreads);
        }
        if (engine == null || faults == null || limits == null) {
            throw new IllegalArgumentException(
                    "engine, faults and limits must be given (EngineChoice.AUTO, FrameFaults.NONE,"
                            + " SizeLimits.DEFAULT)");
        }
        this.engineThreads = engineThreads;
        this.engine = engine;
        this.faults = faults;
        this.limits = limits;
    }

    @Override
    public void open(Configuration parameters) {
        // This TaskManager's backend, from its own GPUs, before ND4J starts (once per process).
        Backends.select(engine);
        if (engineThreads > 0) {
            // OpenMP's thread count is per calling thread: this subtask's thread runs every op.
            NativeRuntime.limitThreads(engineThreads);
        }
        header = state("header", StreamHeaderSerializer.INSTANCE);
        network = state("network", NetworkStateSerializer.INSTANCE);
        progress = state("progress", StreamProgressSerializer.INSTANCE);
        scene = state("scene", SceneSignatureSerializer.INSTANCE);
        lastOutput = state("last-output", LastOutputSerializer.INSTANCE);
        held =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>("held", FrameRecordSerializer.INSTANCE));
        restorer = new PreRoll(new FrameRestorer());
        var metrics = getRuntimeContext().getMetricGroup();
        framesRestored = metrics.counter("framesRestored");
        iterations = metrics.counter("iterations");
        metrics.meter("iterationsPerSecond", new MeterView(iterations));
        metrics.gauge("lastLoss", () -> lastLoss);
        metrics.gauge("msPerFrame", () -> lastMillisPerFrame);
        coldFrames = metrics.counter("coldFrames");
        warmFrames = metrics.counter("warmFrames");
        sceneCuts = metrics.counter("sceneCuts");
        metrics.gauge("iterationsPerFrame", () -> lastIterations);
        perStream = new HashMap<>();
    }

    private <T> ValueState<T> state(
            String name, org.apache.flink.api.common.typeutils.TypeSerializer<T> serializer) {
        return getRuntimeContext().getState(new ValueStateDescriptor<>(name, serializer));
    }

    @Override
    public void processElement(
            Tuple2<String, byte[]> in, Context ctx, Collector<Tuple2<String, byte[]>> out)
            throws Exception {
        try {
            Envelope e = ClaimChecks.resolve(Records.parse(in.f1), limits);
            if (!e.getStreamId().equals(in.f0)) {
                throw new RejectedRecordException(
                        "record of stream '" + e.getStreamId() + "' under key '" + in.f0 + "'");
            }
            switch (e.getBodyCase()) {
                case HEADER -> onHeader(e, out);
                case FRAME -> onFrame(e.getStreamId(), e.getFrame(), out);
                default -> onEnd(e, out);
            }
        } catch (RejectedRecordException ex) {
            LOG.warn("dead-lettering a record of key '{}': {}", in.f0, ex.getMessage());
            ctx.output(DEAD_LETTERS, Tuple3.of(in.f0, ex.getMessage(), in.f1));
        }
    }

    private void onHeader(Envelope e, Collector<Tuple2<String, byte[]>> out) throws Exception {
        StreamHeader h = e.getHeader();
        try {
            RestoreSettings.of(h);
        } catch (IllegalArgumentException bad) {
            throw new RejectedRecordException("header: " + bad.getMessage(), bad);
        }
        StreamHeader known = header.value();
        if (known != null && !known.getConfigHash().equals(h.getConfigHash())) {
            // A new configuration under the same stream id starts the stream over.
            clearStream();
        }
        header.update(h);
        emit(out, Records.header(e.getStreamId(), FrameRestorer.outputHeader(h)));
    }

    private void onFrame(String id, FrameRecord f, Collector<Tuple2<String, byte[]>> out)
            throws Exception {
        StreamHeader h = header.value();
        if (h == null) {
            throw new RejectedRecordException(
                    "frame " + f.getIndex() + " of stream '" + id + "' arrived before its header");
        }
        StreamProgress p = progress.value() == null ? StreamProgress.START : progress.value();
        if (f.getIndex() <= p.lastIndex()) {
            LOG.info("stream {}: frame {} already restored, dropped", id, f.getIndex());
            return;
        }
        faults.beforeFrame(id, f.getIndex());
        PreRoll.Step step = restorer.accept(h, f, carried(), (i, n, loss) -> {});
        keep(step.next());
        int its = 0;
        double seconds = 0;
        for (FrameRecord r : step.emitted()) {
            its += r.getStats().getIterations();
            seconds += r.getStats().getSeconds();
        }
        progress.update(p.after(f.getIndex(), its, seconds));
        emitAll(out, id, step.emitted());
    }

    private PreRoll.State carried() throws Exception {
        List<FrameRecord> window = new ArrayList<>();
        for (FrameRecord f : held.get()) {
            window.add(f);
        }
        return new PreRoll.State(
                new FrameRestorer.Carry(network.value(), scene.value(), lastOutput.value()),
                window);
    }

    private void keep(PreRoll.State s) throws Exception {
        FrameRestorer.Carry next = s.carry();
        if (next.network() != null) {
            network.update(next.network());
        }
        if (next.scene() != null) {
            scene.update(next.scene());
        }
        if (next.output() != null) {
            lastOutput.update(next.output());
        }
        held.update(s.held());
    }

    private void emitAll(Collector<Tuple2<String, byte[]>> out, String id, List<FrameRecord> frames)
            throws RejectedRecordException {
        for (FrameRecord r : frames) {
            var stats = r.getStats();
            framesRestored.inc();
            iterations.inc(stats.getIterations());
            lastIterations = stats.getIterations();
            (stats.getCold() ? coldFrames : warmFrames).inc();
            if (stats.getSceneCut()) {
                sceneCuts.inc();
            }
            streamProgress(id).set(r.getIndex() + 1);
            lastLoss = stats.getFinalLoss();
            lastMillisPerFrame = stats.getSeconds() * 1000;
            emit(out, Records.frame(id, r));
        }
    }

    /** The stream's progress gauge, registered the first time the stream restores a frame. */
    private AtomicLong streamProgress(String id) {
        return perStream.computeIfAbsent(
                id,
                k -> {
                    AtomicLong n = new AtomicLong();
                    getRuntimeContext()
                            .getMetricGroup()
                            .addGroup("stream", k)
                            .gauge("framesRestored", n::get);
                    return n;
                });
    }

    private void onEnd(Envelope e, Collector<Tuple2<String, byte[]>> out) throws Exception {
        StreamHeader h = header.value();
        if (h != null) {
            // An open pre-roll window ends with the stream.
            emitAll(out, e.getStreamId(), restorer.flush(h, carried()).emitted());
        }
        header.clear();
        clearStream();
        emit(out, e);
    }

    private void clearStream() {
        network.clear();
        progress.clear();
        scene.clear();
        lastOutput.clear();
        held.clear();
    }

    private void emit(Collector<Tuple2<String, byte[]>> out, Envelope e)
            throws RejectedRecordException {
        Envelope wire;
        try {
            wire = ClaimChecks.outgoing(e, limits);
        } catch (IllegalStateException tooLarge) {
            // Kafka would refuse the send and fail the job on every restart: the stream's sink
            // hears why instead.
            throw new RejectedRecordException("restored " + tooLarge.getMessage(), tooLarge);
        }
        out.collect(Tuple2.of(e.getStreamId(), wire.toByteArray()));
    }
}
