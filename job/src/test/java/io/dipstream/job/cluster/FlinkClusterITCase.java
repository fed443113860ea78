package io.dipstream.job.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.cli.Main;
import io.dipstream.cli.embedded.EmbeddedKafka;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.TopicSetup;
import io.dipstream.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real Flink cluster: a session cluster of separate JobManager and TaskManager
 * processes ({@link FlinkSessionCluster}), the jar submitted through the cluster's REST API as
 * {@code flink run} does, and {@code dipstream restore --external-job} feeding it a tiled clip
 * through a real broker.
 */
class FlinkClusterITCase {
    static final int W = 160;
    static final int H = 96;
    static final int FRAMES = 4;

    @TempDir Path dir;

    @Test
    void aTiledClipIsRestoredByTheJobJarOnASessionClusterOfTwoTaskManagers() throws Exception {
        Path jar = Path.of(System.getProperty("dipstream.job.jar", "target/missing.jar"));
        assertThat(jar).as("the job jar (mvn package builds it)").isRegularFile();
        List<byte[]> clean = clip();
        List<byte[]> noisy = noisy(clean);
        Path in = TestMedia.ffv1Clip(dir.resolve("noisy.mkv"), W, H, 10, noisy);
        Path out = dir.resolve("restored.mkv");
        SizeLimits limits = SizeLimits.DEFAULT;
        try (EmbeddedKafka broker = EmbeddedKafka.start(limits);
                FlinkSessionCluster cluster =
                        FlinkSessionCluster.start(Files.createDirectory(dir.resolve("flink")), 2)) {
            String servers = broker.bootstrapServers();
            TopicSetup.ensure(servers, limits, 1, (short) 1);
            Configuration conf = new Configuration();
            conf.set(RestOptions.ADDRESS, "localhost");
            conf.set(RestOptions.PORT, cluster.restPort());
            try (RestClusterClient<StandaloneClusterId> client =
                    new RestClusterClient<>(conf, StandaloneClusterId.getInstance())) {
                JobID job = submit(client, conf, jar, servers);
                awaitRunning(client, job, cluster);
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
                assertThat(rc).as("restore exit code; cluster logs in " + dir).isZero();
                cluster.checkAlive();
                assertThat(client.getJobStatus(job).get(30, TimeUnit.SECONDS))
                        .isEqualTo(JobStatus.RUNNING);
                client.cancel(job).get(60, TimeUnit.SECONDS);
            }
        }
        List<byte[]> got = TestMedia.rgbFrames(out);
        assertThat(got).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(mse(got.get(i), clean.get(i)))
                    .as("frame %d", i)
                    .isLessThan(mse(noisy.get(i), clean.get(i)) / 2);
        }
    }

    /** What {@code flink run -p 2 JAR --bootstrap-servers ...} does: plan, then submit. */
    private JobID submit(
            RestClusterClient<StandaloneClusterId> client,
            Configuration conf,
            Path jar,
            String servers)
            throws Exception {
        PackagedProgram program =
                PackagedProgram.newBuilder()
                        .setJarFile(jar.toFile())
                        .setConfiguration(conf)
                        .setArguments(
                                "--bootstrap-servers",
                                servers,
                                "--checkpoint-dir",
                                dir.resolve("checkpoints").toUri().toString(),
                                "--checkpoint-interval-ms",
                                "500",
                                "--engine-threads",
                                "1")
                        .build();
        try {
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, conf, 2, false);
            return client.submitJob(graph).get(3, TimeUnit.MINUTES);
        } finally {
            program.close();
        }
    }

    private static void awaitRunning(
            RestClusterClient<StandaloneClusterId> client, JobID job, FlinkSessionCluster cluster)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            cluster.checkAlive();
            JobStatus s = client.getJobStatus(job).get(30, TimeUnit.SECONDS);
            if (s == JobStatus.RUNNING) {
                return;
            }
            assertThat(s.isGloballyTerminalState()).as("job status %s", s).isFalse();
            assertThat(System.nanoTime()).as("job RUNNING in time").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    static List<byte[]> clip() {
        List<byte[]> frames = new ArrayList<>();
        for (int t = 0; t < FRAMES; t++) {
            byte[] rgb = new byte[W * H * 3];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double s = Math.sin((x + 3 * t) / 4.0) * Math.cos((y + t) / 5.0);
                    int i = (y * W + x) * 3;
                    rgb[i] = (byte) (128 + 90 * s);
                    rgb[i + 1] = (byte) (40 + x);
                    rgb[i + 2] = (byte) (60 + 2 * y);
                }
            }
            frames.add(rgb);
        }
        return frames;
    }

    static List<byte[]> noisy(List<byte[]> clean) {
        Random r = new Random(25);
        List<byte[]> out = new ArrayList<>();
        for (byte[] f : clean) {
            byte[] n = new byte[f.length];
            for (int i = 0; i < f.length; i++) {
                n[i] =
                        (byte)
                                Math.max(
                                        0,
                                        Math.min(
                                                255,
                                                Math.round((f[i] & 0xff) + 25 * r.nextGaussian())));
            }
            out.add(n);
        }
        return out;
    }

    static double mse(byte[] a, byte[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xff) - (b[i] & 0xff);
            s += d * d;
        }
        return s / a.length;
    }
}
