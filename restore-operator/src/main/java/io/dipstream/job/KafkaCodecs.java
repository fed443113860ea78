package io.dipstream.job;

import io.dipstream.frames.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Moves records between Kafka and the job without interpreting them: parsing happens in the keyed
 * operator, which dead-letters what it cannot use instead of failing the source.
 */
public final class KafkaCodecs {
    private KafkaCodecs() {}

    /** Kafka record → (key, value). Never throws: a null key or value becomes empty. */
    public static final class Reader
            implements KafkaRecordDeserializationSchema<Tuple2<String, byte[]>> {
        @Override
        public void deserialize(
                ConsumerRecord<byte[], byte[]> r, Collector<Tuple2<String, byte[]>> out) {
            out.collect(
                    Tuple2.of(
                            KeyedRecords.key(r.key()),
                            r.value() == null ? new byte[0] : r.value()));
        }

        @Override
        public TypeInformation<Tuple2<String, byte[]>> getProducedType() {
            return KeyedRecords.RECORD;
        }
    }

    /** (key, value) → a record on {@code topic}; the key keeps a stream on one partition. */
    public static final class Writer
            implements KafkaRecordSerializationSchema<Tuple2<String, byte[]>> {
        private final String topic;

        public Writer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                Tuple2<String, byte[]> e, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, KeyedRecords.key(e.f0), e.f1);
        }
    }

    /** A dead letter → the original key and bytes, with the reason in a header. */
    public static final class DeadLetterWriter
            implements KafkaRecordSerializationSchema<Tuple3<String, String, byte[]>> {
        private final String topic;

        public DeadLetterWriter(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(
                Tuple3<String, String, byte[]> e, KafkaSinkContext context, Long timestamp) {
            ProducerRecord<byte[], byte[]> r =
                    new ProducerRecord<>(topic, KeyedRecords.key(e.f0), e.f2);
            r.headers().add(Topics.REASON, e.f1.getBytes(StandardCharsets.UTF_8));
            return r;
        }
    }
}
