package io.dipstream.sink;

import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.StreamKey;
import io.dipstream.frames.Topics;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Writes one restored stream from {@link Topics#RESTORED} to a video file; a tiled stream's tiles
 * (keys {@link StreamKey#part}) are put back together first ({@link TileAssembly}), and of a stream
 * cut in time each segment gives the frames it owns (its lead-in frames are dropped).
 *
 * <p>Guarantees: reads only committed records ({@code read_committed}), so frames of an aborted
 * transaction never reach the file; writes frames in index order, each once; the file appears under
 * its name only after the end marker arrived and every frame 0..n-1 was written (until then it is a
 * temporary file, deleted on failure). A record of the stream on {@link Topics#DEAD_LETTER} stops
 * the sink with the job's reason.
 */
public final class StreamSink {
    /** What the caller hears while the stream is written. */
    public interface Listener {
        /** The restored stream's header arrived. */
        default void header(StreamHeader h) {}

        /** {@code n} frames are written. */
        default void written(long n, FrameRecord last) {}
    }

    /** The written stream. */
    public record Result(StreamHeader header, long frames, Path output) {}

    private StreamSink() {}

    /** Consumer settings: read_committed, no group (partitions assigned), size limits. */
    public static Properties consumerConfig(KafkaConnection kafka, SinkSpec spec) {
        Map<String, String> own = new HashMap<>(spec.limits().consumer());
        own.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        own.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        own.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        own.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "16");
        own.put(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        own.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return kafka.properties(own);
    }

    /**
     * Reads the stream until its end marker and writes the file; returns when the file is final.
     * Stops (deleting the temporary file) when {@code cancelled} turns true or nothing arrives for
     * the spec's idle timeout.
     */
    public static Result run(
            KafkaConnection kafka, SinkSpec spec, Listener listener, BooleanSupplier cancelled) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerConfig(kafka, spec))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : List.of(Topics.RESTORED, Topics.DEAD_LETTER)) {
                consumer.partitionsFor(t)
                        .forEach(p -> parts.add(new TopicPartition(t, p.partition())));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            try (StreamWriting w = new StreamWriting(spec, listener)) {
                long lastSeen = System.nanoTime();
                while (!w.done()) {
                    if (cancelled.getAsBoolean()) {
                        throw new IllegalStateException(
                                "stream " + spec.streamId() + ": cancelled");
                    }
                    boolean any = false;
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        String key = key(r);
                        if (spec.streamId().equals(StreamKey.stream(key))) {
                            any = true;
                            w.accept(r, key);
                        }
                    }
                    long now = System.nanoTime();
                    if (any) {
                        lastSeen = now;
                    } else if (now - lastSeen > spec.idleTimeout().toNanos()) {
                        throw new IllegalStateException(
                                "stream "
                                        + spec.streamId()
                                        + ": nothing arrived for "
                                        + spec.idleTimeout().toSeconds()
                                        + " s after "
                                        + w.written()
                                        + " frames");
                    }
                }
                return w.finish();
            }
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    }
}
