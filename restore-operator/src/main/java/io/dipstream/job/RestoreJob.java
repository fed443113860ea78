package io.dipstream.job;

import io.dipstream.dip.EngineChoice;
import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.api.java.utils.ParameterTool;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The restore job: frame records → keyBy(stream or tile, {@link SpreadKeys}) → {@link
 * DipRestoreFunction} → restored records, and rejected records → dead letters. Source and sinks
 * come in through the constructor: {@link #kafka} wires the real topics, tests may wire others.
 *
 * <p>Run on a Flink cluster with {@code flink run -c io.dipstream.job.RestoreJob JOB.jar
 * --bootstrap-servers HOST:9092 [--kafka-config client.properties] [--checkpoint-dir URI]
 * [--engine-threads N] [--engine auto|cpu|cuda] [--record-limit-mib 16] [--claim-dir DIR]} ({@code
 * -p} sets the number of restore subtasks; {@code --engine-threads}, the native threads of each,
 * should make subtasks per TaskManager × threads = its cores; {@code --engine} is decided on each
 * TaskManager, from its own GPUs).
 */
public final class RestoreJob {
    /** Operator uid: state in checkpoints and savepoints is found under it. */
    public static final String RESTORE_UID = "dip-restore";

    /** The window in which more than {@link JobConfig#restartAttempts} failures fail the job. */
    public static final Duration RESTART_INTERVAL = Duration.ofMinutes(10);

    private final Source<Tuple2<String, byte[]>, ?, ?> source;
    private final Sink<Tuple2<String, byte[]>> restored;
    private final Sink<Tuple3<String, String, byte[]>> deadLetters;
    private final int engineThreads;
    private final EngineChoice engine;
    private final FrameFaults faults;
    private final SizeLimits limits;

    public RestoreJob(
            Source<Tuple2<String, byte[]>, ?, ?> source,
            Sink<Tuple2<String, byte[]>> restored,
            Sink<Tuple3<String, String, byte[]>> deadLetters) {
        this(
                source,
                restored,
                deadLetters,
                0,
                EngineChoice.AUTO,
                FrameFaults.NONE,
                SizeLimits.DEFAULT);
    }

    private RestoreJob(
            Source<Tuple2<String, byte[]>, ?, ?> source,
            Sink<Tuple2<String, byte[]>> restored,
            Sink<Tuple3<String, String, byte[]>> deadLetters,
            int engineThreads,
            EngineChoice engine,
            FrameFaults faults,
            SizeLimits limits) {
        this.source = source;
        this.restored = restored;
        this.deadLetters = deadLetters;
        this.engineThreads = engineThreads;
        this.engine = engine;
        this.faults = faults;
        this.limits = limits;
    }

    /**
     * This job with each restore subtask's engine limited to {@code threads} native threads (0: the
     * runtime's own setting).
     */
    public RestoreJob withEngineThreads(int threads) {
        return new RestoreJob(source, restored, deadLetters, threads, engine, faults, limits);
    }

    /**
     * This job with each TaskManager choosing its backend by {@code engine} (default {@code auto};
     * in a process that already chose, as the embedded job's, that choice holds).
     */
    public RestoreJob withEngine(EngineChoice engine) {
        return new RestoreJob(source, restored, deadLetters, engineThreads, engine, faults, limits);
    }

    /** This job failing where {@code faults} says (recovery tests; the default never fails). */
    public RestoreJob withFaults(FrameFaults faults) {
        return new RestoreJob(source, restored, deadLetters, engineThreads, engine, faults, limits);
    }

    /**
     * This job's records within {@code limits}: larger frames in and out go through their claim
     * directory (see {@link io.dipstream.frames.ClaimChecks}).
     */
    public RestoreJob withLimits(SizeLimits limits) {
        return new RestoreJob(source, restored, deadLetters, engineThreads, engine, faults, limits);
    }

    /** The job on Kafka: {@link Topics#FRAMES} in, {@link Topics#RESTORED} out, exactly once. */
    public static RestoreJob kafka(JobConfig c) {
        KafkaSource<Tuple2<String, byte[]>> source =
                KafkaSource.<Tuple2<String, byte[]>>builder()
                        .setBootstrapServers(c.kafka().bootstrapServers())
                        .setTopics(Topics.FRAMES)
                        .setGroupId(c.groupId())
                        .setStartingOffsets(
                                c.startAtMillis() >= 0
                                        ? OffsetsInitializer.timestamp(c.startAtMillis())
                                        : OffsetsInitializer.committedOffsets(
                                                OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new KafkaCodecs.Reader())
                        .setProperties(c.kafka().properties(c.limits().consumer()))
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("partition.discovery.interval.ms", "2000")
                        .build();
        return new RestoreJob(
                        source,
                        sink(c, new KafkaCodecs.Writer(Topics.RESTORED), "restored"),
                        sink(c, new KafkaCodecs.DeadLetterWriter(Topics.DEAD_LETTER), "deadletter"))
                .withLimits(c.limits());
    }

    private static <T> KafkaSink<T> sink(
            JobConfig c,
            org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema<T> serializer,
            String suffix) {
        Properties p = c.kafka().properties(c.limits().producer());
        p.setProperty("transaction.timeout.ms", Long.toString(c.transactionTimeout().toMillis()));
        return KafkaSink.<T>builder()
                .setBootstrapServers(c.kafka().bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(c.transactionalIdPrefix() + "-" + suffix)
                .setKafkaProducerConfig(p)
                .build();
    }

    /** Adds the job's operators to {@code env}. */
    public void addTo(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<Tuple2<String, byte[]>> out =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "frames")
                        .uid("frames-source")
                        .keyBy(new SpreadKeys(Math.max(1, env.getParallelism())), Types.STRING)
                        .process(
                                new DipRestoreFunction(engineThreads, engine, faults, limits),
                                KeyedRecords.RECORD)
                        .setMaxParallelism(SpreadKeys.MAX_PARALLELISM)
                        .uid(RESTORE_UID)
                        .name("dip-restore");
        out.sinkTo(restored).uid("restored-sink").name("restored");
        out.getSideOutput(DipRestoreFunction.DEAD_LETTERS)
                .sinkTo(deadLetters)
                .uid("dead-letter-sink")
                .name("dead-letters");
    }

    /**
     * Flink settings for the job: heap state with checkpoints under {@code checkpointDir}, or,
     * where it is null, the cluster's own state backend and checkpoint storage (on Kubernetes:
     * RocksDB, incremental, on S3); failure-rate restarts from the last checkpoint.
     */
    public static Configuration flinkConfig(JobConfig c, String checkpointDir) {
        Configuration f = new Configuration();
        if (checkpointDir != null) {
            f.set(StateBackendOptions.STATE_BACKEND, "hashmap");
            f.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            f.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        }
        // A run of hours or days meets failures now and then: it gives up only when they come
        // faster than restartAttempts in ten minutes.
        f.set(RestartStrategyOptions.RESTART_STRATEGY, "failure-rate");
        f.set(
                RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL,
                c.restartAttempts());
        f.set(
                RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL,
                RESTART_INTERVAL);
        f.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY, Duration.ofSeconds(1));
        return f;
    }

    /** Turns on checkpointing as {@code c} says. */
    public static void configureCheckpoints(StreamExecutionEnvironment env, JobConfig c) {
        env.enableCheckpointing(c.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        var cc = env.getCheckpointConfig();
        cc.setCheckpointTimeout(c.checkpointTimeout().toMillis());
        cc.setMinPauseBetweenCheckpoints(Math.min(500, c.checkpointInterval().toMillis()));
        cc.setTolerableCheckpointFailureNumber(3);
        // A frame takes seconds to restore, so the records queued in the network buffers ahead of
        // an aligned barrier (all of a small clip) held every checkpoint back until they were
        // done: a failure lost that much work and the sink saw frames only at the end. Unaligned
        // barriers overtake them (they go into the checkpoint), so one completes after each frame.
        cc.enableUnalignedCheckpoints();
    }

    /** Entry point for {@code flink run}. */
    public static void main(String[] args) throws Exception {
        ParameterTool p = ParameterTool.fromArgs(args);
        // Checked here, at submission; what it chooses is decided on each TaskManager.
        EngineChoice engine = EngineChoice.parse(p.get("engine", "auto"));
        JobConfig c =
                JobConfig.defaults(
                                KafkaConnection.load(
                                        p.getRequired("bootstrap-servers"),
                                        p.has("kafka-config")
                                                ? Path.of(p.get("kafka-config"))
                                                : null))
                        .withCheckpointInterval(
                                Duration.ofMillis(p.getLong("checkpoint-interval-ms", 2000)))
                        .withLimits(
                                new SizeLimits(p.getInt("record-limit-mib", 16) << 20)
                                        .withClaimDir(
                                                p.has("claim-dir")
                                                        ? Path.of(p.get("claim-dir"))
                                                        : null));
        String dir = p.get("checkpoint-dir", null);
        int threads = p.getInt("engine-threads", 0);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfig(c, dir));
        configureCheckpoints(env, c);
        kafka(c).withEngineThreads(threads).withEngine(engine).addTo(env);
        env.execute("dipstream restore");
    }

    /** A file URI for a local checkpoint directory. */
    public static String fileUri(Path dir) {
        return dir.toAbsolutePath().toUri().toString();
    }
}
