package io.dipstream.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {
    @TempDir Path dir;

    private Path file(String text) throws Exception {
        return Files.writeString(dir.resolve("client.properties"), text);
    }

    @Test
    void theUsersSettingsReachTheClientOnTopOfThePipelinesOwn() throws Exception {
        Path f =
                file(
                        "security.protocol=SASL_SSL\n"
                                + "sasl.mechanism=PLAIN\n"
                                + "linger.ms = 50\n"
                                + "# a comment\n");
        KafkaConnection k = KafkaConnection.load("b1:9092,b2:9092", f);
        Properties p = k.properties(Map.of("linger.ms", "5", "compression.type", "none"));
        assertThat(p)
                .containsEntry("bootstrap.servers", "b1:9092,b2:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("linger.ms", "50")
                .containsEntry("compression.type", "none")
                .hasSize(5);
    }

    @Test
    void settingsThePipelineDependsOnAreRefusedNamingTheFileAndTheKey() throws Exception {
        for (String key :
                new String[] {
                    "bootstrap.servers",
                    "transactional.id",
                    "isolation.level",
                    "max.request.size",
                    "value.deserializer",
                    "acks"
                }) {
            Path f = file(key + "=x\n");
            assertThatThrownBy(() -> KafkaConnection.load("b:9092", f))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(f + ": " + key + " ")
                    .hasMessageEndingWith("; leave it out");
        }
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = dir.resolve("nope.properties");
        assertThatThrownBy(() -> KafkaConnection.load("b:9092", f))
                .isInstanceOf(BadInputException.class)
                .hasMessage(f + ": Kafka client settings file not found");
    }

    @Test
    void noFileMeansNoSettings() {
        assertThat(KafkaConnection.load("b:9092", null).properties(Map.of()))
                .containsOnlyKeys("bootstrap.servers");
    }

    @Test
    void passwordsStayOutOfItsTextAndItTravelsWithTheJob() throws Exception {
        Path f = file("sasl.jaas.config=PlainLoginModule required password=\"hunter2\";\n");
        KafkaConnection k = KafkaConnection.load("b:9092", f);
        assertThat(k.toString()).doesNotContain("hunter2").contains(f.toString());
        assertThat(k.describe()).doesNotContain("hunter2");
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(k);
        }
    }
}
