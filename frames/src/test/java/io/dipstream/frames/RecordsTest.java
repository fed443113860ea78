package io.dipstream.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.proto.Envelope;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.Rational;
import io.dipstream.frames.proto.RestoreStats;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Round trips, rejections, and golden files: bytes written by version 1 of the contract (checked in
 * under src/test/resources/golden) must keep parsing to the same records. Regenerate them only for
 * a deliberate contract change, with {@code -Dgolden.write=true}.
 */
class RecordsTest {
    static StreamHeader sampleHeader() {
        StreamHeader h =
                StreamHeader.newBuilder()
                        .setSource("sample-videos/pan-noisy25.mkv")
                        .setFps(24)
                        .setTimeBase(Rational.newBuilder().setNum(1).setDen(24))
                        .setWidth(4)
                        .setHeight(2)
                        .setFrameCount(2)
                        .setTask(TaskKind.DENOISE)
                        .setFactor(1)
                        .setPreset("fast")
                        .setSeed(7)
                        .setFirstFrameIterations(200)
                        .setLaterFrameIterations(20)
                        .setCarryAdam(true)
                        .setHasAudio(true)
                        .setCreatedMillis(1764075600000L)
                        .build();
        return h.toBuilder().setConfigHash(Records.configHash(h)).build();
    }

    static FrameRecord sampleFrame() {
        byte[] rgb = new byte[4 * 2 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 10);
        }
        byte[] mask = {0, (byte) 255, 0, 0, 0, 0, (byte) 255, 0};
        return FrameRecord.newBuilder()
                .setIndex(1)
                .setPtsMicros(41_667)
                .setRgb(PlaneCodec.encode(rgb, 4, 2, 3))
                .setMask(PlaneCodec.encode(mask, 4, 2, 1))
                .setStats(
                        RestoreStats.newBuilder()
                                .setIterations(20)
                                .setSeconds(1.5)
                                .setFinalLoss(0.01)
                                .setCold(false))
                .build();
    }

    @Test
    void eachRecordTypeRoundTrips() throws Exception {
        for (Envelope e :
                new Envelope[] {
                    Records.header("s1", sampleHeader()),
                    Records.frame("s1", sampleFrame()),
                    Records.end("s1", 2)
                }) {
            Envelope back = Records.parse(e.toByteArray());
            assertThat(back).isEqualTo(e);
            assertThat(back.getVersion()).isEqualTo(Records.VERSION);
        }
    }

    @Test
    void goldenHeaderStillParses() throws Exception {
        Envelope e = Records.parse(golden("header-v1.bin", Records.header("s1", sampleHeader())));
        assertThat(e.getHeader()).isEqualTo(sampleHeader());
        assertThat(e.getHeader().getConfigHash()).isEqualTo(Records.configHash(sampleHeader()));
    }

    @Test
    void goldenFrameStillParses() throws Exception {
        Envelope e = Records.parse(golden("frame-v1.bin", Records.frame("s1", sampleFrame())));
        assertThat(e.getFrame().getIndex()).isEqualTo(1);
        assertThat(PlaneCodec.decode(e.getFrame().getRgb()))
                .isEqualTo(PlaneCodec.decode(sampleFrame().getRgb()));
        assertThat(e.getFrame().getStats().getIterations()).isEqualTo(20);
    }

    @Test
    void goldenEndStillParses() throws Exception {
        Envelope e = Records.parse(golden("end-v1.bin", Records.end("s1", 2)));
        assertThat(e.getEnd().getFrameCount()).isEqualTo(2);
        assertThat(e.getStreamId()).isEqualTo("s1");
    }

    @Test
    void rejectsUnknownVersion() {
        byte[] v2 = Records.end("s1", 2).toBuilder().setVersion(2).build().toByteArray();
        assertThatThrownBy(() -> Records.parse(v2))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("version 2 is not supported");
    }

    @Test
    void rejectsGarbageAndIncompleteRecords() {
        assertThatThrownBy(() -> Records.parse(new byte[] {(byte) 0xff, 1, 2, 3}))
                .isInstanceOf(RejectedRecordException.class)
                .hasMessageContaining("not a dipstream record");
        assertThatThrownBy(() -> Records.parse(null)).isInstanceOf(RejectedRecordException.class);
        byte[] noBody = Envelope.newBuilder().setVersion(1).setStreamId("s").build().toByteArray();
        assertThatThrownBy(() -> Records.parse(noBody)).hasMessageContaining("no body");
        byte[] noId = Records.end("s", 1).toBuilder().setStreamId("").build().toByteArray();
        assertThatThrownBy(() -> Records.parse(noId)).hasMessageContaining("no stream id");
        byte[] noPixels =
                Records.frame("s", FrameRecord.newBuilder().setIndex(0).build()).toByteArray();
        assertThatThrownBy(() -> Records.parse(noPixels)).hasMessageContaining("no pixels");
        byte[] noTask =
                Records.header(
                                "s",
                                sampleHeader().toBuilder()
                                        .setTask(TaskKind.TASK_UNSPECIFIED)
                                        .build())
                        .toByteArray();
        assertThatThrownBy(() -> Records.parse(noTask)).hasMessageContaining("no known task");
    }

    @Test
    void configHashFollowsTheSettingsThatChangeTheResult() {
        StreamHeader h = sampleHeader();
        assertThat(Records.configHash(h)).hasSize(16);
        assertThat(Records.configHash(h.toBuilder().setSeed(8).build()))
                .isNotEqualTo(Records.configHash(h));
        assertThat(Records.configHash(h.toBuilder().setSource("elsewhere").build()))
                .isEqualTo(Records.configHash(h));
    }

    private static byte[] golden(String name, Envelope current) throws IOException {
        if (Boolean.getBoolean("golden.write")) {
            Path p = Path.of("src/test/resources/golden", name);
            Files.write(p, current.toByteArray());
        }
        try (InputStream in = RecordsTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return in.readAllBytes();
        }
    }
}
