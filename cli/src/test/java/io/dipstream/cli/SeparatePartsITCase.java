package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.cli.embedded.EmbeddedKafka;
import io.dipstream.cli.embedded.LocalJob;
import io.dipstream.cli.embedded.TopicSetup;
import io.dipstream.frames.SizeLimits;
import io.dipstream.job.JobConfig;
import io.dipstream.sink.Codec;
import io.dipstream.sink.VideoWriter;
import io.dipstream.sink.WriterSpec;
import io.dipstream.testing.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts run separately against one broker, as on a cluster: {@code dipstream ingest}, the job
 * (in a MiniCluster here), {@code dipstream sink}; and {@code restore --bootstrap-servers}. The
 * clip is two 1080p frames of random pixels, which do not compress: they prove that the record size
 * limits agree on every hop, and pass-through proves the pixels arrive unchanged.
 */
class SeparatePartsITCase {
    static EmbeddedKafka broker;
    static LocalJob job;

    @TempDir static Path dir;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafka.start(SizeLimits.DEFAULT);
        TopicSetup.ensure(broker.connection(), SizeLimits.DEFAULT, 1, (short) 1);
        job =
                LocalJob.start(
                        JobConfig.defaults(broker.connection())
                                .withCheckpointInterval(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        if (job != null) {
            job.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static List<byte[]> randomFrames(int w, int h, int n) {
        Random r = new Random(1080);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] f = new byte[w * h * 3];
            r.nextBytes(f);
            frames.add(f);
        }
        return frames;
    }

    static Path fullHdClip(String name, List<byte[]> frames) {
        Path p = dir.resolve(name);
        try (VideoWriter w =
                VideoWriter.open(p, WriterSpec.of(1920, 1080, 25).withCodec(Codec.FFV1))) {
            for (int i = 0; i < frames.size(); i++) {
                w.write(frames.get(i), i * 40_000L);
            }
            w.finish();
        }
        return p;
    }

    @Test
    void ingestJobAndSinkAsSeparatePartsCarryFullHdFramesExactly() {
        List<byte[]> frames = randomFrames(1920, 1080, 2);
        Path in = fullHdClip("in.mkv", frames);
        Path out = dir.resolve("out.mkv");
        String servers = broker.bootstrapServers();
        assertThat(
                        Main.run(
                                "ingest",
                                "--bootstrap-servers",
                                servers,
                                "-i",
                                in.toString(),
                                "--stream-id",
                                "hd-1",
                                "--task",
                                "passthrough"))
                .isZero();
        assertThat(
                        Main.run(
                                "sink",
                                "--bootstrap-servers",
                                servers,
                                "--stream-id",
                                "hd-1",
                                "-o",
                                out.toString(),
                                "--idle-timeout-s",
                                "120"))
                .isZero();
        List<byte[]> back = TestMedia.rgbFrames(out);
        assertThat(back).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(back.get(i)).as("frame %d", i).isEqualTo(frames.get(i));
        }
    }

    @Test
    void restoreAgainstAnExternalBrokerAndJob() {
        Path out = dir.resolve("pan.mkv");
        int rc =
                Main.run(
                        "restore",
                        "-i",
                        "../sample-videos/pan.mp4",
                        "-o",
                        out.toString(),
                        "--bootstrap-servers",
                        broker.bootstrapServers(),
                        "--external-job",
                        "--task",
                        "passthrough",
                        "--no-progress");
        assertThat(rc).isZero();
        assertThat(TestMedia.rgbFrames(out)).hasSize(48);
    }
}
