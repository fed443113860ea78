package io.dipstream.job;

import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.SizeLimits;
import java.time.Duration;

/**
 * How the restore job talks to Kafka and checkpoints. Validated on construction; each message names
 * the parameter.
 *
 * <p>Frames take seconds to minutes each, and a checkpoint barrier waits behind the frame being
 * restored, so the checkpoint timeout must exceed the longest frame (the first frame of a stream,
 * on the long schedule). Restored frames are written in Kafka transactions that stay open from the
 * first record after one checkpoint until the next completes, so the transaction timeout must be at
 * least the checkpoint timeout, and the broker's {@code transaction.max.timeout.ms} at least that.
 *
 * @param kafka the brokers, and the client settings every source and sink of the job uses
 * @param groupId consumer group of the job's source
 * @param transactionalIdPrefix prefix of the sink's transactional ids; the same across restarts of
 *     one job, different between jobs on one cluster
 * @param checkpointInterval time between checkpoints (restored frames become visible then)
 * @param checkpointTimeout longest a checkpoint may take
 * @param transactionTimeout the sink's {@code transaction.timeout.ms}
 * @param restartAttempts restarts from the last checkpoint allowed within {@link
 *     RestoreJob#RESTART_INTERVAL}; one more failure in that window fails the job
 * @param limits record size limits shared with ingest, sink and the broker
 * @param startAtMillis read frames from this time on (for a job that serves one run on a shared
 *     topic); -1: from the group's committed offsets, else from the earliest
 */
public record JobConfig(
        KafkaConnection kafka,
        String groupId,
        String transactionalIdPrefix,
        Duration checkpointInterval,
        Duration checkpointTimeout,
        Duration transactionTimeout,
        int restartAttempts,
        SizeLimits limits,
        long startAtMillis) {

    public JobConfig {
        require(kafka != null, "kafka", kafka);
        require(groupId != null && !groupId.isBlank(), "groupId", groupId);
        require(
                transactionalIdPrefix != null && !transactionalIdPrefix.isBlank(),
                "transactionalIdPrefix",
                transactionalIdPrefix);
        require(
                checkpointInterval != null && checkpointInterval.toMillis() >= 10,
                "checkpointInterval (>= 10 ms)",
                checkpointInterval);
        require(
                checkpointTimeout != null && checkpointTimeout.compareTo(checkpointInterval) >= 0,
                "checkpointTimeout (>= checkpointInterval)",
                checkpointTimeout);
        require(
                transactionTimeout != null && transactionTimeout.compareTo(checkpointTimeout) >= 0,
                "transactionTimeout (>= checkpointTimeout)",
                transactionTimeout);
        require(restartAttempts >= 0, "restartAttempts (>= 0)", restartAttempts);
        require(limits != null, "limits", limits);
        require(startAtMillis >= -1, "startAtMillis (>= -1)", startAtMillis);
    }

    /**
     * Defaults for {@code kafka}: checkpoints every 2 s, up to 1 h per checkpoint (a first frame of
     * the paper preset takes tens of minutes on a CPU), transactions of 1 h (raise the broker's
     * {@code transaction.max.timeout.ms} from its 15 min default), up to 10 restarts in ten
     * minutes.
     */
    public static JobConfig defaults(KafkaConnection kafka) {
        return new JobConfig(
                kafka,
                "dipstream-restore",
                "dipstream-restore",
                Duration.ofSeconds(2),
                Duration.ofHours(1),
                Duration.ofHours(1),
                10,
                SizeLimits.DEFAULT,
                -1);
    }

    public JobConfig withCheckpointInterval(Duration d) {
        return new JobConfig(
                kafka,
                groupId,
                transactionalIdPrefix,
                d,
                checkpointTimeout,
                transactionTimeout,
                restartAttempts,
                limits,
                startAtMillis);
    }

    public JobConfig withRestartAttempts(int attempts) {
        return new JobConfig(
                kafka,
                groupId,
                transactionalIdPrefix,
                checkpointInterval,
                checkpointTimeout,
                transactionTimeout,
                attempts,
                limits,
                startAtMillis);
    }

    /** This config with other record limits (and claim directory). */
    public JobConfig withLimits(SizeLimits l) {
        return new JobConfig(
                kafka,
                groupId,
                transactionalIdPrefix,
                checkpointInterval,
                checkpointTimeout,
                transactionTimeout,
                restartAttempts,
                l,
                startAtMillis);
    }

    /** This config for a job of its own: its consumer group, transactions and start time. */
    public JobConfig forRun(String group, String txPrefix, long startMillis) {
        return new JobConfig(
                kafka,
                group,
                txPrefix,
                checkpointInterval,
                checkpointTimeout,
                transactionTimeout,
                restartAttempts,
                limits,
                startMillis);
    }

    private static void require(boolean ok, String name, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("invalid " + name + ": " + value);
        }
    }
}
