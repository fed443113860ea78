package io.dipstream.ingest;

import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.Records;
import io.dipstream.frames.RejectedRecordException;
import io.dipstream.frames.StreamKey;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.Plane;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.Tile;
import io.dipstream.frames.tiles.TileGrid;
import io.dipstream.frames.tiles.TileRect;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream into the streams of its tiles: one header per tile (the tile's size and place, its
 * own configuration hash) and, per frame, one record per tile with every plane (pixels, target,
 * mask, flash frame) cropped to it. The multi-frame target is registered on the whole frame before
 * it is cut, so a tile's target sees the motion of the whole scene.
 */
final class FrameTiler {
    private final String streamId;
    private final TileGrid grid;
    private final List<TileRect> tiles;
    private final List<String> keys = new ArrayList<>();

    FrameTiler(String streamId, TileGrid grid, int firstSlot) {
        this.streamId = streamId;
        this.grid = grid;
        this.tiles = grid.tiles();
        for (TileRect t : tiles) {
            keys.add(StreamKey.tile(streamId, t.index(), firstSlot + t.index()));
        }
    }

    /** The key (and envelope stream id) of each tile, in tile order. */
    List<String> keys() {
        return keys;
    }

    /** Each tile's header, from the whole stream's. */
    List<StreamHeader> headers(StreamHeader whole) {
        List<StreamHeader> out = new ArrayList<>(tiles.size());
        for (TileRect t : tiles) {
            StreamHeader h =
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
                                            .setSize(grid.tileSize()))
                            .build();
            out.add(h.toBuilder().setConfigHash(Records.configHash(h)).build());
        }
        return out;
    }

    /** The frame's record for each tile, in tile order. */
    List<FrameRecord> cut(FrameRecord f) {
        List<FrameRecord> out = new ArrayList<>(tiles.size());
        for (TileRect t : tiles) {
            FrameRecord.Builder b = f.toBuilder();
            b.setRgb(crop(f.getRgb(), t, f.getIndex(), "rgb"));
            if (f.hasTarget()) {
                b.setTarget(crop(f.getTarget(), t, f.getIndex(), "target"));
            }
            if (f.hasMask()) {
                b.setMask(crop(f.getMask(), t, f.getIndex(), "mask"));
            }
            if (f.hasGuide()) {
                b.setGuide(crop(f.getGuide(), t, f.getIndex(), "guide"));
            }
            out.add(b.build());
        }
        return out;
    }

    private Plane crop(Plane p, TileRect t, long index, String what) {
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
            byte[] px = PlaneCodec.decode(p);
            return PlaneCodec.encode(
                    t.crop(px, p.getWidth(), p.getChannels()),
                    t.width(),
                    t.height(),
                    p.getChannels());
        } catch (RejectedRecordException e) {
            throw new IllegalStateException("a plane ingest just encoded does not decode", e);
        }
    }
}
