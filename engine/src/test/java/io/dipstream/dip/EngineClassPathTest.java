package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The engine module stands alone: neither Flink nor Kafka is on its class path. */
class EngineClassPathTest {
    @Test
    void neitherFlinkNorKafkaIsOnTheEnginesClassPath() {
        for (String name :
                new String[] {
                    "org.apache.flink.api.common.JobID",
                    "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment",
                    "org.apache.kafka.clients.producer.KafkaProducer",
                    "org.apache.kafka.common.TopicPartition"
                }) {
            assertThatThrownBy(() -> Class.forName(name))
                    .as(name)
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }
}
