package io.dipstream.job.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.cli.Main;
import io.dipstream.cli.embedded.EmbeddedKafka;
import io.dipstream.cli.embedded.TopicSetup;
import io.dipstream.frames.Records;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.Topics;
import io.dipstream.frames.proto.Envelope;
import io.dipstream.testing.SyntheticClips;
import io.dipstream.testing.TestMedia;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager process killed (SIGKILL) mid-stream on a session cluster and replaced, as a lost
 * machine or pod would be: the job restarts from its last checkpoint on the new one, and every
 * frame of every tile is committed to the restored topic exactly once and written to the video.
 */
class TaskManagerLossITCase {
    static final int W = 160;
    static final int H = 96;
    static final int FRAMES = 12;
    static final int TILES = 2;

    @TempDir Path dir;

    @Test
    void aKilledTaskManagerCostsNoFrameAndDuplicatesNone() throws Exception {
        List<byte[]> clean = SyntheticClips.driftingTexture(W, H, FRAMES);
        List<byte[]> noisy = SyntheticClips.noisy(clean, 25, 25);
        Path in = TestMedia.ffv1Clip(dir.resolve("noisy.mkv"), W, H, 10, noisy);
        Path out = dir.resolve("restored.mkv");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (EmbeddedKafka broker = EmbeddedKafka.start(SizeLimits.DEFAULT);
                FlinkSessionCluster cluster =
                        FlinkSessionCluster.start(
                                FlinkClusterITCase.clusterDir("flink-cluster-tm-loss"), TILES)) {
            String servers = broker.bootstrapServers();
            TopicSetup.ensure(broker.connection(), SizeLimits.DEFAULT, 1, (short) 1);
            try (RestClusterClient<StandaloneClusterId> client = cluster.client()) {
                JobID job =
                        cluster.submitRestoreJob(
                                client, TILES, servers, dir.resolve("checkpoints"), 300);
                Future<Integer> rc = pool.submit(() -> Main.run(restore(in, out, servers)));

                // Some frames in, most to come: kill the first TaskManager and replace it.
                long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
                int before = 0;
                while (before < 2 && System.nanoTime() < deadline && !rc.isDone()) {
                    Thread.sleep(200);
                    before = committedFrames(servers).values().stream().mapToInt(i -> i).sum();
                }
                assertThat(before)
                        .as("frames committed before the kill")
                        .isBetween(2, TILES * FRAMES - 2);
                long killed = System.nanoTime();
                cluster.replaceTaskManager(0);
                int after = before;
                while (after <= before && System.nanoTime() < deadline && !rc.isDone()) {
                    Thread.sleep(200);
                    after = committedFrames(servers).values().stream().mapToInt(i -> i).sum();
                }
                // For docs/reliability.md: what the loss cost (printed, not asserted).
                System.out.printf(
                        "taskmanager-loss: %d of %d tile frames committed before the kill, the next"
                                + " %.1f s after it%n",
                        before, TILES * FRAMES, (System.nanoTime() - killed) / 1e9);

                assertThat(rc.get(8, TimeUnit.MINUTES))
                        .as("restore exit code; cluster logs in target/flink-cluster-tm-loss")
                        .isZero();
                cluster.checkAlive();
                assertThat(client.getJobStatus(job).get(30, TimeUnit.SECONDS))
                        .isEqualTo(JobStatus.RUNNING);
                assertThat(
                                FlinkClusterITCase.get(
                                        HttpClient.newHttpClient(),
                                        "http://localhost:"
                                                + cluster.restPort()
                                                + "/jobs/"
                                                + job
                                                + "/exceptions"))
                        .as("the job failed over")
                        .contains("\"exceptionHistory\":{\"entries\":[{");

                Map<String, Integer> committed = committedFrames(servers);
                assertThat(committed).as("every tile's frames").hasSize(TILES * FRAMES);
                assertThat(committed.values()).as("committed once each").containsOnly(1);
                client.cancel(job).get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<byte[]> got = TestMedia.rgbFrames(out);
        assertThat(got).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(SyntheticClips.mse(got.get(i), clean.get(i)))
                    .as("frame %d", i)
                    .isLessThan(SyntheticClips.mse(noisy.get(i), clean.get(i)) / 2);
        }
    }

    private static String[] restore(Path in, Path out, String servers) {
        return new String[] {
            "restore",
            "-i",
            in.toString(),
            "-o",
            out.toString(),
            "--bootstrap-servers",
            servers,
            "--external-job",
            "--preset",
            "fast",
            "--first-iterations",
            "60",
            "--frame-iterations",
            "20",
            "--fixed-schedule",
            "--temporal-radius",
            "1",
            "--pre-roll",
            "0",
            "--tile-size",
            "96",
            "--tile-overlap",
            "24",
            "--no-progress"
        };
    }

    /** Committed restored frame records, counted by their key and index. */
    private static Map<String, Integer> committedFrames(String servers) throws Exception {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.putAll(SizeLimits.DEFAULT.consumer());
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.RESTORED, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    Envelope e = Records.parse(r.value());
                    if (e.hasFrame()) {
                        counts.merge(
                                e.getStreamId() + "#" + e.getFrame().getIndex(), 1, Integer::sum);
                    }
                }
            }
        }
        return counts;
    }
}
