package io.dipstream.ingest;

import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.Records;
import io.dipstream.frames.RejectedRecordException;
import io.dipstream.frames.StreamKey;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.Plane;
import io.dipstream.frames.proto.Segment;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.Tile;
import io.dipstream.frames.segments.SegmentRange;
import io.dipstream.frames.tiles.TileGrid;
import io.dipstream.frames.tiles.TileRect;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream into the streams of its parts, tiles × time segments: one header per part (the
 * tile's size and place, the segment's frames, its own configuration hash) and, per frame, one
 * record per tile for every segment that restores the frame (its own, and the next one's lead-in),
 * with every plane (pixels, target, mask, flash frame) cropped to the tile. The multi-frame target
 * is registered on the whole frame before it is cut, so a tile's target sees the motion of the
 * whole scene.
 *
 * <p>Parts are numbered segment by segment, tile by tile within each; part {@code p}'s key has slot
 * {@code firstSlot + p}.
 */
final class StreamParts {
    /** One record for one part. */
    record Part(int part, FrameRecord record) {}

    private final String streamId;
    private final TileGrid grid;
    private final List<TileRect> tiles;
    private final List<SegmentRange> segments;
    private final List<String> keys = new ArrayList<>();

    StreamParts(String streamId, TileGrid grid, List<SegmentRange> segments, int firstSlot) {
        this.streamId = streamId;
        this.grid = grid;
        this.tiles = grid.tiles();
        this.segments = segments;
        for (SegmentRange s : segments) {
            for (TileRect t : tiles) {
                keys.add(StreamKey.part(streamId, s.index(), t.index(), firstSlot + keys.size()));
            }
        }
    }

    /** The key (and envelope stream id) of each part, in part order. */
    List<String> keys() {
        return keys;
    }

    /** Each part's header, from the whole stream's. */
    List<StreamHeader> headers(StreamHeader whole) {
        List<StreamHeader> out = new ArrayList<>(keys.size());
        for (SegmentRange s : segments) {
            for (TileRect t : tiles) {
                StreamHeader.Builder b =
                        whole.toBuilder()
                                .setWidth(t.width())
                                .setHeight(t.height())
                                .setTile(
                                        Tile.newBuilder()
                                                .setIndex(t.index())
                                                .setCount(tiles.size())
                                                .setX(t.x())
                                                .setY(t.y())
                                                .setFrameWidth(grid.frameWidth())
                                                .setFrameHeight(grid.frameHeight())
                                                .setOverlap(grid.overlap())
                                                .setSize(grid.tileSize()));
                if (segments.size() > 1) {
                    b.setSegment(
                            Segment.newBuilder()
                                    .setIndex(s.index())
                                    .setCount(segments.size())
                                    .setFirstFrame(s.first())
                                    .setEndFrame(s.end())
                                    .setLeadIn(s.leadIn()));
                }
                StreamHeader h = b.build();
                out.add(h.toBuilder().setConfigHash(Records.configHash(h)).build());
            }
        }
        return out;
    }

    /** The frame's records: every tile, for every segment that restores it. */
    List<Part> cut(FrameRecord f) {
        List<FrameRecord> cropped = grid.tiled() ? cropTiles(f) : List.of(f);
        List<Part> out = new ArrayList<>();
        for (SegmentRange s : segments) {
            if (s.restores(f.getIndex())) {
                for (TileRect t : tiles) {
                    out.add(new Part(s.index() * tiles.size() + t.index(), cropped.get(t.index())));
                }
            }
        }
        return out;
    }

    /** Every tile's record, each plane decoded once for all tiles. */
    private List<FrameRecord> cropTiles(FrameRecord f) {
        Decoded rgb = new Decoded(f.getRgb(), f.getIndex(), "rgb");
        Decoded target = f.hasTarget() ? new Decoded(f.getTarget(), f.getIndex(), "target") : null;
        Decoded mask = f.hasMask() ? new Decoded(f.getMask(), f.getIndex(), "mask") : null;
        Decoded guide = f.hasGuide() ? new Decoded(f.getGuide(), f.getIndex(), "guide") : null;
        List<FrameRecord> out = new ArrayList<>(tiles.size());
        for (TileRect t : tiles) {
            FrameRecord.Builder b = f.toBuilder().setRgb(rgb.crop(t));
            if (target != null) {
                b.setTarget(target.crop(t));
            }
            if (mask != null) {
                b.setMask(mask.crop(t));
            }
            if (guide != null) {
                b.setGuide(guide.crop(t));
            }
            out.add(b.build());
        }
        return out;
    }

    /** One plane of the whole frame, decoded, to be cut into tiles. */
    private final class Decoded {
        private final byte[] samples;
        private final int channels;

        Decoded(Plane p, long index, String what) {
            if (p.getWidth() != grid.frameWidth() || p.getHeight() != grid.frameHeight()) {
                throw new IllegalStateException(
                        String.format(
                                "stream %s frame %d: the %s plane is %dx%d, not the frame's %dx%d",
                                streamId,
                                index,
                                what,
                                p.getWidth(),
                                p.getHeight(),
                                grid.frameWidth(),
                                grid.frameHeight()));
            }
            try {
                samples = PlaneCodec.decode(p);
            } catch (RejectedRecordException e) {
                throw new IllegalStateException("a plane ingest just encoded does not decode", e);
            }
            channels = p.getChannels();
        }

        Plane crop(TileRect t) {
            return PlaneCodec.encode(
                    t.crop(samples, grid.frameWidth(), channels), t.width(), t.height(), channels);
        }
    }
}
