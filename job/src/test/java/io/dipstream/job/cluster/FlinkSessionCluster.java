package io.dipstream.job.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Flink session cluster of separate JVM processes, started from Flink's own runtime classes: one
 * {@code StandaloneSessionClusterEntrypoint} (JobManager) and {@code n} {@code TaskManagerRunner}s
 * with one slot each, as Flink's start scripts would run them.
 *
 * <p>Their class path is this JVM's without dipstream, ND4J, JavaCPP, Kafka or protobuf: what a
 * Flink distribution carries. A job must bring the rest in its jar. Logs go to files under the
 * directory; {@link #close} kills every process.
 */
final class FlinkSessionCluster implements AutoCloseable {
    /** Class path entries a Flink distribution does not have. */
    private static final List<String> NOT_IN_FLINK =
            List.of(
                    "/io/dipstream/",
                    "/target/classes",
                    "/target/test-classes",
                    "/org/nd4j/",
                    "/org/bytedeco/",
                    "/org/apache/kafka/",
                    "flink-connector-kafka",
                    "/com/google/protobuf/",
                    "/com/github/luben/",
                    "/org/junit/",
                    "/org/assertj/",
                    "/info/picocli/",
                    "/me/tongfei/");

    private final Path dir;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();

    private FlinkSessionCluster(Path dir, int restPort) {
        this.dir = dir;
        this.restPort = restPort;
    }

    /** Starts the JobManager and {@code taskManagers} TaskManagers under {@code dir}. */
    static FlinkSessionCluster start(Path dir, int taskManagers) throws IOException {
        int rpc = freePort();
        int rest = freePort();
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(
                conf.resolve("flink-conf.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: localhost",
                        "jobmanager.rpc.port: " + rpc,
                        "jobmanager.bind-host: localhost",
                        "rest.address: localhost",
                        "rest.bind-address: localhost",
                        "rest.port: " + rest,
                        "taskmanager.host: localhost",
                        "taskmanager.bind-host: localhost",
                        "taskmanager.numberOfTaskSlots: 1",
                        "jobmanager.memory.process.size: 768m",
                        "taskmanager.memory.process.size: 1536m",
                        "taskmanager.memory.managed.size: 16m",
                        "io.tmp.dirs: " + dir.resolve("tmp"),
                        "blob.storage.directory: " + dir.resolve("blobs"),
                        "web.upload.dir: " + dir.resolve("upload"),
                        ""));
        String cp = flinkClassPath();
        FlinkSessionCluster c = new FlinkSessionCluster(dir, rest);
        try {
            c.spawn(
                    "jobmanager",
                    cp,
                    "-Xmx512m",
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    conf);
            for (int i = 0; i < taskManagers; i++) {
                c.spawn(
                        "taskmanager-" + i,
                        cp,
                        "-Xmx768m",
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        conf);
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    int restPort() {
        return restPort;
    }

    /** Whether every process is still running (a dead one's log is in the directory). */
    void checkAlive() {
        for (Process p : processes) {
            if (!p.isAlive()) {
                throw new IllegalStateException(
                        "a cluster process exited with " + p.exitValue() + "; logs in " + dir);
            }
        }
    }

    /** The TaskManager processes' ids, for killing one. */
    List<Process> processes() {
        return processes;
    }

    private void spawn(String name, String cp, String heap, String main, Path conf)
            throws IOException {
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb =
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        heap,
                        "-XX:+UseG1GC",
                        "-Dlog.file=" + log,
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                        "-Dorg.slf4j.simpleLogger.logFile=" + log,
                        "-cp",
                        cp,
                        main,
                        "--configDir",
                        conf.toString());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(name + ".out").toFile());
        processes.add(pb.start());
    }

    private static String flinkClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> NOT_IN_FLINK.stream().noneMatch(e::contains))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted", e));
            }
        }
    }
}
