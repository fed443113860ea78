package io.dipstream.cli;

import io.dipstream.frames.KafkaConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --kafka-config}: the client settings every Kafka client of the command connects with. */
final class KafkaConfigOption {
    @Option(
            names = "--kafka-config",
            paramLabel = "FILE",
            description =
                    "Kafka client settings (SASL, TLS, timeouts) in the properties format of"
                            + " Kafka's own tools, used by every client: topic setup, ingest,"
                            + " the job's source and sinks, the sink")
    Path file;

    /** The brokers at {@code servers} with the file's settings (checked now). */
    KafkaConnection connect(String servers) {
        return KafkaConnection.load(servers, file);
    }
}
