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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records the job cannot use on the input topic, beside a real stream: bytes that are no record at
 * all and a record of a schema version this code does not know. Both go to the dead-letter topic
 * with their reason; the real stream is restored in full.
 */
class PoisonRecordITCase {
    @TempDir Path dir;

    @Test
    void poisonAndUnknownVersionsAreDeadLetteredAndTheOtherStreamGoesOn() throws Exception {
        Path in = MovingClip.write(dir.resolve("clip.mkv"), 6);
        Path out = dir.resolve("restored.mkv");
        try (EmbeddedKafka broker = EmbeddedKafka.start(SizeLimits.DEFAULT)) {
            String servers = broker.bootstrapServers();
            TopicSetup.ensure(broker.connection(), SizeLimits.DEFAULT, 1, (short) 1);
            JobConfig jc =
                    JobConfig.defaults(broker.connection())
                            .withCheckpointInterval(Duration.ofMillis(300))
                            .forRun("poison", "poison", -1);
            try (LocalJob job =
                    LocalJob.start(jc, new Workers(1, 1), null, null, FrameFaults.NONE)) {
                byte[] garbage = new byte[500];
                new Random(5).nextBytes(garbage);
                Envelope future =
                        Envelope.newBuilder()
                                .setVersion(Records.VERSION + 7)
                                .setStreamId("from-the-future")
                                .build();
                send(servers, "garbage", garbage);
                send(servers, "from-the-future", future.toByteArray());
                CapturedRun r =
                        CapturedRun.of(
                                "restore",
                                "--bootstrap-servers",
                                servers,
                                "--external-job",
                                "--stream-id",
                                "real",
                                "-i",
                                in.toString(),
                                "-o",
                                out.toString(),
                                "--task",
                                "passthrough",
                                "--no-progress");
                assertThat(r.rc()).as(r.out() + r.err()).isZero();
            }
            List<String> reasons = deadLetters(servers);
            assertThat(reasons).hasSize(2);
            assertThat(reasons.get(0)).startsWith("garbage: ");
            assertThat(reasons.get(1))
                    .startsWith("from-the-future: ")
                    .contains("record version " + (Records.VERSION + 7) + " is not supported");
        }
        assertThat(TestMedia.rgbFrames(out)).hasSize(6);
    }

    private static void send(String servers, String key, byte[] value) throws Exception {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.setProperty(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.setProperty(
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(
                            new ProducerRecord<>(
                                    Topics.FRAMES, key.getBytes(StandardCharsets.UTF_8), value))
                    .get();
        }
    }

    /** "key: reason" of each record on the dead-letter topic, in order. */
    private static List<String> deadLetters(String servers) {
        List<String> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.of(servers, Topics.DEAD_LETTER)) {
            var reason = r.headers().lastHeader(Topics.REASON);
            out.add(
                    new String(r.key(), StandardCharsets.UTF_8)
                            + ": "
                            + (reason == null
                                    ? ""
                                    : new String(reason.value(), StandardCharsets.UTF_8)));
        }
        return out;
    }
}
