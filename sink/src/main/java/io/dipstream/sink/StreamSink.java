package io.dipstream.sink;

import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.Records;
import io.dipstream.frames.RejectedRecordException;
import io.dipstream.frames.StreamKey;
import io.dipstream.frames.Topics;
import io.dipstream.frames.proto.Envelope;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(StreamSink.class);

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
    public static Properties consumerConfig(String bootstrapServers, SinkSpec spec) {
        Properties p = new Properties();
        p.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "16");
        p.setProperty(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.setProperty(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.putAll(spec.limits().consumer());
        return p;
    }

    /**
     * Reads the stream until its end marker and writes the file; returns when the file is final.
     * Stops (deleting the temporary file) when {@code cancelled} turns true or nothing arrives for
     * the spec's idle timeout.
     */
    public static Result run(
            String bootstrapServers, SinkSpec spec, Listener listener, BooleanSupplier cancelled) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerConfig(bootstrapServers, spec))) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : List.of(Topics.RESTORED, Topics.DEAD_LETTER)) {
                consumer.partitionsFor(t)
                        .forEach(p -> parts.add(new TopicPartition(t, p.partition())));
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            try (Writing w = new Writing(spec, listener)) {
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

    /** The state of one stream being written. */
    private static final class Writing implements AutoCloseable {
        private final SinkSpec spec;
        private final Listener listener;
        private final FrameReorderer<FrameRecord> order = new FrameReorderer<>();
        private StreamHeader header;
        private VideoWriter writer;
        private long endCount = -1;

        /** Set for a tiled stream, with the count of its tiles' end markers seen. */
        private TileAssembly tiles;

        private int tileEnds;

        /** Segments of the stream (1 unless cut in time), and each part's first emitted frame. */
        private int segments = 1;

        private final Map<String, Long> firstEmitted = new HashMap<>();

        Writing(SinkSpec spec, Listener listener) {
            this.spec = spec;
            this.listener = listener;
        }

        /** A record of the stream, or of its tile {@code tile} (-1 for a whole stream's). */
        void accept(ConsumerRecord<byte[], byte[]> r, String key) {
            int tile = StreamKey.tileOf(key);
            if (Topics.DEAD_LETTER.equals(r.topic())) {
                Header reason = r.headers().lastHeader(Topics.REASON);
                throw new IllegalStateException(
                        "stream "
                                + spec.streamId()
                                + ": the restore job rejected a record: "
                                + (reason == null
                                        ? "(no reason given)"
                                        : new String(reason.value(), StandardCharsets.UTF_8)));
            }
            Envelope e;
            try {
                e = Records.parse(r.value());
            } catch (RejectedRecordException ex) {
                LOG.warn("stream {}: skipping a record: {}", spec.streamId(), ex.getMessage());
                return;
            }
            switch (e.getBodyCase()) {
                case HEADER -> onHeader(e.getHeader(), key, tile);
                case FRAME -> {
                    if (e.getFrame().getIndex() >= firstEmitted.getOrDefault(key, 0L)) {
                        onFrame(e.getFrame(), tile);
                    }
                    // else: a segment's lead-in frame, restored only to warm its weights
                }
                default -> onEnd(e.getEnd().getFrameCount(), tile);
            }
            writeReady();
            if (ended() >= 0) {
                checkComplete();
            }
        }

        private void onFrame(FrameRecord f, int tile) {
            if (tile >= 0) {
                if (tiles == null) {
                    throw new IllegalStateException(
                            "stream "
                                    + spec.streamId()
                                    + ": a tile's frame before any tile header");
                }
                if (f.getIndex() < order.next()) {
                    LOG.info(
                            "stream {}: duplicate tile {} of frame {} dropped",
                            spec.streamId(),
                            tile,
                            f.getIndex());
                    return;
                }
                try {
                    f = tiles.offer(tile, f);
                } catch (IllegalArgumentException ex) {
                    LOG.info("stream {}: {}; dropped", spec.streamId(), ex.getMessage());
                    return;
                } catch (RejectedRecordException ex) {
                    throw new IllegalStateException(
                            "stream " + spec.streamId() + ": tile " + tile + ": " + ex.getMessage(),
                            ex);
                }
                if (f == null) {
                    return;
                }
            }
            if (!order.offer(f.getIndex(), f)) {
                LOG.info("stream {}: duplicate frame {} dropped", spec.streamId(), f.getIndex());
            }
        }

        private void onEnd(long count, int tile) {
            if (tile < 0) {
                endCount = count;
                return;
            }
            if (tiles == null) {
                throw new IllegalStateException(
                        "stream " + spec.streamId() + ": a tile's end marker before its header");
            }
            if (tileEnds > 0 && count != endCount) {
                throw new IllegalStateException(
                        String.format(
                                "stream %s: tile %d ends after %d frames, another after %d",
                                spec.streamId(), tile, count, endCount));
            }
            tileEnds++;
            endCount = count;
        }

        /** The end count once every part of the stream has ended, else -1. */
        private long ended() {
            return tiles == null || tileEnds == tiles.count() * segments ? endCount : -1;
        }

        /** Records of a stream share one partition: nothing of it can follow its end marker. */
        private void checkComplete() {
            if (writer == null) {
                throw new IllegalStateException(
                        "stream " + spec.streamId() + ": end marker without a header");
            }
            long missing = order.firstMissing(endCount);
            if (missing >= 0) {
                throw new IllegalStateException(
                        "stream "
                                + spec.streamId()
                                + ": frame "
                                + missing
                                + " of "
                                + endCount
                                + " never arrived");
            }
        }

        private void onHeader(StreamHeader h, String key, int tile) {
            if (h.hasSegment()) {
                segments = h.getSegment().getCount();
                firstEmitted.put(key, h.getSegment().getFirstFrame());
            }
            if (tile >= 0 != h.hasTile()) {
                throw new IllegalStateException(
                        "stream "
                                + spec.streamId()
                                + ": a header "
                                + (h.hasTile()
                                        ? "of a tile under a whole stream's key"
                                        : "without its tile under a tile's key"));
            }
            if (h.hasTile()) {
                if (tiles != null) {
                    if (!tiles.sameGrid(h.getTile())) {
                        throw new IllegalStateException(
                                "stream " + spec.streamId() + ": its tiles disagree on the grid");
                    }
                    return;
                }
                tiles = new TileAssembly(h.getTile(), h.getFactor());
                // The file and the listener see the whole frame, not the tile.
                h = h.toBuilder().setWidth(tiles.width()).setHeight(tiles.height()).build();
            }
            if (header != null) {
                return;
            }
            header = h;
            Path audio = spec.audioSource();
            if (audio == null && h.getHasAudio() && Files.isReadable(Path.of(h.getSource()))) {
                audio = Path.of(h.getSource());
            }
            writer =
                    VideoWriter.open(
                            spec.output(),
                            new WriterSpec(
                                    h.getWidth(),
                                    h.getHeight(),
                                    h.getFps(),
                                    spec.codec(),
                                    spec.crf(),
                                    spec.x264Preset(),
                                    audio));
            listener.header(h);
        }

        private void writeReady() {
            if (writer == null) {
                return;
            }
            for (FrameRecord f : order.drain()) {
                try {
                    writer.write(PlaneCodec.decode(f.getRgb()), f.getPtsMicros());
                } catch (RejectedRecordException ex) {
                    throw new IllegalStateException(
                            "stream "
                                    + spec.streamId()
                                    + ": frame "
                                    + f.getIndex()
                                    + ": "
                                    + ex.getMessage(),
                            ex);
                }
                listener.written(order.next(), f);
            }
        }

        boolean done() {
            return writer != null && ended() >= 0 && order.next() >= endCount;
        }

        long written() {
            return order.next();
        }

        Result finish() {
            if (order.waiting() > 0 || (tiles != null && tiles.waiting() > 0)) {
                throw new IllegalStateException(
                        "stream " + spec.streamId() + ": frames past the end marker's " + endCount);
            }
            writer.finish();
            return new Result(header, order.next(), spec.output());
        }

        @Override
        public void close() {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
