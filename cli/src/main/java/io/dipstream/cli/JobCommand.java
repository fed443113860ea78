package io.dipstream.cli;

import io.dipstream.cli.embedded.LocalJob;
import io.dipstream.cli.embedded.TopicSetup;
import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.SizeLimits;
import io.dipstream.job.JobConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dipstream job}: the restore job in a MiniCluster in this process, against a running Kafka,
 * until it fails or the process is stopped. On a Flink cluster, submit {@code
 * io.dipstream.job.RestoreJob} with {@code flink run} instead.
 */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = "Run the restore job locally against a running Kafka (until stopped).")
final class JobCommand implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka of the job")
    String bootstrapServers;

    @Option(
            names = "--checkpoint-interval-ms",
            defaultValue = "2000",
            description = "Flink checkpoint interval (default: ${DEFAULT-VALUE})")
    long checkpointIntervalMs;

    @Mixin KafkaConfigOption kafkaConfig = new KafkaConfigOption();

    @Mixin RecordOptions records = new RecordOptions();

    @Mixin EngineOption engine = new EngineOption();

    @Override
    public Integer call() throws Exception {
        // The job runs in this process: its operators find the backend chosen here.
        engine.select();
        KafkaConnection kafka = kafkaConfig.connect(bootstrapServers);
        SizeLimits limits = records.limits(null);
        JobConfig c =
                CliParsing.parse(
                        () ->
                                JobConfig.defaults(kafka)
                                        .withLimits(limits)
                                        .withCheckpointInterval(
                                                Duration.ofMillis(checkpointIntervalMs)));
        TopicSetup.ensure(kafka, limits, 1, (short) 1);
        try (LocalJob job = LocalJob.start(c)) {
            Runtime.getRuntime().addShutdownHook(new Thread(job::close));
            job.termination().join();
        }
        return 0;
    }
}
