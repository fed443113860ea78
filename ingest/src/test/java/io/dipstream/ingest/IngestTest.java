package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.Records;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.Topics;
import io.dipstream.frames.proto.Envelope;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import io.dipstream.testing.TestMedia;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What ingest produces for a clip (Kafka's MockProducer stands in for the broker here). */
class IngestTest {
    @TempDir Path dir;

    static StreamHeader settings() {
        return StreamHeader.newBuilder()
                .setTask(TaskKind.DENOISE)
                .setFactor(1)
                .setPreset("fast")
                .setSeed(4)
                .setFirstFrameIterations(100)
                .setLaterFrameIterations(10)
                .setCarryAdam(true)
                .build();
    }

    static MockProducer<byte[], byte[]> producer() {
        return new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void sendsHeaderFramesInOrderAndEndMarkerUnderTheStreamKey() throws Exception {
        List<byte[]> frames = TestMedia.randomFrames(20, 12, 4, 3);
        Path clip = TestMedia.ffv1Clip(dir.resolve("c.mkv"), 20, 12, 8, frames);
        IngestSpec spec = new IngestSpec(clip, "s-7", settings(), null, null, SizeLimits.DEFAULT);
        MockProducer<byte[], byte[]> p = producer();
        List<Long> progress = new ArrayList<>();
        try (VideoSource v = VideoSource.open(clip);
                FrameRecords records = FrameRecords.open(spec, v)) {
            assertThat(Ingest.send(p, records, spec, 0, progress::add)).isEqualTo(4);
        }
        List<ProducerRecord<byte[], byte[]>> sent = p.history();
        assertThat(sent).hasSize(6);
        List<Envelope> records = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : sent) {
            assertThat(r.topic()).isEqualTo(Topics.FRAMES);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("s-7");
            records.add(Records.parse(r.value()));
        }
        StreamHeader h = records.get(0).getHeader();
        assertThat(h.getWidth()).isEqualTo(20);
        assertThat(h.getHeight()).isEqualTo(12);
        assertThat(h.getFps()).isEqualTo(8.0);
        assertThat(h.getSeed()).isEqualTo(4);
        assertThat(h.getConfigHash())
                .isEqualTo(Records.configHash(h.toBuilder().clearConfigHash().build()));
        for (int i = 0; i < 4; i++) {
            var f = records.get(i + 1).getFrame();
            assertThat(f.getIndex()).isEqualTo(i);
            assertThat(PlaneCodec.decode(f.getRgb())).isEqualTo(frames.get(i));
            assertThat(f.hasMask()).isFalse();
        }
        assertThat(records.get(5).getEnd().getFrameCount()).isEqualTo(4);
        assertThat(progress).containsExactly(4L);
    }

    @Test
    void aResumedIngestSendsOnlyTheFramesNotSentBefore() throws Exception {
        List<byte[]> frames = TestMedia.randomFrames(20, 12, 10, 3);
        Path clip = TestMedia.ffv1Clip(dir.resolve("c.mkv"), 20, 12, 8, frames);
        IngestSpec spec = new IngestSpec(clip, "s-7", settings(), null, null, SizeLimits.DEFAULT);
        MockProducer<byte[], byte[]> p = producer();
        List<Long> acked = new ArrayList<>();
        try (VideoSource v = VideoSource.open(clip);
                FrameRecords records = FrameRecords.open(spec, v)) {
            assertThat(Ingest.send(p, records, spec, 6, acked::add)).isEqualTo(10);
        }
        List<Envelope> sent = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> r : p.history()) {
            sent.add(Records.parse(r.value()));
        }
        assertThat(sent).hasSize(1 + 4 + 1);
        assertThat(sent.get(0).hasHeader()).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(sent.get(1 + i).getFrame().getIndex()).isEqualTo(6 + i);
            assertThat(PlaneCodec.decode(sent.get(1 + i).getFrame().getRgb()))
                    .isEqualTo(frames.get(6 + i));
        }
        assertThat(sent.get(5).getEnd().getFrameCount()).isEqualTo(10);
        assertThat(acked).containsExactly((long) Ingest.ACK_EVERY, 10L);
    }

    @Test
    void refusesAFrameOverTheRecordLimitNamingIt() throws Exception {
        // Random pixels do not compress: a 640x600 frame is ~1.15 MB, over a 1 MiB limit.
        Path clip =
                TestMedia.ffv1Clip(
                        dir.resolve("big.mkv"),
                        640,
                        600,
                        5,
                        TestMedia.randomFrames(640, 600, 1, 9));
        IngestSpec spec =
                new IngestSpec(clip, "s-8", settings(), null, null, new SizeLimits(1 << 20));
        MockProducer<byte[], byte[]> p = producer();
        try (VideoSource v = VideoSource.open(clip);
                FrameRecords records = FrameRecords.open(spec, v)) {
            assertThatThrownBy(() -> Ingest.send(p, records, spec, 0, n -> {}))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("frame 0")
                    .hasMessageContaining("record limit of 1048576");
        }
        assertThat(p.history()).hasSize(1); // the header only: no end marker after a failure
    }

    @Test
    void refusesAMaskOfAnotherSize() throws Exception {
        Path clip =
                TestMedia.ffv1Clip(
                        dir.resolve("c.mkv"), 20, 12, 8, TestMedia.randomFrames(20, 12, 1, 3));
        Path mask = dir.resolve("mask.png");
        TestMedia.writeImage(
                mask, "png", 10, 10, TestMedia.flat(10, 10, new int[] {255, 255, 255}));
        StreamHeader inpaint = settings().toBuilder().setTask(TaskKind.INPAINT).build();
        IngestSpec spec = new IngestSpec(clip, "s-9", inpaint, mask, null, SizeLimits.DEFAULT);
        try (VideoSource v = VideoSource.open(clip)) {
            assertThatThrownBy(() -> FrameRecords.open(spec, v))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(mask.toString())
                    .hasMessageContaining(clip.toString());
        }
    }

    @Test
    void aShortDecodeStopsTheStreamUnlessTheSpecSaysSkip() {
        IngestSpec spec =
                new IngestSpec(
                        Path.of("cut.mkv"), "s-9", settings(), null, null, SizeLimits.DEFAULT);
        // Matroska: no stated count, 100 frames by duration; 2% slack without sound, 5% with.
        VideoInfo silent = new VideoInfo(64, 48, 25, 1, 1000, -1, false, 0, 0, "matroska", 100);
        VideoInfo sound = new VideoInfo(64, 48, 25, 1, 1000, -1, true, 2, 48000, "matroska", 100);
        Ingest.checkComplete(spec, silent, 98);
        Ingest.checkComplete(spec, sound, 95);
        assertThatThrownBy(() -> Ingest.checkComplete(spec, silent, 97))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(
                        "cut.mkv: decoded 97 of the 100 frames its duration implies: the file is"
                                + " truncated or damaged")
                .hasMessageContaining("--on-decode-error skip");
        assertThatThrownBy(() -> Ingest.checkComplete(spec, sound, 94))
                .isInstanceOf(BadInputException.class);
        // A stated count has no slack.
        VideoInfo mp4 = new VideoInfo(64, 48, 25, 1, 12800, 100, false, 0, 0, "mp4", 100);
        assertThatThrownBy(() -> Ingest.checkComplete(spec, mp4, 99))
                .hasMessageContaining("decoded 99 of the 100 frames it declares");
        Ingest.checkComplete(spec, mp4, 100);
        Ingest.checkComplete(spec.withDecodeErrors(IngestSpec.DecodeErrors.SKIP), mp4, 3);
    }
}
