package io.dipstream.cli.embedded;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics when they are missing, with the record size limit set on each, so
 * that ingest, job and sink can be started in any order against a plain broker.
 */
public final class TopicSetup {
    /** How long a first contact with the brokers may take before they count as unreachable. */
    static final long REACH_SECONDS = 10;

    private TopicSetup() {}

    /**
     * Ensures {@link Topics#FRAMES}, {@link Topics#RESTORED} and {@link Topics#DEAD_LETTER} exist
     * (created with {@code partitions} partitions and replication factor {@code replication}).
     * Existing topics are left as they are.
     */
    public static void ensure(
            KafkaConnection kafka, SizeLimits limits, int partitions, short replication) {
        Properties p =
                kafka.properties(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"));
        try (Admin admin = Admin.create(p)) {
            Set<String> existing;
            try {
                existing =
                        admin.listTopics(
                                        new org.apache.kafka.clients.admin.ListTopicsOptions()
                                                .timeoutMs((int) REACH_SECONDS * 1000))
                                .names()
                                .get(REACH_SECONDS + 1, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                refusedLogin(kafka, e);
                throw new BadInputException(
                        "cannot reach Kafka at "
                                + kafka.describe()
                                + " within "
                                + REACH_SECONDS
                                + " s: is it running, and is --bootstrap-servers right? ("
                                + (e.getCause() == null ? e : e.getCause()).getMessage()
                                + ")",
                        e);
            }
            List<NewTopic> missing = new ArrayList<>();
            for (String t : List.of(Topics.FRAMES, Topics.RESTORED, Topics.DEAD_LETTER)) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, partitions, replication).configs(limits.topic()));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            refusedLogin(kafka, e);
            throw new BadInputException(
                    "cannot set up topics on Kafka at "
                            + kafka.describe()
                            + ": "
                            + (e.getCause() == null ? e : e.getCause()).getMessage(),
                    e);
        }
    }

    /**
     * A broker that refuses the client's login or rights says so: the user's settings are wrong.
     */
    private static void refusedLogin(KafkaConnection kafka, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AuthenticationException || t instanceof AuthorizationException) {
                throw new BadInputException(
                        "Kafka at "
                                + kafka.describe()
                                + " refused this client: "
                                + t.getMessage()
                                + " (check the credentials and security settings of"
                                + " --kafka-config)",
                        e);
            }
        }
    }
}
