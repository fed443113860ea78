package io.dipstream.restore;

import io.dipstream.dip.IterationListener;
import io.dipstream.frames.RejectedRecordException;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.RestoreStats;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Restores a stream's frames so that the first frames of the stream and of each scene are not its
 * worst: a warm-started fit improves frame after frame, so the frames right after a cold start (the
 * stream's first, a scene cut) would otherwise come out with the least-fitted weights.
 *
 * <p>With a pre-roll of P frames (the header's {@code pre_roll}), a cold frame opens a window: it
 * and the next P − 1 frames are restored forward as usual, warming the weights, but held; then the
 * window is restored once more, backward from its last frame's weights, each frame warm-started
 * from its successor, and emitted in order from that second pass. The stream goes on from the
 * forward pass's weights, as it would have without the window. A scene cut inside a window, or the
 * end of the stream, closes it early.
 *
 * <p>Guarantees: every frame accepted is emitted exactly once, in order, either at once or when its
 * window closes; the held frames and the carry are all the state it needs (the operator keeps them
 * in Flink state), so a restart resumes a window where it was; deterministic; with a pre-roll of 0
 * or 1, cold-every-frame streams and pass-through, it is {@link FrameRestorer} frame by frame. The
 * cost: up to P more (warm) fits per scene, and P frames of latency after a cut.
 */
public final class PreRoll {
    private final FrameRestorer restorer;

    /** Restores with {@code restorer} (and its one network). */
    public PreRoll(FrameRestorer restorer) {
        this.restorer = restorer;
    }

    /**
     * What a stream carries between frames: the forward pass's carry and the frames held in an open
     * window (each an input record with its forward fit's stats; empty when none is open).
     */
    public record State(FrameRestorer.Carry carry, List<FrameRecord> held) {
        /** A stream's state before its first frame. */
        public static final State NONE = new State(FrameRestorer.Carry.NONE, List.of());

        public State {
            held = List.copyOf(held);
        }
    }

    /** The stream's state after a step, and the frames the step emits, in order. */
    public record Step(State next, List<FrameRecord> emitted) {}

    /** Restores {@code frame}, the stream's next one. */
    public Step accept(
            StreamHeader header, FrameRecord frame, State state, IterationListener listener)
            throws RejectedRecordException {
        FrameRestorer.Restored r = restorer.restore(header, frame, state.carry(), listener);
        if (!applies(header)) {
            return new Step(new State(r.carry(), List.of()), List.of(r.frame()));
        }
        List<FrameRecord> emitted = new ArrayList<>();
        List<FrameRecord> held = state.held();
        boolean opens = r.frame().getStats().getCold();
        if (opens && !held.isEmpty()) {
            // A cut inside a window: the window ends with the frame before it.
            emitted.addAll(rewind(header, held, state.carry()).frames());
            held = List.of();
        }
        if (!opens && held.isEmpty()) {
            emitted.add(r.frame());
            return new Step(new State(r.carry(), List.of()), emitted);
        }
        List<FrameRecord> window = new ArrayList<>(held);
        window.add(frame.toBuilder().setStats(r.frame().getStats()).build());
        if (window.size() < header.getPreRoll()) {
            return new Step(new State(r.carry(), window), emitted);
        }
        Rewound rewound = rewind(header, window, r.carry());
        emitted.addAll(rewound.frames());
        return new Step(new State(rewound.continuing(r.carry()), List.of()), emitted);
    }

    /** Emits the frames of an open window: the stream ended. */
    public Step flush(StreamHeader header, State state) throws RejectedRecordException {
        if (state.held().isEmpty()) {
            return new Step(state, List.of());
        }
        Rewound rewound = rewind(header, state.held(), state.carry());
        return new Step(new State(rewound.continuing(state.carry()), List.of()), rewound.frames());
    }

    private static boolean applies(StreamHeader h) {
        return h.getPreRoll() > 1 && !h.getColdEveryFrame() && h.getTask() != TaskKind.PASSTHROUGH;
    }

    /**
     * A window's frames as the second pass restored them, in forward order, and the window's last
     * frame as emitted (null when the stream does not blend frames).
     */
    private record Rewound(List<FrameRecord> frames, LastOutput last) {
        /**
         * The forward pass's weights and scene go on; the next frame blends towards the window's
         * last frame as emitted.
         */
        FrameRestorer.Carry continuing(FrameRestorer.Carry forward) {
            return new FrameRestorer.Carry(forward.network(), forward.scene(), last);
        }
    }

    /**
     * The window's frames restored backward from {@code last} (the carry after its last frame's
     * forward fit). The scene signature is left out of the backward carry: the window is one scene,
     * and no frame in it is to be taken for a cut.
     */
    private Rewound rewind(StreamHeader h, List<FrameRecord> window, FrameRestorer.Carry last)
            throws RejectedRecordException {
        FrameRestorer.Carry c = new FrameRestorer.Carry(last.network(), null, last.output());
        FrameRecord[] out = new FrameRecord[window.size()];
        LastOutput emittedLast = null;
        for (int i = window.size() - 1; i >= 0; i--) {
            FrameRecord held = window.get(i);
            FrameRestorer.Restored r =
                    restorer.restore(h, held.toBuilder().clearStats().build(), c, (it, n, l) -> {});
            out[i] =
                    r.frame().toBuilder()
                            .setStats(merged(held.getStats(), r.frame().getStats()))
                            .build();
            c = r.carry();
            if (i == window.size() - 1) {
                emittedLast = c.output();
            }
        }
        return new Rewound(List.of(out), emittedLast);
    }

    /** The second pass's stats, with the first pass's work and its cold start and cut. */
    private static RestoreStats merged(RestoreStats forward, RestoreStats backward) {
        return backward.toBuilder()
                .setIterations(forward.getIterations() + backward.getIterations())
                .setSeconds(forward.getSeconds() + backward.getSeconds())
                .setCold(forward.getCold())
                .setSceneCut(forward.getSceneCut())
                .setSceneDistance(forward.getSceneDistance())
                .setRewound(true)
                .build();
    }
}
