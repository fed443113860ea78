package io.dipstream.sink;

import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.RejectedRecordException;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.RestoreStats;
import io.dipstream.frames.proto.Tile;
import io.dipstream.frames.tiles.TileBlender;
import io.dipstream.frames.tiles.TileGrid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the restored tiles of a tiled stream and hands out each frame once all its tiles are in,
 * blended by {@link TileBlender}; its stats are the tiles' together (iterations and seconds summed,
 * cold, cut, underfit or rewound if any tile was).
 *
 * <p>Tiles wait as the compressed records they came in, so a lagging tile holds back frames at
 * their compressed size, not as decoded pixels.
 */
final class TileAssembly {
    private final Tile layout;
    private final TileBlender blender;
    private final Map<Long, FrameRecord[]> waiting = new HashMap<>();

    /** The assembly for the grid {@code layout} describes, restored at {@code factor}. */
    TileAssembly(Tile layout, int factor) {
        this.layout = layout;
        this.blender =
                new TileBlender(
                        new TileGrid(
                                layout.getFrameWidth(),
                                layout.getFrameHeight(),
                                layout.getSize(),
                                layout.getOverlap()),
                        Math.max(1, factor));
        if (blender.grid().count() != layout.getCount()) {
            throw new IllegalStateException(
                    "a tile header says "
                            + layout.getCount()
                            + " tiles where its grid has "
                            + blender.grid().count());
        }
    }

    int width() {
        return blender.width();
    }

    int height() {
        return blender.height();
    }

    /** Whether {@code other} (another tile's header) describes the same grid. */
    boolean sameGrid(Tile other) {
        return other.getCount() == layout.getCount()
                && other.getFrameWidth() == layout.getFrameWidth()
                && other.getFrameHeight() == layout.getFrameHeight()
                && other.getSize() == layout.getSize()
                && other.getOverlap() == layout.getOverlap();
    }

    /** Tiles per frame. */
    int count() {
        return layout.getCount();
    }

    /** Frames with some but not all tiles in. */
    int waiting() {
        return waiting.size();
    }

    /**
     * Takes tile {@code tile} of frame {@code f.getIndex()}; returns the whole frame when this was
     * its last tile, else null.
     *
     * @throws IllegalArgumentException when the tile index is outside the grid or already in
     * @throws RejectedRecordException when a tile's pixels do not decode
     */
    FrameRecord offer(int tile, FrameRecord f) throws RejectedRecordException {
        if (tile < 0 || tile >= layout.getCount()) {
            throw new IllegalArgumentException(
                    "tile " + tile + " is outside the grid of " + layout.getCount());
        }
        FrameRecord[] parts =
                waiting.computeIfAbsent(f.getIndex(), i -> new FrameRecord[layout.getCount()]);
        if (parts[tile] != null) {
            throw new IllegalArgumentException(
                    "tile " + tile + " of frame " + f.getIndex() + " arrived twice");
        }
        parts[tile] = f;
        if (Arrays.stream(parts).anyMatch(p -> p == null)) {
            return null;
        }
        waiting.remove(f.getIndex());
        return whole(parts);
    }

    private FrameRecord whole(FrameRecord[] parts) throws RejectedRecordException {
        List<byte[]> planes = new ArrayList<>(parts.length);
        for (FrameRecord p : parts) {
            planes.add(PlaneCodec.decode(p.getRgb()));
        }
        byte[] rgb = blender.blend(planes, 3);
        return parts[0].toBuilder()
                .setRgb(PlaneCodec.encode(rgb, blender.width(), blender.height(), 3))
                .setStats(stats(parts))
                .build();
    }

    private static RestoreStats stats(FrameRecord[] parts) {
        RestoreStats.Builder s = parts[0].getStats().toBuilder();
        int iterations = 0;
        int backtracks = 0;
        double seconds = 0;
        double loss = 0;
        double sigma = 0;
        float distance = 0;
        boolean cold = false;
        boolean cut = false;
        boolean underfit = false;
        boolean rewound = false;
        for (FrameRecord p : parts) {
            RestoreStats t = p.getStats();
            iterations += t.getIterations();
            backtracks += t.getBacktracks();
            seconds += t.getSeconds();
            loss += t.getFinalLoss();
            sigma += t.getNoiseSigma();
            distance = Math.max(distance, t.getSceneDistance());
            cold |= t.getCold();
            cut |= t.getSceneCut();
            underfit |= t.getUnderfit();
            rewound |= t.getRewound();
        }
        return s.setIterations(iterations)
                .setBacktracks(backtracks)
                .setSeconds(seconds)
                .setFinalLoss(loss / parts.length)
                .setNoiseSigma((float) (sigma / parts.length))
                .setSceneDistance(distance)
                .setCold(cold)
                .setSceneCut(cut)
                .setUnderfit(underfit)
                .setRewound(rewound)
                .build();
    }
}
