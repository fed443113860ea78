package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.cli.embedded.EmbeddedKafka;
import io.dipstream.cli.embedded.LocalJob;
import io.dipstream.cli.embedded.TopicSetup;
import io.dipstream.frames.Records;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.Topics;
import io.dipstream.frames.proto.Envelope;
import io.dipstream.job.FrameFaults;
import io.dipstream.job.JobConfig;
import io.dipstream.job.Workers;
import io.dipstream.testing.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once under failures, in the style of flink-connector-kafka's failover tests: a real
 * broker and a Flink MiniCluster, the restore operator failing before ten frames chosen at random
 * and the broker restarted mid-stream; the output must be that of an undisturbed run, frame for
 * frame, and the restored topic must hold each frame once.
 */
class FailoverITCase {
    private static final int FRAMES = 24;
    private static final int FAILURES = 10;

    @TempDir Path dir;

    /** Fails the first time each of {@code frames} is about to be restored, in this JVM. */
    record FailAt(String run, Set<Long> frames) implements FrameFaults {
        static final Map<String, Set<Long>> FIRED = new ConcurrentHashMap<>();
        static final List<Long> WHEN = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeFrame(String key, long index) {
            if (frames.contains(index)
                    && FIRED.computeIfAbsent(run, k -> ConcurrentHashMap.newKeySet()).add(index)) {
                WHEN.add(System.nanoTime());
                throw new IllegalStateException("injected failure before frame " + index);
            }
        }

        int fired() {
            return FIRED.getOrDefault(run, Set.of()).size();
        }
    }

    @Test
    void everyFrameOnceThroughTenFailuresAndABrokerRestart() throws Exception {
        Path in = MovingClip.write(dir.resolve("noisy.mkv"), FRAMES);
        Path ref = dir.resolve("undisturbed.mkv");
        long tRef = System.nanoTime();
        CapturedRun undisturbed =
                CapturedRun.of(
                        RestorePipelineITCase.concat(
                                new String[] {"restore", "-i", in.toString(), "-o", ref.toString()},
                                MovingClip.settings()));
        assertThat(undisturbed.rc()).as(undisturbed.err()).isZero();

        Random rng = new Random(12);
        Set<Long> at = new TreeSet<>();
        while (at.size() < FAILURES) {
            at.add(1 + (long) rng.nextInt(FRAMES - 1));
        }
        FailAt faults = new FailAt(UUID.randomUUID().toString(), at);
        Path out = dir.resolve("recovered.mkv");
        String stream = "failover-" + UUID.randomUUID();
        AtomicBoolean restarted = new AtomicBoolean();
        long[] restartedAt = new long[1];
        long ended;
        long t0 = System.nanoTime();
        Map<Long, Integer> committed;
        try (EmbeddedKafka broker = EmbeddedKafka.start(SizeLimits.DEFAULT)) {
            String servers = broker.bootstrapServers();
            TopicSetup.ensure(broker.connection(), SizeLimits.DEFAULT, 1, (short) 1);
            JobConfig jc =
                    JobConfig.defaults(broker.connection())
                            .withCheckpointInterval(Duration.ofMillis(300))
                            .withRestartAttempts(100)
                            .forRun("failover", "failover", -1);
            try (LocalJob job = LocalJob.start(jc, new Workers(1, 1), null, null, faults)) {
                Thread restarter =
                        new Thread(
                                () -> {
                                    while (faults.fired() < FAILURES / 2) {
                                        try {
                                            Thread.sleep(20);
                                        } catch (InterruptedException e) {
                                            return;
                                        }
                                    }
                                    broker.restart();
                                    restartedAt[0] = System.nanoTime();
                                    restarted.set(true);
                                });
                restarter.setDaemon(true);
                restarter.start();
                CapturedRun r =
                        CapturedRun.of(
                                RestorePipelineITCase.concat(
                                        new String[] {
                                            "restore",
                                            "--bootstrap-servers",
                                            servers,
                                            "--external-job",
                                            "--stream-id",
                                            stream,
                                            "-i",
                                            in.toString(),
                                            "-o",
                                            out.toString()
                                        },
                                        without(MovingClip.settings(), "--threads", "1")));
                ended = System.nanoTime();
                java.nio.file.Files.writeString(Path.of("target", "failover-run.log"), r.err());
                assertThat(r.rc()).as(r.out() + r.err()).isZero();
                restarter.join(10_000);
            }
            committed = committedFrames(servers, stream);
        }

        List<byte[]> a = TestMedia.rgbFrames(ref);
        List<byte[]> b = TestMedia.rgbFrames(out);
        int duplicates = 0;
        int missing = 0;
        for (long i = 0; i < FRAMES; i++) {
            int n = committed.getOrDefault(i, 0);
            duplicates += Math.max(0, n - 1);
            missing += n == 0 ? 1 : 0;
        }
        int identical = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            identical += java.util.Arrays.equals(a.get(i), b.get(i)) ? 1 : 0;
        }
        System.out.printf(
                "failover: failures_injected=%d at frames %s, broker_restarts=%d,"
                        + " frames_expected=%d, frames_written=%d, committed_duplicates=%d,"
                        + " missing=%d, identical_to_undisturbed=%d%n",
                faults.fired(),
                at,
                restarted.get() ? 1 : 0,
                FRAMES,
                b.size(),
                duplicates,
                missing,
                identical);
        StringBuilder when = new StringBuilder();
        for (long w : FailAt.WHEN) {
            when.append(String.format(" %.1f", (w - t0) / 1e9));
        }
        System.out.printf(
                "failover: seconds after the start: failures at%s; broker back at %.1f; run ended"
                        + " at %.1f (undisturbed run: %.1f s before)%n",
                when, (restartedAt[0] - t0) / 1e9, (ended - t0) / 1e9, (t0 - tRef) / 1e9);
        assertThat(faults.fired()).isEqualTo(FAILURES);
        assertThat(restarted).isTrue();
        assertThat(duplicates).isZero();
        assertThat(missing).isZero();
        assertThat(b).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(b.get(i)).as("frame %d", i).isEqualTo(a.get(i));
        }
    }

    /** {@code args} without the option {@code name} and its value. */
    private static String[] without(String[] args, String name, String value) {
        List<String> out = new ArrayList<>(List.of(args));
        int i = out.indexOf(name);
        assertThat(out.get(i + 1)).isEqualTo(value);
        out.remove(i + 1);
        out.remove(i);
        return out.toArray(String[]::new);
    }

    /** How many times each frame index of {@code stream} is in a committed transaction. */
    private static Map<Long, Integer> committedFrames(String servers, String stream)
            throws Exception {
        Map<Long, Integer> counts = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.of(servers, Topics.RESTORED)) {
            Envelope e = Records.parse(r.value());
            if (e.getStreamId().equals(stream) && e.hasFrame()) {
                counts.merge(e.getFrame().getIndex(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
