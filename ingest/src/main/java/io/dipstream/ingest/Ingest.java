package io.dipstream.ingest;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.ClaimChecks;
import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.Records;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.Topics;
import io.dipstream.frames.proto.Envelope;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.Rational;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.segments.SegmentRange;
import io.dipstream.frames.tiles.TileGrid;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Decodes one input and produces it to {@link Topics#FRAMES} as a stream: header, frames 0..n-1,
 * end marker, all keyed by the stream id; or, when its {@link IngestSpec#tiles()} cut the frame or
 * give it a slot, or its {@link IngestSpec#segments()} cut it in time, as one such stream per part
 * ({@link StreamParts}), keyed by the part's key; every part's end marker carries the whole
 * stream's frame count.
 *
 * <p>Guarantees: the producer is idempotent with {@code acks=all}, so a retried send neither
 * duplicates nor reorders a record; every frame record is checked against the size limit before it
 * is sent, and a larger one goes out of band through the limit's claim directory ({@link
 * ClaimChecks}) or, without one, stops the ingest with a message naming the frame; the end marker
 * is sent only after every frame was acknowledged.
 */
public final class Ingest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ingest.class);

    /** Frames between acknowledgements: what a resumed run may send a second time, at most. */
    public static final int ACK_EVERY = 8;

    private Ingest() {}

    /** The producer settings of ingest on {@code kafka}. */
    public static Properties producerConfig(KafkaConnection kafka, IngestSpec spec) {
        Map<String, String> own = new HashMap<>(spec.limits().producer());
        own.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        own.put(ProducerConfig.ACKS_CONFIG, "all");
        own.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Pixels are already compressed losslessly.
        own.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        own.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        own.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return kafka.properties(own);
    }

    /**
     * Sends the stream; {@code acked} gets the number of frames Kafka has acknowledged so far
     * (every {@link #ACK_EVERY} frames and at the end). Returns the number of frames.
     */
    public static long run(KafkaConnection kafka, IngestSpec spec, LongConsumer acked) {
        return run(kafka, spec, 0, acked);
    }

    /**
     * Sends the stream, all but its first {@code resumeAt} frames, which a run before this one has
     * sent already (they are decoded again, for the frames after them, but not sent); the header
     * and the end marker go as always.
     */
    public static long run(
            KafkaConnection kafka, IngestSpec spec, long resumeAt, LongConsumer acked) {
        try (VideoSource video = VideoSource.open(spec.input());
                FrameRecords records = FrameRecords.open(spec, video);
                Producer<byte[], byte[]> producer =
                        new KafkaProducer<>(producerConfig(kafka, spec))) {
            return send(producer, records, spec, resumeAt, acked);
        }
    }

    /**
     * Opens what {@code spec} names (the input, its mask or guide) and checks them against each
     * other as the ingest would, without sending anything: bad input is found before any work.
     * Returns the input's facts.
     */
    public static VideoInfo probe(IngestSpec spec) {
        try (VideoSource video = VideoSource.open(spec.input());
                FrameRecords records = FrameRecords.open(spec, video)) {
            if (video.next() == null) {
                throw noFrames(spec);
            }
            return video.info();
        }
    }

    static long send(
            Producer<byte[], byte[]> producer,
            FrameRecords records,
            IngestSpec spec,
            long resumeAt,
            LongConsumer acked) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        StreamHeader header = header(spec, records.info());
        TileGrid grid = spec.tiles().gridFor(header.getWidth(), header.getHeight());
        List<SegmentRange> segments;
        try {
            segments = spec.segments().ranges(records.info().estimatedFrames());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(spec.input() + ": " + e.getMessage(), e);
        }
        StreamParts parts =
                spec.tiles().keyedBySlot(grid) || spec.segments().cut()
                        ? new StreamParts(
                                spec.streamId(),
                                grid,
                                segments,
                                Math.max(0, spec.tiles().firstSlot()))
                        : null;
        List<String> ids = parts == null ? List.of(spec.streamId()) : parts.keys();
        List<StreamHeader> headers = parts == null ? List.of(header) : parts.headers(header);
        for (int i = 0; i < ids.size(); i++) {
            produce(producer, ids.get(i), Records.header(ids.get(i), headers.get(i)), failure);
        }
        long n = 0;
        for (FrameRecord f = records.next(); f != null; f = records.next()) {
            if (f.getIndex() < resumeAt) {
                n++;
                continue;
            }
            List<StreamParts.Part> cut =
                    parts == null ? List.of(new StreamParts.Part(0, f)) : parts.cut(f);
            for (StreamParts.Part p : cut) {
                String id = ids.get(p.part());
                produce(producer, id, fitted(spec, Records.frame(id, p.record())), failure);
            }
            n++;
            if (n % ACK_EVERY == 0) {
                producer.flush();
                rethrow(failure);
                acked.accept(n);
            }
        }
        producer.flush();
        rethrow(failure);
        acked.accept(n);
        if (n == 0) {
            throw noFrames(spec);
        }
        checkComplete(spec, records.info(), n);
        for (String id : ids) {
            produce(producer, id, Records.end(id, n), failure);
        }
        producer.flush();
        rethrow(failure);
        return n;
    }

    /**
     * A video that decodes to fewer frames than it declares (its frame count, or its duration times
     * its rate give or take 2%, 5% with sound) is truncated or damaged: the stream stops as bad
     * input unless the spec says to restore what decodes.
     */
    private static BadInputException noFrames(IngestSpec spec) {
        return new BadInputException(spec.input() + ": holds no video frames");
    }

    static void checkComplete(IngestSpec spec, VideoInfo info, long decoded) {
        long expected = info.estimatedFrames();
        boolean stated = info.frameCount() >= 0;
        // A duration is the container's, the longest of its streams: a sound track may run a
        // little past the picture.
        long tolerance =
                stated
                        ? 0
                        : info.hasAudio() ? Math.max(2, expected / 20) : Math.max(1, expected / 50);
        if (expected <= 0 || decoded >= expected - tolerance) {
            return;
        }
        String what =
                String.format(
                        "%s: decoded %d of the %d frames %s: the file is truncated or damaged",
                        spec.input(),
                        decoded,
                        expected,
                        stated ? "it declares" : "its duration implies");
        if (spec.decodeErrors() == IngestSpec.DecodeErrors.STOP) {
            throw new BadInputException(
                    what + " (--on-decode-error skip restores the frames that decode)");
        }
        LOG.warn("{}; restoring those {} frames (--on-decode-error skip)", what, decoded);
    }

    /** The frame's record as sent: itself, or its claim check when it is past the limit. */
    private static Envelope fitted(IngestSpec spec, Envelope e) {
        SizeLimits limits = spec.limits();
        if (ClaimChecks.fits(e, limits)) {
            return e;
        }
        if (limits.claims() == null) {
            throw new BadInputException(
                    String.format(
                            "%s: frame %d is %d bytes after lossless compression, over the"
                                    + " record limit of %d bytes (give --claim-dir DIR, a"
                                    + " directory every part of the pipeline reads, to send such"
                                    + " frames out of band; or raise --record-limit-mib on every"
                                    + " hop; or cut frames into tiles with --tile-size)",
                            spec.input(),
                            e.getFrame().getIndex(),
                            e.getSerializedSize(),
                            limits.maxRecordBytes()));
        }
        return ClaimChecks.outgoing(e, limits);
    }

    static StreamHeader header(IngestSpec spec, VideoInfo info) {
        StreamHeader h =
                spec.settings().toBuilder()
                        .setSource(spec.input().toAbsolutePath().toString())
                        .setFps(info.fps())
                        .setTimeBase(
                                Rational.newBuilder()
                                        .setNum(info.timeBaseNum())
                                        .setDen(info.timeBaseDen()))
                        .setWidth(info.width())
                        .setHeight(info.height())
                        .setFrameCount(info.frameCount())
                        .setHasAudio(info.hasAudio())
                        .setCreatedMillis(System.currentTimeMillis())
                        .build();
        return h.toBuilder().setConfigHash(Records.configHash(h)).build();
    }

    private static void produce(
            Producer<byte[], byte[]> producer,
            String key,
            Envelope e,
            AtomicReference<Exception> failure) {
        rethrow(failure);
        producer.send(
                new ProducerRecord<>(
                        Topics.FRAMES, key.getBytes(StandardCharsets.UTF_8), e.toByteArray()),
                (meta, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
    }

    private static void rethrow(AtomicReference<Exception> failure) {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("sending to Kafka failed: " + e.getMessage(), e);
        }
    }
}
