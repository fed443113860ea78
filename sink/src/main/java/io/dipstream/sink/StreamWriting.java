package io.dipstream.sink;

import io.dipstream.frames.ClaimChecks;
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
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one stream that {@link StreamSink} writes: its header, the writer, the frames
 * waiting for their turn ({@link WaitingFrames}, on disk past the spec's memory budget), a tiled
 * stream's {@link TileAssembly} and its parts' end markers and lead-ins.
 */
final class StreamWriting implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamWriting.class);

    private final SinkSpec spec;
    private final StreamSink.Listener listener;
    private final WaitingFrames order;
    private StreamHeader header;
    private VideoWriter writer;
    private long endCount = -1;

    /** Set for a tiled stream, with the count of its tiles' end markers seen. */
    private TileAssembly tiles;

    /** The parts whose end marker arrived (a resumed run may send one again). */
    private final java.util.Set<String> endedParts = new java.util.HashSet<>();

    /** Segments of the stream (1 unless cut in time), and each part's first emitted frame. */
    private int segments = 1;

    private final Map<String, Long> firstEmitted = new HashMap<>();

    StreamWriting(SinkSpec spec, StreamSink.Listener listener) {
        this.spec = spec;
        this.listener = listener;
        this.order = new WaitingFrames(spec.memoryBudget(), spec.output());
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
        try {
            e = ClaimChecks.resolve(e, spec.limits());
        } catch (RejectedRecordException ex) {
            // The frame is known to exist and cannot be had: the file would miss it.
            throw new IllegalStateException(
                    "stream " + spec.streamId() + ": " + ex.getMessage(), ex);
        }
        switch (e.getBodyCase()) {
            case HEADER -> onHeader(e.getHeader(), key, tile);
            case FRAME -> {
                if (e.getFrame().getIndex() >= firstEmitted.getOrDefault(key, 0L)) {
                    onFrame(e.getFrame(), tile);
                }
                // else: a segment's lead-in frame, restored only to warm its weights
            }
            default -> onEnd(e.getEnd().getFrameCount(), key, tile);
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
                        "stream " + spec.streamId() + ": a tile's frame before any tile header");
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
        if (!order.offer(f)) {
            LOG.info("stream {}: duplicate frame {} dropped", spec.streamId(), f.getIndex());
        }
    }

    private void onEnd(long count, String key, int tile) {
        if (tile < 0) {
            endCount = count;
            return;
        }
        if (tiles == null) {
            throw new IllegalStateException(
                    "stream " + spec.streamId() + ": a tile's end marker before its header");
        }
        if (!endedParts.isEmpty() && count != endCount) {
            throw new IllegalStateException(
                    String.format(
                            "stream %s: tile %d ends after %d frames, another after %d",
                            spec.streamId(), tile, count, endCount));
        }
        endedParts.add(key);
        endCount = count;
    }

    /** The end count once every part of the stream has ended, else -1. */
    private long ended() {
        return tiles == null || endedParts.size() == tiles.count() * segments ? endCount : -1;
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

    StreamSink.Result finish() {
        if (order.waiting() > 0 || (tiles != null && tiles.waiting() > 0)) {
            throw new IllegalStateException(
                    "stream " + spec.streamId() + ": frames past the end marker's " + endCount);
        }
        writer.finish();
        if (order.spilledBytes() > 0) {
            LOG.info(
                    "stream {}: {} MiB of frames waited on disk for earlier ones",
                    spec.streamId(),
                    order.spilledBytes() >> 20);
        }
        return new StreamSink.Result(header, order.next(), spec.output());
    }

    @Override
    public void close() {
        try {
            order.close();
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }
}
