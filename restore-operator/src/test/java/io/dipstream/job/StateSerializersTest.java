package io.dipstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.dip.NetworkState;
import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.RestoreStats;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import io.dipstream.restore.LastOutput;
import io.dipstream.restore.SceneSignature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Each state serializer round-trips its values, restores from its own snapshot, and reads state
 * bytes written by this version (golden files under src/test/resources/golden; regenerate only for
 * a deliberate format change, with -Dgolden.write=true).
 */
class StateSerializersTest {
    static NetworkState network() {
        return new NetworkState(
                3,
                new float[] {1.5f, -2f, 0f},
                new float[] {0.1f, 0.2f, 0.3f},
                new float[] {1e-8f, 2e-8f, Float.MIN_VALUE},
                42);
    }

    static StreamHeader header() {
        return StreamHeader.newBuilder()
                .setWidth(32)
                .setHeight(16)
                .setFps(25)
                .setTask(TaskKind.DENOISE)
                .setPreset("fast")
                .setSeed(3)
                .setConfigHash("abc")
                .build();
    }

    @Test
    void networkStateRoundTrips() throws Exception {
        NetworkState back = roundTrip(NetworkStateSerializer.INSTANCE, network());
        assertThat(back.weights()).containsExactly(network().weights());
        assertThat(back.adamM()).containsExactly(network().adamM());
        assertThat(back.adamV()).containsExactly(network().adamV());
        assertThat(back.adamSteps()).isEqualTo(42);
        NetworkState copy = NetworkStateSerializer.INSTANCE.copy(network());
        assertThat(copy.weights()).containsExactly(network().weights());
    }

    @Test
    void headerAndProgressRoundTrip() throws Exception {
        assertThat(roundTrip(StreamHeaderSerializer.INSTANCE, header())).isEqualTo(header());
        StreamProgress p = new StreamProgress(5, 4, 300, 12.5);
        assertThat(roundTrip(StreamProgressSerializer.INSTANCE, p)).isEqualTo(p);
    }

    @Test
    void heldFramesRoundTripWithTheirStats() throws Exception {
        FrameRecord f =
                FrameRecord.newBuilder()
                        .setIndex(7)
                        .setPtsMicros(280_000)
                        .setRgb(PlaneCodec.encode(new byte[] {1, 2, 3, 4, 5, 6}, 2, 1, 3))
                        .setStats(RestoreStats.newBuilder().setIterations(200).setCold(true))
                        .build();
        assertThat(roundTrip(FrameRecordSerializer.INSTANCE, f)).isEqualTo(f);
        byte[] negative = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe};
        assertThatThrownBy(() -> read(FrameRecordSerializer.INSTANCE, negative))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("held frame state has a negative length");
    }

    static SceneSignature signature() {
        float[] c = new float[SceneSignature.LENGTH];
        for (int i = 0; i < c.length; i++) {
            c[i] = i / (float) c.length;
        }
        return new SceneSignature(c);
    }

    @Test
    void sceneSignatureRoundTrips() throws Exception {
        assertThat(roundTrip(SceneSignatureSerializer.INSTANCE, signature()))
                .isEqualTo(signature());
        assertThat(
                        read(
                                SceneSignatureSerializer.INSTANCE,
                                golden(
                                        "scene-signature-v1.bin",
                                        SceneSignatureSerializer.INSTANCE,
                                        signature())))
                .isEqualTo(signature());
    }

    static LastOutput lastOutput() {
        byte[] rgb = new byte[3 * 4 * 2];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 11);
        }
        return new LastOutput(4, 2, rgb);
    }

    @Test
    void lastOutputRoundTripsAndReadsItsGoldenFile() throws Exception {
        assertThat(roundTrip(LastOutputSerializer.INSTANCE, lastOutput())).isEqualTo(lastOutput());
        assertThat(
                        read(
                                LastOutputSerializer.INSTANCE,
                                golden(
                                        "last-output-v1.bin",
                                        LastOutputSerializer.INSTANCE,
                                        lastOutput())))
                .isEqualTo(lastOutput());
        byte[] bad = {0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 1, 2, 3};
        assertThatThrownBy(() -> read(LastOutputSerializer.INSTANCE, bad))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 2");
    }

    @Test
    void goldenStateStillReads() throws Exception {
        NetworkState n =
                read(
                        NetworkStateSerializer.INSTANCE,
                        golden("network-state-v1.bin", NetworkStateSerializer.INSTANCE, network()));
        assertThat(n.weights()).containsExactly(network().weights());
        assertThat(n.adamSteps()).isEqualTo(42);
        assertThat(
                        read(
                                StreamHeaderSerializer.INSTANCE,
                                golden(
                                        "stream-header-v1.bin",
                                        StreamHeaderSerializer.INSTANCE,
                                        header())))
                .isEqualTo(header());
        StreamProgress p = new StreamProgress(5, 4, 300, 12.5);
        assertThat(
                        read(
                                StreamProgressSerializer.INSTANCE,
                                golden(
                                        "stream-progress-v1.bin",
                                        StreamProgressSerializer.INSTANCE,
                                        p)))
                .isEqualTo(p);
    }

    @Test
    void unknownNetworkFormatIsAnError() {
        byte[] bad = {0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> read(NetworkStateSerializer.INSTANCE, bad))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("format 9");
    }

    @Test
    void snapshotsRestoreCompatibleSerializers() throws Exception {
        checkSnapshot(NetworkStateSerializer.INSTANCE);
        checkSnapshot(StreamHeaderSerializer.INSTANCE);
        checkSnapshot(StreamProgressSerializer.INSTANCE);
        checkSnapshot(SceneSignatureSerializer.INSTANCE);
        checkSnapshot(LastOutputSerializer.INSTANCE);
        checkSnapshot(FrameRecordSerializer.INSTANCE);
    }

    private static <T> void checkSnapshot(TypeSerializer<T> s) throws IOException {
        TypeSerializerSnapshot<T> snap = s.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snap);
        TypeSerializerSnapshot<T> back =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass(s).getClassLoader());
        assertThat(back.restoreSerializer()).isSameAs(s);
        TypeSerializerSchemaCompatibility<T> compat =
                s.snapshotConfiguration().resolveSchemaCompatibility(back);
        assertThat(compat.isCompatibleAsIs()).isTrue();
    }

    private static Class<?> getClass(Object o) {
        return o.getClass();
    }

    private static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
        return read(s, write(s, value));
    }

    private static <T> byte[] write(TypeSerializer<T> s, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static <T> T read(TypeSerializer<T> s, byte[] b) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(b);
        T v = s.deserialize(in);
        assertThat(in.available()).as("bytes left over").isZero();
        return v;
    }

    private static <T> byte[] golden(String name, TypeSerializer<T> s, T value) throws IOException {
        if (Boolean.getBoolean("golden.write")) {
            Files.write(Path.of("src/test/resources/golden", name), write(s, value));
        }
        try (InputStream in = StateSerializersTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
