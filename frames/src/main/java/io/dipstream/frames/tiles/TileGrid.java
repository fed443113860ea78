package io.dipstream.frames.tiles;

import java.util.ArrayList;
import java.util.List;

/**
 * How a frame is cut into overlapping square tiles, each restored as its own stream.
 *
 * <p>Guarantees: the tiles cover every pixel; along each axis they are all {@code tileSize} long
 * (or the frame's length where the frame is shorter) and spread evenly, so neighbours share at
 * least {@code overlap} pixels; a frame no larger than one tile is one tile, the frame itself. The
 * grid is a pure function of its four numbers: ingest and sink build the same one.
 *
 * @param frameWidth frame width in pixels
 * @param frameHeight frame height in pixels
 * @param tileSize side of a tile; 0 = no tiling
 * @param overlap pixels shared by neighbouring tiles
 */
public record TileGrid(int frameWidth, int frameHeight, int tileSize, int overlap) {
    /**
     * The smallest tile: the networks pad a frame up to twice their 32-pixel size multiple anyway,
     * so a smaller tile costs as much as this one and sees less.
     */
    public static final int MIN_TILE = 64;

    /** Frames up to this many pixels stay whole unless more workers want tiles (SD: 640×480). */
    public static final int MAX_TILE_PIXELS = 640 * 480;

    /** Overlap of the automatic tiles: wide enough for the feathered blend to hide the seam. */
    public static final int DEFAULT_OVERLAP = 32;

    /** Tile sides the automatic choice tries, largest first (multiples of the nets' 32). */
    private static final int AUTO_LARGEST = 512;

    private static final int AUTO_STEP = 32;

    public TileGrid {
        if (frameWidth < 1 || frameHeight < 1) {
            throw new IllegalArgumentException(
                    "frame size must be positive, got " + frameWidth + "x" + frameHeight);
        }
        check(tileSize, overlap);
    }

    /**
     * Checks a tile size and overlap as a user gives them; the message names the option.
     *
     * @throws IllegalArgumentException when they cannot make a grid
     */
    public static void check(int tileSize, int overlap) {
        if (tileSize != 0 && tileSize < MIN_TILE) {
            throw new IllegalArgumentException(
                    "--tile-size "
                            + tileSize
                            + " is below the smallest tile the networks can use ("
                            + MIN_TILE
                            + " pixels); use 0 for no tiling");
        }
        if (overlap < 0) {
            throw new IllegalArgumentException("--tile-overlap must be >= 0, got " + overlap);
        }
        if (tileSize > 0 && 2 * overlap >= tileSize) {
            throw new IllegalArgumentException(
                    "--tile-overlap "
                            + overlap
                            + " must be less than half of --tile-size "
                            + tileSize
                            + " (a tile's two overlaps would meet)");
        }
    }

    /**
     * The automatic grid: the frame stays whole when it has at most {@link #MAX_TILE_PIXELS} pixels
     * and one worker; otherwise the largest tile (a multiple of 32, at most 512) that gives every
     * worker a tile and keeps each tile within {@link #MAX_TILE_PIXELS}.
     */
    public static TileGrid auto(int frameWidth, int frameHeight, int workers) {
        if ((long) frameWidth * frameHeight <= MAX_TILE_PIXELS && workers <= 1) {
            return new TileGrid(frameWidth, frameHeight, 0, 0);
        }
        for (int t = AUTO_LARGEST; t >= MIN_TILE + AUTO_STEP; t -= AUTO_STEP) {
            TileGrid g = new TileGrid(frameWidth, frameHeight, t, DEFAULT_OVERLAP);
            if (g.count() >= workers) {
                return g;
            }
        }
        return new TileGrid(frameWidth, frameHeight, MIN_TILE + AUTO_STEP, DEFAULT_OVERLAP);
    }

    /** The tiles, row by row. */
    public List<TileRect> tiles() {
        int[] xs = starts(frameWidth);
        int[] ys = starts(frameHeight);
        int w = span(frameWidth);
        int h = span(frameHeight);
        List<TileRect> out = new ArrayList<>(xs.length * ys.length);
        for (int y : ys) {
            for (int x : xs) {
                out.add(new TileRect(out.size(), x, y, w, h));
            }
        }
        return out;
    }

    /** Number of tiles; 1 when the frame is not tiled. */
    public int count() {
        return starts(frameWidth).length * starts(frameHeight).length;
    }

    /** Whether the frame is cut at all. */
    public boolean tiled() {
        return count() > 1;
    }

    private int span(int length) {
        return tileSize == 0 || length <= tileSize ? length : tileSize;
    }

    private int[] starts(int length) {
        if (tileSize == 0 || length <= tileSize) {
            return new int[] {0};
        }
        int step = tileSize - overlap;
        int n = (length - overlap + step - 1) / step;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = (int) Math.round((double) i * (length - tileSize) / (n - 1));
        }
        return s;
    }
}
