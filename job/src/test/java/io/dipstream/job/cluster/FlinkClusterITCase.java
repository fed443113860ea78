package io.dipstream.job.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.cli.Main;
import io.dipstream.cli.embedded.EmbeddedKafka;
import io.dipstream.cli.embedded.TopicSetup;
import io.dipstream.frames.SizeLimits;
import io.dipstream.testing.SyntheticClips;
import io.dipstream.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Flink cluster: a session cluster of separate JobManager and TaskManager
 * processes ({@link FlinkSessionCluster}), the jar submitted by {@code flink run} (Flink's own
 * command line, in a process with the distribution's class path), and {@code dipstream restore
 * --external-job} feeding it a tiled clip through a real broker.
 */
class FlinkClusterITCase {
    static final int W = 160;
    static final int H = 96;
    static final int FRAMES = 4;

    @TempDir Path dir;

    @Test
    void aTiledClipIsRestoredByTheJobJarOnASessionClusterOfTwoTaskManagers() throws Exception {
        List<byte[]> clean = SyntheticClips.driftingTexture(W, H, FRAMES);
        List<byte[]> noisy = SyntheticClips.noisy(clean, 25, 25);
        Path in = TestMedia.ffv1Clip(dir.resolve("noisy.mkv"), W, H, 10, noisy);
        Path out = dir.resolve("restored.mkv");
        SizeLimits limits = SizeLimits.DEFAULT;
        try (EmbeddedKafka broker = EmbeddedKafka.start(limits);
                FlinkSessionCluster cluster = FlinkSessionCluster.start(clusterDir(), 2)) {
            String servers = broker.bootstrapServers();
            TopicSetup.ensure(broker.connection(), limits, 1, (short) 1);
            try (RestClusterClient<StandaloneClusterId> client = cluster.client()) {
                JobID job =
                        cluster.submitRestoreJob(
                                client, 2, servers, dir.resolve("checkpoints"), 500);
                int rc =
                        Main.run(
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
                                "8",
                                "--temporal-radius",
                                "1",
                                "--pre-roll",
                                "0",
                                "--tile-size",
                                "96",
                                "--tile-overlap",
                                "24",
                                "--no-progress");
                assertThat(rc)
                        .as("restore exit code; cluster logs in target/flink-cluster")
                        .isZero();
                cluster.checkAlive();
                assertThat(client.getJobStatus(job).get(30, TimeUnit.SECONDS))
                        .isEqualTo(JobStatus.RUNNING);
                // The two tiles went to the two TaskManagers' restore subtasks, one each.
                assertThat(restoreRecordsPerSubtask(cluster.restPort(), job))
                        .hasSize(2)
                        .allSatisfy(n -> assertThat(n).isPositive());
                client.cancel(job).get(60, TimeUnit.SECONDS);
            }
        }
        List<byte[]> got = TestMedia.rgbFrames(out);
        assertThat(got).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(SyntheticClips.mse(got.get(i), clean.get(i)))
                    .as("frame %d", i)
                    .isLessThan(SyntheticClips.mse(noisy.get(i), clean.get(i)) / 2);
        }
    }

    /**
     * Records read by each subtask of the restore operator, from the cluster's REST API (its
     * metrics lag a few seconds behind, so this waits until every subtask shows some or 30 s).
     */
    private static List<Long> restoreRecordsPerSubtask(int port, JobID job) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://localhost:" + port + "/jobs/" + job;
        String jobJson = get(http, base);
        java.util.regex.Matcher v =
                java.util.regex.Pattern.compile(
                                "\"id\":\"([0-9a-f]{32})\",\"slotSharingGroupId\"[^}]*?\"name\":\"dip-restore")
                        .matcher(jobJson);
        if (!v.find()) {
            v =
                    java.util.regex.Pattern.compile(
                                    "\"id\":\"([0-9a-f]{32})\",\"name\":\"dip-restore")
                            .matcher(jobJson);
            assertThat(v.find()).as("the restore vertex in %s", jobJson).isTrue();
        }
        List<Long> counts = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String vertex = get(http, base + "/vertices/" + v.group(1));
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\"read-records\":(\\d+)").matcher(vertex);
            List<Long> c = new ArrayList<>();
            while (m.find()) {
                c.add(Long.parseLong(m.group(1)));
            }
            counts = c;
            if (c.size() == 2 && c.stream().allMatch(n -> n > 0)) {
                break;
            }
            Thread.sleep(1000);
        }
        return counts;
    }

    static String get(java.net.http.HttpClient http, String url) throws Exception {
        return http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Under target/, so that the processes' logs outlive a failed run. */
    private static Path clusterDir() throws java.io.IOException {
        return clusterDir("flink-cluster");
    }

    /** target/NAME, emptied. */
    static Path clusterDir(String name) throws java.io.IOException {
        Path d = Path.of("target", name).toAbsolutePath();
        if (Files.exists(d)) {
            try (var files = Files.walk(d)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(d);
    }
}
