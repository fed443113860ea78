package io.dipstream.cli.embedded;

import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.SizeLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller), started in this JVM
 * from Kafka's own classes on 127.0.0.1 with free ports, on a fresh temporary log directory or on
 * one that a resumed run keeps.
 *
 * <p>Guarantees: the large-record limits of {@link SizeLimits} and a transaction timeout ceiling of
 * 24 h are set; internal topics have one partition and replica (quick to create); {@link #close}
 * stops the broker and deletes a temporary directory.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path dir;
    private final boolean temporary;
    private final KafkaConfig config;
    private KafkaRaftServer server;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafka(
            Path dir,
            boolean temporary,
            KafkaConfig config,
            KafkaRaftServer server,
            String bootstrapServers) {
        this.dir = dir;
        this.temporary = temporary;
        this.config = config;
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats a temporary log directory and starts the broker; {@link #close} deletes it. */
    public static EmbeddedKafka start(SizeLimits limits) {
        return start(limits, null);
    }

    /**
     * Starts the broker on {@code logDir}, formatting it first unless it holds a broker's data
     * already (then the topics and their records are those of the last broker on it, and {@link
     * #close} keeps them); a null {@code logDir} is a temporary one.
     */
    public static EmbeddedKafka start(SizeLimits limits, Path logDir) {
        return start(limits, logDir, Map.of());
    }

    /**
     * A broker on a temporary directory whose client listener takes only SASL/PLAIN logins of
     * {@code users} (name to password), for clients configured with security settings: a client
     * without them, or with a wrong password, is refused.
     */
    public static EmbeddedKafka startWithLogins(SizeLimits limits, Map<String, String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("no users to log in");
        }
        return start(limits, null, users);
    }

    private static EmbeddedKafka start(SizeLimits limits, Path logDir, Map<String, String> users) {
        Path dir;
        try {
            dir =
                    logDir == null
                            ? Files.createTempDirectory("dipstream-kafka-")
                            : Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's directory " + logDir, e);
        }
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            KafkaConfig config =
                    KafkaConfig.fromProps(
                            properties(dir, brokerPort, controllerPort, limits, users));
            if (!Files.exists(dir.resolve("meta.properties"))) {
                format(config);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM, Option.empty());
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            LOG.info("embedded Kafka broker on {} in {}", bootstrap, dir);
            return new EmbeddedKafka(dir, logDir == null, config, server, bootstrap);
        } catch (RuntimeException e) {
            if (logDir == null) {
                TempDirs.delete(dir);
            }
            throw e;
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** How a client of this process reaches the broker. */
    public KafkaConnection connection() {
        return KafkaConnection.of(bootstrapServers);
    }

    /**
     * Stops the broker and starts it again on the same ports and data, as an operator's restart
     * would: clients see it gone for a moment and then find their topics and transactions.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        server.shutdown();
        server.awaitShutdown();
        server = new KafkaRaftServer(config, Time.SYSTEM, Option.empty());
        server.startup();
        LOG.info("embedded Kafka broker restarted on {}", bootstrapServers);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (temporary) {
                TempDirs.delete(dir);
            }
        }
    }

    static Properties properties(
            Path dir,
            int brokerPort,
            int controllerPort,
            SizeLimits limits,
            Map<String, String> users) {
        Properties p = new Properties();
        String client = users.isEmpty() ? "PLAINTEXT" : "SASL_PLAINTEXT";
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty(
                "listeners",
                client
                        + "://127.0.0.1:"
                        + brokerPort
                        + ",CONTROLLER://127.0.0.1:"
                        + controllerPort);
        p.setProperty("advertised.listeners", client + "://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", client);
        p.setProperty(
                "listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        if (!users.isEmpty()) {
            plainLogins(p, users);
        }
        p.setProperty("log.dirs", dir.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // A single node: nothing to hand its partitions over to, so stop without the handshake.
        p.setProperty("controlled.shutdown.enable", "false");
        // A record's transaction stays open while a frame is restored: allow long ones.
        p.setProperty("transaction.max.timeout.ms", Long.toString(24L * 3600 * 1000));
        p.putAll(limits.broker());
        return p;
    }

    /** SASL/PLAIN on the client listener: the users, and the broker's own login to itself. */
    private static void plainLogins(Properties p, Map<String, String> users) {
        String self = "dipstream-broker";
        String secret = UUID.randomUUID().toString();
        StringBuilder jaas =
                new StringBuilder(
                                "org.apache.kafka.common.security.plain.PlainLoginModule required")
                        .append(" username=\"")
                        .append(self)
                        .append("\" password=\"")
                        .append(secret)
                        .append("\" user_")
                        .append(self)
                        .append("=\"")
                        .append(secret)
                        .append('"');
        users.forEach(
                (name, password) -> {
                    if (!name.matches("[A-Za-z0-9._-]+") || password.contains("\"")) {
                        throw new IllegalArgumentException("unusable login " + name);
                    }
                    jaas.append(" user_").append(name).append("=\"").append(password).append('"');
                });
        p.setProperty("sasl.enabled.mechanisms", "PLAIN");
        p.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.setProperty("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas + ";");
    }

    private static void format(KafkaConfig config) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8)) {
            int rc =
                    StorageTool.formatCommand(
                            out,
                            StorageTool.configToLogDirectories(config),
                            StorageTool.buildMetadataProperties(
                                    Uuid.randomUuid().toString(), config),
                            MetadataVersion.latest(),
                            false);
            if (rc != 0) {
                throw new IllegalStateException(
                        "formatting the broker's storage failed: "
                                + log.toString(StandardCharsets.UTF_8));
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
