package io.dipstream.cli.embedded;

import io.dipstream.job.FrameFaults;
import io.dipstream.job.JobConfig;
import io.dipstream.job.RestoreJob;
import io.dipstream.job.Workers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.RestoreMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore job running in a Flink MiniCluster in this JVM, with its checkpoints, blobs, I/O
 * spill files and upload directory under one directory (temporary, or a resumable run's).
 *
 * <p>Guarantees: {@link #close} cancels the job, waits until the MiniCluster has stopped and
 * deletes a temporary directory (a kept one keeps the last completed checkpoint); {@link
 * #termination} completes when the job stops by itself (a streaming job only does so when it fails
 * for good).
 */
public final class LocalJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJob.class);

    private final JobClient client;
    private final Path checkpoints;
    private final boolean temporary;
    private final CompletableFuture<Void> termination;
    private volatile boolean closing;

    private LocalJob(JobClient client, Path checkpoints, boolean temporary) {
        this.client = client;
        this.checkpoints = checkpoints;
        this.temporary = temporary;
        this.termination =
                client.getJobExecutionResult()
                        .handle(
                                (r, ex) -> {
                                    if (!closing) {
                                        throw new IllegalStateException(
                                                "the restore job stopped"
                                                        + (ex == null
                                                                ? ""
                                                                : ": " + rootMessage(ex)),
                                                ex);
                                    }
                                    return null;
                                });
    }

    /** Submits the job with one worker using all cores; it runs until {@link #close}. */
    public static LocalJob start(JobConfig config) {
        return start(config, new Workers(1, 0));
    }

    /** Submits the job with {@code workers}; it runs until {@link #close}. */
    public static LocalJob start(JobConfig config, Workers workers) {
        return start(config, workers, null, null);
    }

    /**
     * Submits the job with {@code workers}, its checkpoints and scratch space under {@code dir}
     * (null: a temporary directory, deleted on {@link #close}); a kept {@code dir} also keeps the
     * last checkpoint when the job is cancelled, so that a later run can start from it.
     *
     * @param restoreFrom a completed checkpoint to start from (its state and Kafka offsets), or
     *     null to start afresh
     */
    public static LocalJob start(JobConfig config, Workers workers, Path dir, Path restoreFrom) {
        return start(config, workers, dir, restoreFrom, FrameFaults.NONE);
    }

    /** The Prometheus reporter's settings: its metrics served on {@code port} of this host. */
    static Map<String, String> prometheus(int port) {
        return Map.of(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                "metrics.reporter.prom.port",
                Integer.toString(port));
    }

    /**
     * As {@link #start(JobConfig, Workers, Path, Path)}, the job's metrics served for Prometheus on
     * {@code metricsPort} (0: not served).
     */
    public static LocalJob start(
            JobConfig config, Workers workers, Path dir, Path restoreFrom, int metricsPort) {
        return start(config, workers, dir, restoreFrom, FrameFaults.NONE, metricsPort);
    }

    /**
     * As {@link #start(JobConfig, Workers, Path, Path)}, the job failing where {@code faults} says
     * (recovery tests).
     */
    public static LocalJob start(
            JobConfig config, Workers workers, Path dir, Path restoreFrom, FrameFaults faults) {
        return start(config, workers, dir, restoreFrom, faults, 0);
    }

    private static LocalJob start(
            JobConfig config,
            Workers workers,
            Path dir,
            Path restoreFrom,
            FrameFaults faults,
            int metricsPort) {
        boolean temporary = dir == null;
        try {
            dir =
                    temporary
                            ? Files.createTempDirectory("dipstream-flink-")
                            : Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint directory " + dir, e);
        }
        try {
            Configuration conf =
                    RestoreJob.flinkConfig(config, RestoreJob.fileUri(dir.resolve("checkpoints")));
            if (!temporary) {
                conf.set(
                        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            }
            if (restoreFrom != null) {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
                // The new job owns the old checkpoint: it is deleted once a newer one completes.
                conf.set(StateRecoveryOptions.RESTORE_MODE, RestoreMode.CLAIM);
                LOG.info("restoring the job from {}", restoreFrom);
            }
            // Flink's own scratch directories default to java.io.tmpdir and outlive the JVM.
            conf.set(CoreOptions.TMP_DIRS, dir.resolve("io").toString());
            conf.set(BlobServerOptions.STORAGE_DIRECTORY, dir.resolve("blobs").toString());
            conf.set(WebOptions.UPLOAD_DIR, dir.resolve("upload").toString());
            // State lives on the heap; the job needs no managed memory.
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(16));
            if (metricsPort > 0) {
                prometheus(metricsPort).forEach(conf::setString);
            }
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(workers.parallelism(), conf);
            RestoreJob.configureCheckpoints(env, config);
            RestoreJob.kafka(config)
                    .withEngineThreads(workers.threads())
                    .withFaults(faults)
                    .addTo(env);
            JobClient client = env.executeAsync("dipstream restore");
            return new LocalJob(client, dir, temporary);
        } catch (Exception e) {
            if (temporary) {
                TempDirs.delete(dir);
            }
            throw new IllegalStateException("cannot start the restore job: " + e.getMessage(), e);
        }
    }

    /** Completes exceptionally when the job stops on its own. */
    public CompletableFuture<Void> termination() {
        return termination;
    }

    @Override
    public void close() {
        closing = true;
        try {
            JobStatus s = client.getJobStatus().get(10, TimeUnit.SECONDS);
            if (!s.isGloballyTerminalState()) {
                client.cancel().get(60, TimeUnit.SECONDS);
            }
            client.getJobExecutionResult().handle((r, ex) -> null).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("stopping the restore job: {}", e.getMessage());
        } finally {
            if (temporary) {
                TempDirs.delete(checkpoints);
            }
        }
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }
}
