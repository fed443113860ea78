package io.dipstream.cli.embedded;

import io.dipstream.job.JobConfig;
import io.dipstream.job.RestoreJob;
import io.dipstream.job.Workers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.BlobServerOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restore job running in a Flink MiniCluster in this JVM, with its checkpoints, blobs, I/O
 * spill files and upload directory under one temporary directory.
 *
 * <p>Guarantees: {@link #close} cancels the job, waits until the MiniCluster has stopped and
 * deletes that directory; {@link #termination} completes when the job stops by itself (a streaming
 * job only does so when it fails for good).
 */
public final class LocalJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJob.class);

    private final JobClient client;
    private final Path checkpoints;
    private final CompletableFuture<Void> termination;
    private volatile boolean closing;

    private LocalJob(JobClient client, Path checkpoints) {
        this.client = client;
        this.checkpoints = checkpoints;
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
        Path dir;
        try {
            dir = Files.createTempDirectory("dipstream-flink-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the checkpoint directory", e);
        }
        try {
            Configuration conf =
                    RestoreJob.flinkConfig(config, RestoreJob.fileUri(dir.resolve("checkpoints")));
            // Flink's own scratch directories default to java.io.tmpdir and outlive the JVM.
            conf.set(CoreOptions.TMP_DIRS, dir.resolve("io").toString());
            conf.set(BlobServerOptions.STORAGE_DIRECTORY, dir.resolve("blobs").toString());
            conf.set(WebOptions.UPLOAD_DIR, dir.resolve("upload").toString());
            // State lives on the heap; the job needs no managed memory.
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(16));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironment(workers.parallelism(), conf);
            RestoreJob.configureCheckpoints(env, config);
            RestoreJob.kafka(config).withEngineThreads(workers.threads()).addTo(env);
            JobClient client = env.executeAsync("dipstream restore");
            return new LocalJob(client, dir);
        } catch (Exception e) {
            TempDirs.delete(dir);
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
            TempDirs.delete(checkpoints);
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
