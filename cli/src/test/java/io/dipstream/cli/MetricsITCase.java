package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore --metrics-port} serves the embedded job's metrics for Prometheus while it runs:
 * scraped mid-run, they hold the restore operator's counts and gauges and the stream's progress.
 */
class MetricsITCase {
    private static final int FRAMES = 10;

    @TempDir Path dir;

    @Test
    void aRunningRestoreServesItsMetricsForPrometheus() throws Exception {
        Path in = MovingClip.write(dir.resolve("in.mkv"), FRAMES);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String[] args =
                RestorePipelineITCase.concat(
                        new String[] {
                            "restore",
                            "-i",
                            in.toString(),
                            "-o",
                            dir.resolve("out.mkv").toString(),
                            "--stream-id",
                            "watched",
                            "--metrics-port",
                            Integer.toString(port)
                        },
                        MovingClip.settings());
        CompletableFuture<CapturedRun> run =
                CompletableFuture.supplyAsync(() -> CapturedRun.of(args));
        HttpClient http = HttpClient.newHttpClient();
        String scraped = "";
        Pattern restored =
                Pattern.compile(
                        "(?m)^flink_taskmanager_job_task_operator_framesRestored\\{.*\\} ([0-9.E]+)$");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!run.isDone() && System.nanoTime() < deadline) {
            try {
                String body =
                        http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://127.0.0.1:"
                                                                        + port
                                                                        + "/metrics"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body();
                Matcher m = restored.matcher(body);
                if (m.find() && Double.parseDouble(m.group(1)) >= 1) {
                    scraped = body;
                    break;
                }
            } catch (java.io.IOException notYet) {
                // the job's reporter starts with the job
            }
            Thread.sleep(300);
        }
        CapturedRun r = run.get(4, TimeUnit.MINUTES);
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(scraped)
                .as("scraped while the run was going")
                .contains(
                        "flink_taskmanager_job_task_operator_iterations",
                        "flink_taskmanager_job_task_operator_iterationsPerSecond",
                        "flink_taskmanager_job_task_operator_iterationsPerFrame",
                        "flink_taskmanager_job_task_operator_coldFrames",
                        "flink_taskmanager_job_task_operator_warmFrames",
                        "flink_taskmanager_job_task_operator_sceneCuts",
                        "flink_taskmanager_job_task_operator_lastLoss",
                        "flink_taskmanager_job_task_operator_msPerFrame")
                .containsPattern("stream=\"watched\"");
    }
}
