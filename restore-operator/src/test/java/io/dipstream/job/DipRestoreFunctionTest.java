package io.dipstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.dip.NetworkState;
import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.Records;
import io.dipstream.frames.proto.Envelope;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import io.dipstream.restore.LastOutput;
import io.dipstream.restore.TestStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The keyed operator in Flink's operator test harness: state, snapshots, dead letters. */
class DipRestoreFunctionTest {
    static final String ID = "stream-1";
    static final int W = 24;
    static final int H = 20;

    static StreamHeader header(TaskKind task) {
        return TestStreams.header(task, W, H);
    }

    static byte[] frame(long index) {
        byte[] rgb = new byte[W * H * 3];
        new Random(index).nextBytes(rgb);
        return Records.frame(
                        ID,
                        FrameRecord.newBuilder()
                                .setIndex(index)
                                .setPtsMicros(index * 40_000)
                                .setRgb(PlaneCodec.encode(rgb, W, H, 3))
                                .build())
                .toByteArray();
    }

    /** Frame {@code index} of a flat scene of grey level {@code level}, with some noise. */
    static byte[] sceneFrame(long index, int level) {
        Random r = new Random(index);
        byte[] rgb = new byte[W * H * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) Math.max(0, Math.min(255, level + (int) (20 * r.nextGaussian())));
        }
        return Records.frame(
                        ID,
                        FrameRecord.newBuilder()
                                .setIndex(index)
                                .setRgb(PlaneCodec.encode(rgb, W, H, 3))
                                .build())
                .toByteArray();
    }

    static KeyedOneInputStreamOperatorTestHarness<
                    String, Tuple2<String, byte[]>, Tuple2<String, byte[]>>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DipRestoreFunction()), t -> t.f0, Types.STRING);
    }

    static void send(
            KeyedOneInputStreamOperatorTestHarness<String, Tuple2<String, byte[]>, ?> h,
            byte[] record)
            throws Exception {
        h.processElement(new StreamRecord<>(Tuple2.of(ID, record)));
    }

    static List<Envelope> output(
            KeyedOneInputStreamOperatorTestHarness<String, ?, Tuple2<String, byte[]>> h)
            throws Exception {
        List<Envelope> out = new ArrayList<>();
        for (Tuple2<String, byte[]> t : h.extractOutputValues()) {
            out.add(Records.parse(t.f1));
        }
        return out;
    }

    /** The value of the operator's keyed state {@code name} for stream {@link #ID}. */
    static <T> T keyedState(
            KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h,
            String name,
            TypeSerializer<T> serializer)
            throws Exception {
        var backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(ID);
        return backend.getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        new ValueStateDescriptor<>(name, serializer))
                .value();
    }

    static NetworkState networkState(KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h)
            throws Exception {
        return keyedState(h, "network", NetworkStateSerializer.INSTANCE);
    }

    @Test
    void keepsWeightsInStateAndContinuesFromThemAfterRestore() throws Exception {
        byte[] hdr = Records.header(ID, header(TaskKind.DENOISE)).toByteArray();

        // Uninterrupted: header, frame 0, frame 1.
        var straight = harness();
        straight.open();
        send(straight, hdr);
        send(straight, frame(0));
        NetworkState afterFirst = networkState(straight);
        assertThat(afterFirst).isNotNull();
        assertThat(afterFirst.adamSteps()).isEqualTo(12);
        send(straight, frame(1));
        assertThat(networkState(straight).adamSteps()).isEqualTo(16);
        List<Envelope> expected = output(straight);
        assertThat(expected).hasSize(3);
        assertThat(expected.get(0).getHeader().getWidth()).isEqualTo(W);
        assertThat(expected.get(1).getFrame().getStats().getCold()).isTrue();
        assertThat(expected.get(1).getFrame().getStats().getIterations()).isEqualTo(12);
        assertThat(expected.get(2).getFrame().getStats().getCold()).isFalse();
        assertThat(expected.get(2).getFrame().getStats().getIterations()).isEqualTo(4);
        straight.close();

        // Interrupted after frame 0: snapshot, new operator, restore, frame 1.
        var first = harness();
        first.open();
        send(first, hdr);
        send(first, frame(0));
        OperatorSubtaskState snapshot = first.snapshot(1, 1);
        first.close();
        var resumed = harness();
        resumed.initializeState(snapshot);
        resumed.open();
        assertThat(networkState(resumed).weights()).containsExactly(afterFirst.weights());
        send(resumed, frame(1));
        List<Envelope> after = output(resumed);
        assertThat(after).hasSize(1);
        byte[] resumedPixels = PlaneCodec.decode(after.get(0).getFrame().getRgb());
        assertThat(resumedPixels).isEqualTo(PlaneCodec.decode(expected.get(2).getFrame().getRgb()));
        resumed.close();

        // A cold start on frame 1 gives other pixels: the resumed frame really was warm.
        var cold = harness();
        cold.open();
        send(cold, hdr);
        send(cold, frame(1));
        byte[] coldPixels = PlaneCodec.decode(output(cold).get(1).getFrame().getRgb());
        assertThat(coldPixels).isNotEqualTo(resumedPixels);
        cold.close();
    }

    /** Frame 1's pixels from a stream of two flat noisy frames, resumed from a snapshot or not. */
    static byte[] blendedSecondFrame(float blend, boolean restart) throws Exception {
        StreamHeader h = header(TaskKind.DENOISE).toBuilder().setTemporalBlend(blend).build();
        h = h.toBuilder().setConfigHash(Records.configHash(h)).build();
        var op = harness();
        op.open();
        send(op, Records.header(ID, h).toByteArray());
        send(op, sceneFrame(0, 120));
        if (restart) {
            OperatorSubtaskState snapshot = op.snapshot(1, 1);
            op.close();
            op = harness();
            op.initializeState(snapshot);
            op.open();
        }
        send(op, sceneFrame(1, 120));
        List<Envelope> out = output(op);
        byte[] pixels = PlaneCodec.decode(out.get(out.size() - 1).getFrame().getRgb());
        LastOutput kept = keyedState(op, "last-output", LastOutputSerializer.INSTANCE);
        op.close();
        if (blend > 0) {
            assertThat(kept.rgb()).as("the last output kept in state").isEqualTo(pixels);
        } else {
            assertThat(kept).as("no last output without blending").isNull();
        }
        return pixels;
    }

    @Test
    void theBlendedLastOutputLivesInStateAndSurvivesARestore() throws Exception {
        byte[] straight = blendedSecondFrame(0.6f, false);
        assertThat(blendedSecondFrame(0.6f, true)).isEqualTo(straight);
        // The blend really changed the frame: without it the same fit gives other pixels.
        assertThat(blendedSecondFrame(0f, false)).isNotEqualTo(straight);
    }

    @Test
    void aSceneCutRestartsTheLongScheduleFromFreshWeights() throws Exception {
        StreamHeader h =
                header(TaskKind.DENOISE).toBuilder()
                        .setSceneCutThreshold(0.06f)
                        .setMinFrameIterations(2)
                        .setFramePatience(2)
                        .build();
        var op = harness();
        op.open();
        send(op, Records.header(ID, h).toByteArray());
        send(op, sceneFrame(0, 60));
        send(op, sceneFrame(1, 62));
        send(op, sceneFrame(2, 200));
        send(op, sceneFrame(3, 201));
        List<Envelope> out = output(op);
        var s1 = out.get(2).getFrame().getStats();
        var s2 = out.get(3).getFrame().getStats();
        var s3 = out.get(4).getFrame().getStats();
        assertThat(s1.getCold()).isFalse();
        assertThat(s1.getSceneCut()).isFalse();
        assertThat(s1.getIterations()).isBetween(2, 4);
        assertThat(s2.getSceneCut()).isTrue();
        assertThat(s2.getCold()).isTrue();
        assertThat(s2.getIterations()).isEqualTo(12);
        assertThat(s2.getSceneDistance()).isGreaterThan(0.4f);
        assertThat(s3.getCold()).isFalse();
        assertThat(s3.getSceneDistance()).isLessThan(0.06f);
        op.close();
    }

    @Test
    void dropsReplayedFramesAndClearsStateAtTheEnd() throws Exception {
        var h = harness();
        h.open();
        send(h, Records.header(ID, header(TaskKind.PASSTHROUGH)).toByteArray());
        send(h, frame(0));
        send(h, frame(0));
        send(h, frame(1));
        send(h, Records.end(ID, 2).toByteArray());
        List<Envelope> out = output(h);
        assertThat(out)
                .extracting(e -> e.getBodyCase().name())
                .containsExactly("HEADER", "FRAME", "FRAME", "END");
        assertThat(out.get(2).getFrame().getIndex()).isEqualTo(1);
        // Pass-through keeps the pixels exactly.
        assertThat(PlaneCodec.decode(out.get(1).getFrame().getRgb()))
                .isEqualTo(PlaneCodec.decode(Records.parse(frame(0)).getFrame().getRgb()));
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void deadLettersWhatItCannotUseAndGoesOn() throws Exception {
        var h = harness();
        h.open();
        send(h, new byte[] {1, 2, 3});
        send(h, frame(0));
        send(h, Records.end(ID, 0).toBuilder().setVersion(7).build().toByteArray());
        send(h, Records.header(ID, header(TaskKind.INPAINT)).toByteArray());
        send(h, frame(0));
        List<String> reasons = new ArrayList<>();
        for (StreamRecord<Tuple3<String, String, byte[]>> r :
                h.getSideOutput(DipRestoreFunction.DEAD_LETTERS)) {
            reasons.add(r.getValue().f1);
        }
        assertThat(reasons).hasSize(4);
        assertThat(reasons.get(0)).contains("not a dipstream record");
        assertThat(reasons.get(1)).contains("arrived before its header");
        assertThat(reasons.get(2)).contains("version 7 is not supported");
        assertThat(reasons.get(3)).contains("has no mask");
        assertThat(output(h)).hasSize(1); // the inpainting header only
        h.close();
    }

    @Test
    void aHeaderBreakingTheStreamRulesIsDeadLetteredOnceAndItsFramesWithIt() throws Exception {
        var h = harness();
        h.open();
        send(
                h,
                Records.header(ID, header(TaskKind.SUPER_RESOLVE).toBuilder().setFactor(3).build())
                        .toByteArray());
        send(h, frame(0));
        List<String> reasons = new ArrayList<>();
        for (StreamRecord<Tuple3<String, String, byte[]>> r :
                h.getSideOutput(DipRestoreFunction.DEAD_LETTERS)) {
            reasons.add(r.getValue().f1);
        }
        assertThat(reasons).hasSize(2);
        assertThat(reasons.get(0)).isEqualTo("header: --factor must be 2, 4 or 8, got 3");
        assertThat(reasons.get(1)).contains("arrived before its header");
        assertThat(output(h)).isEmpty();
        h.close();
    }

    @Test
    void anOpenPreRollWindowLivesInStateAndSurvivesARestore() throws Exception {
        StreamHeader h = header(TaskKind.DENOISE).toBuilder().setPreRoll(3).build();
        h = h.toBuilder().setConfigHash(Records.configHash(h)).build();
        byte[] hdr = Records.header(ID, h).toByteArray();
        var straight = harness();
        straight.open();
        send(straight, hdr);
        for (int i = 0; i < 4; i++) {
            send(straight, sceneFrame(i, 120));
        }
        List<Envelope> expected = output(straight);
        straight.close();
        assertThat(expected).hasSize(5);
        assertThat(expected.get(1).getFrame().getStats().getRewound()).isTrue();

        var first = harness();
        first.open();
        send(first, hdr);
        send(first, sceneFrame(0, 120));
        send(first, sceneFrame(1, 120));
        assertThat(output(first)).hasSize(1); // the header: frames 0 and 1 are held
        OperatorSubtaskState snapshot = first.snapshot(1, 1);
        first.close();
        var resumed = harness();
        resumed.initializeState(snapshot);
        resumed.open();
        send(resumed, sceneFrame(1, 120)); // replayed: dropped
        send(resumed, sceneFrame(2, 120));
        send(resumed, sceneFrame(3, 120));
        send(resumed, Records.end(ID, 4).toByteArray());
        List<Envelope> after = output(resumed);
        assertThat(after)
                .extracting(e -> e.getBodyCase().name())
                .containsExactly("FRAME", "FRAME", "FRAME", "FRAME", "END");
        for (int i = 0; i < 4; i++) {
            assertThat(PlaneCodec.decode(after.get(i).getFrame().getRgb()))
                    .as("frame %d", i)
                    .isEqualTo(PlaneCodec.decode(expected.get(i + 1).getFrame().getRgb()));
        }
        assertThat(resumed.numKeyedStateEntries()).isZero();
        resumed.close();
    }
}
