package io.dipstream.frames.tiles;

/**
 * How a run wants its frames tiled, before the frame size is known: a fixed tile size, none, or the
 * automatic choice for a number of workers; validated on construction (messages name the option).
 *
 * @param tileSize tile side in pixels, 0 = no tiling, {@link #AUTO} = {@link TileGrid#auto}
 * @param overlap pixels shared by neighbouring tiles
 * @param workers the workers the tiles should keep busy (for the automatic choice)
 * @param firstSlot the slot of this stream's first tile among all tiles of the run (keys are spread
 *     over subtasks by slot)
 */
public record TilePlan(int tileSize, int overlap, int workers, int firstSlot) {
    /** The tile size that asks for the automatic choice. */
    public static final int AUTO = -1;

    /** No tiling. */
    public static final TilePlan NONE = new TilePlan(0, 0, 1, -1);

    public TilePlan {
        if (tileSize != AUTO) {
            TileGrid.check(tileSize, overlap);
        } else if (overlap < 0) {
            throw new IllegalArgumentException("--tile-overlap must be >= 0, got " + overlap);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (firstSlot < -1) {
            throw new IllegalArgumentException("firstSlot must be >= -1, got " + firstSlot);
        }
    }

    /** The grid for a {@code width}×{@code height} frame. */
    public TileGrid gridFor(int width, int height) {
        if (tileSize != AUTO) {
            return new TileGrid(width, height, tileSize, overlap);
        }
        TileGrid g = TileGrid.auto(width, height, workers);
        return g.tiled() ? new TileGrid(width, height, g.tileSize(), overlap) : g;
    }

    /** Whether a stream's keys carry slots for a {@code grid}: when it is cut, or has a slot. */
    public boolean keyedBySlot(TileGrid grid) {
        return grid.tiled() || firstSlot >= 0;
    }

    /** This plan for a stream whose first key is slot {@code slot} (-1: none). */
    public TilePlan withFirstSlot(int slot) {
        return new TilePlan(tileSize, overlap, workers, slot);
    }
}
