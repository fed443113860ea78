package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.cli.embedded.EmbeddedKafka;
import io.dipstream.frames.SizeLimits;
import io.dipstream.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kafka-config} reaches every Kafka client of a run: against a broker that takes only
 * SASL/PLAIN logins, a restore with the right credentials goes through topic setup, ingest, the
 * job's source and sinks and the sink; one with a wrong password is refused at topic setup, before
 * any job starts, with a message that says so, exit 2, and nothing written.
 */
class SecureBrokerITCase {
    private static final int FRAMES = 4;
    private static EmbeddedKafka broker;

    @TempDir Path dir;

    @BeforeAll
    static void start() {
        broker = EmbeddedKafka.startWithLogins(SizeLimits.DEFAULT, Map.of("alice", "s3cret"));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private Path clientConfig(String password) throws Exception {
        return Files.writeString(
                dir.resolve(password + ".properties"),
                "security.protocol=SASL_PLAINTEXT\n"
                        + "sasl.mechanism=PLAIN\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
                        + " required username=\"alice\" password=\""
                        + password
                        + "\";\n");
    }

    private String[] restore(Path in, Path out, Path config) {
        return RestorePipelineITCase.concat(
                new String[] {
                    "restore",
                    "-i",
                    in.toString(),
                    "-o",
                    out.toString(),
                    "--bootstrap-servers",
                    broker.bootstrapServers(),
                    "--kafka-config",
                    config.toString(),
                    "--first-iterations",
                    "20",
                    "--frame-iterations",
                    "5"
                },
                new String[] {"--preset", "fast", "--threads", "1", "--no-progress"});
    }

    @Test
    void theRightCredentialsRestoreTheVideo() throws Exception {
        Path in = MovingClip.write(dir.resolve("in.mkv"), FRAMES);
        Path out = dir.resolve("out.mkv");
        CapturedRun r = CapturedRun.of(restore(in, out, clientConfig("s3cret")));
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(TestMedia.rgbFrames(out)).hasSize(FRAMES);
    }

    @Test
    void aWrongPasswordIsRefusedSayingSo() throws Exception {
        Path in = MovingClip.write(dir.resolve("in.mkv"), FRAMES);
        Path out = dir.resolve("out.mkv");
        CapturedRun r = CapturedRun.of(restore(in, out, clientConfig("wrong")));
        assertThat(r.rc()).as(r.err()).isEqualTo(2);
        String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last)
                .startsWith("dipstream: Kafka at " + broker.bootstrapServers())
                .contains("refused this client")
                .contains("--kafka-config")
                .doesNotContain("wrong\"");
        assertThat(out).doesNotExist();
    }
}
