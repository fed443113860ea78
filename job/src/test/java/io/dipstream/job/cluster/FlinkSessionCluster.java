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
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

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
                    // this build's modules, the job jar included (failsafe puts it on the path)
                    "/target/",
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

    /** What Flink's start scripts pass on Java 17 (its default env.java.opts.all). */
    private static final List<String> JAVA_17_OPENS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path dir;
    private final Path conf;
    private final String classPath;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    private List<String> taskManagerJvm = List.of();
    private List<String> taskManagerArgs = List.of();
    private int spawned;

    private FlinkSessionCluster(Path dir, Path conf, String classPath, int restPort) {
        this.dir = dir;
        this.conf = conf;
        this.classPath = classPath;
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
                        "taskmanager.memory.process.size: 2048m",
                        "taskmanager.memory.managed.size: 16m",
                        // A killed TaskManager is noticed within seconds, not the default 50 s.
                        "heartbeat.interval: 2000",
                        "heartbeat.timeout: 10000",
                        "io.tmp.dirs: " + dir.resolve("tmp"),
                        "blob.storage.directory: " + dir.resolve("blobs"),
                        "web.upload.dir: " + dir.resolve("upload"),
                        ""));
        String cp = flinkClassPath();
        FlinkSessionCluster c = new FlinkSessionCluster(dir, conf, cp, rest);
        try {
            c.spawn(
                    "jobmanager",
                    cp,
                    List.of("-Xmx512m"),
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    conf,
                    List.of());
            // What Flink's taskmanager.sh computes (BashJavaUtils): JVM sizes and the memory and
            // CPU settings as dynamic properties.
            TaskExecutorProcessSpec spec =
                    TaskExecutorProcessUtils.processSpecFromConfig(
                            GlobalConfiguration.loadConfiguration(conf.toString()));
            List<String> jvm =
                    Arrays.asList(ProcessMemoryUtils.generateJvmParametersStr(spec).split(" "));
            List<String> dynamic =
                    Arrays.asList(
                            TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)
                                    .trim()
                                    .split(" "));
            c.taskManagerJvm = jvm;
            c.taskManagerArgs = dynamic;
            for (int i = 0; i < taskManagers; i++) {
                c.spawnTaskManager();
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

    /**
     * {@code flink run -d -p PARALLELISM JAR ARGS}: Flink's own command line in a process of its
     * own with the distribution's class path, which plans the job from the jar's main class and
     * submits it; returns the job id it prints.
     */
    String run(Path jar, int parallelism, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JAVA_17_OPENS);
        cmd.addAll(
                List.of(
                        "-Xmx512m",
                        "-cp",
                        classPath,
                        "org.apache.flink.client.cli.CliFrontend",
                        "run",
                        "-d",
                        "-p",
                        Integer.toString(parallelism),
                        jar.toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("FLINK_CONF_DIR", conf.toString());
        pb.redirectErrorStream(true);
        Path log = dir.resolve("flink-run.out");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("flink run did not return in 5 min; see " + log);
        }
        String out = Files.readString(log);
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("JobID ([0-9a-f]{32})").matcher(out);
        if (p.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException(
                    "flink run failed (exit " + p.exitValue() + "):\n" + tail(out));
        }
        return m.group(1);
    }

    /** The job jar the build made (the failsafe configuration names it). */
    static Path jobJar() {
        Path jar = Path.of(System.getProperty("dipstream.job.jar", "target/missing.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + ": no job jar (mvn package builds it)");
        }
        return jar;
    }

    /** A REST client of this cluster. */
    RestClusterClient<StandaloneClusterId> client() throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, "localhost");
        conf.set(RestOptions.PORT, restPort);
        return new RestClusterClient<>(conf, StandaloneClusterId.getInstance());
    }

    /**
     * Submits the restore job ({@link #run}) with {@code parallelism} subtasks of one native thread
     * each, on the broker at {@code servers}, checkpointing to {@code checkpoints} every {@code
     * intervalMs}; returns once it is RUNNING.
     */
    JobID submitRestoreJob(
            RestClusterClient<StandaloneClusterId> client,
            int parallelism,
            String servers,
            Path checkpoints,
            long intervalMs)
            throws Exception {
        JobID job =
                JobID.fromHexString(
                        run(
                                jobJar(),
                                parallelism,
                                "--bootstrap-servers",
                                servers,
                                "--checkpoint-dir",
                                checkpoints.toUri().toString(),
                                "--checkpoint-interval-ms",
                                Long.toString(intervalMs),
                                "--engine-threads",
                                "1"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            checkAlive();
            JobStatus st = client.getJobStatus(job).get(30, TimeUnit.SECONDS);
            if (st == JobStatus.RUNNING) {
                return job;
            }
            if (st.isGloballyTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("job " + job + " is " + st + "; logs in " + dir);
            }
            Thread.sleep(500);
        }
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
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

    /**
     * Kills TaskManager {@code i} (SIGKILL, as a lost machine or an OOM-killed pod) and starts a
     * new one in its place, as a Kubernetes deployment would.
     */
    void replaceTaskManager(int i) throws IOException, InterruptedException {
        Process p = processes.get(1 + i);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        spawnTaskManager();
        processes.set(1 + i, processes.remove(processes.size() - 1));
    }

    private void spawnTaskManager() throws IOException {
        spawn(
                "taskmanager-" + spawned++,
                classPath,
                taskManagerJvm,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                conf,
                taskManagerArgs);
    }

    private void spawn(
            String name, String cp, List<String> jvm, String main, Path conf, List<String> args)
            throws IOException {
        Path log = dir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JAVA_17_OPENS);
        cmd.addAll(jvm);
        cmd.addAll(
                List.of(
                        "-XX:+UseG1GC",
                        "-Dlog.file=" + log,
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                        "-Dorg.slf4j.simpleLogger.logFile=" + log,
                        "-cp",
                        cp,
                        main,
                        "--configDir",
                        conf.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
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
