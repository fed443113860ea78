package io.dipstream.frames;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where Kafka is and the client settings every client of a run connects with (SASL, TLS, timeouts:
 * a {@code client.properties} file as Kafka's own tools take it), the same for the admin client,
 * ingest's producer, the job's source and sinks and the sink's consumer.
 *
 * <p>Guarantees: the user's settings reach every client as given, on top of the pipeline's own;
 * settings the pipeline's correctness depends on (serializers, transactions, isolation, groups, the
 * record size limits every hop must agree on) are refused when the file is loaded, naming the file
 * and the key, so a run never starts with a client that quietly differs from the others.
 *
 * @param bootstrapServers {@code host:port,...}
 * @param client the user's client settings (empty: none)
 * @param source where those settings come from, for messages (null when there are none)
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> client, String source)
        implements Serializable {
    /** Keys the pipeline sets itself, and why a user may not. */
    private static final Map<String, String> RESERVED =
            Map.ofEntries(
                    Map.entry("bootstrap.servers", "is given with --bootstrap-servers"),
                    Map.entry("key.serializer", "is the pipeline's own"),
                    Map.entry("value.serializer", "is the pipeline's own"),
                    Map.entry("key.deserializer", "is the pipeline's own"),
                    Map.entry("value.deserializer", "is the pipeline's own"),
                    Map.entry("transactional.id", "is set per sink for exactly-once delivery"),
                    Map.entry("transaction.timeout.ms", "follows the job's checkpoint timeout"),
                    Map.entry("enable.idempotence", "stays on for exactly-once delivery"),
                    Map.entry("acks", "stays all for exactly-once delivery"),
                    Map.entry("isolation.level", "stays read_committed for exactly-once delivery"),
                    Map.entry("group.id", "is chosen per run"),
                    Map.entry("enable.auto.commit", "stays off: offsets go with checkpoints"),
                    Map.entry("max.request.size", "follows the record size limit of every hop"),
                    Map.entry("buffer.memory", "follows the record size limit of every hop"),
                    Map.entry(
                            "max.partition.fetch.bytes",
                            "follows the record size limit of every hop"),
                    Map.entry("fetch.max.bytes", "follows the record size limit of every hop"));

    public KafkaConnection {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be empty");
        }
        client = Map.copyOf(client == null ? Map.of() : client);
    }

    /** {@code bootstrapServers} with no settings of the user's. */
    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of(), null);
    }

    /**
     * {@code bootstrapServers} with the client settings of {@code file} (null: none).
     *
     * @throws BadInputException naming the file: missing, unreadable, or setting a reserved key
     */
    public static KafkaConnection load(String bootstrapServers, Path file) {
        if (file == null) {
            return of(bootstrapServers);
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BadInputException(file + ": Kafka client settings file not found");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(
                    file
                            + ": not a properties file of Kafka client settings ("
                            + e.getMessage()
                            + ")",
                    e);
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            String why = RESERVED.get(key);
            if (why != null) {
                throw new BadInputException(file + ": " + key + " " + why + "; leave it out");
            }
            settings.put(key, p.getProperty(key).strip());
        }
        return new KafkaConnection(bootstrapServers, settings, file.toString());
    }

    /**
     * A client's properties: the bootstrap servers, then {@code own} (the pipeline's settings of
     * that client), then the user's.
     */
    public Properties properties(Map<String, String> own) {
        Properties p = new Properties();
        p.putAll(own);
        p.putAll(client);
        p.setProperty("bootstrap.servers", bootstrapServers);
        return p;
    }

    /** For messages: the servers, and the file whose settings the clients use. */
    public String describe() {
        return bootstrapServers + (source == null ? "" : " (with the settings of " + source + ")");
    }

    /** The settings' values stay out of logs and messages: they hold passwords. */
    @Override
    public String toString() {
        return "KafkaConnection[" + describe() + ", " + client.size() + " client settings]";
    }
}
