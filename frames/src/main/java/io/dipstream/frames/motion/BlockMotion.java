package io.dipstream.frames.motion;

/**
 * A motion field of one integer shift per square block: the whole-frame shift refined per block, so
 * that a zoom, a turn or an object that moves on its own is followed where a single shift is not.
 * Block {@code (bx, by)} of frame {@code b} shows what frame {@code a} shows {@code (dx, dy)}
 * pixels up and to the left: {@code b(x, y) ≈ a(x - dx, y - dy)}.
 *
 * <p>Guarantees: every block's shift is within {@code radius} of the whole-frame shift in each
 * direction and takes at least half of its source from inside frame {@code a} (only that part is
 * compared; callers check each pixel's source); a block for which no such shift exists is marked
 * {@link #valid invalid}; flat blocks keep the whole-frame shift (a candidate must beat it by more
 * than {@link #BIAS} levels per pixel and step); deterministic.
 */
public final class BlockMotion {
    /** Levels of mean absolute difference a block's own shift must gain per pixel of deviation. */
    public static final float BIAS = 0.5f;

    /**
     * A pixel's difference counts at most this many levels, so that a small object that moved on
     * its own (or appeared) does not pull its block's shift away from the background's.
     */
    public static final float TRUNCATE = 32f;

    private final int width;
    private final int height;
    private final int block;
    private final int columns;
    private final int[] dx;
    private final int[] dy;
    private final boolean[] valid;

    private BlockMotion(int width, int height, int block) {
        this.width = width;
        this.height = height;
        this.block = block;
        this.columns = (width + block - 1) / block;
        int n = columns * ((height + block - 1) / block);
        this.dx = new int[n];
        this.dy = new int[n];
        this.valid = new boolean[n];
    }

    /**
     * The field from {@code a} to {@code b} (same size): each block of {@code block} pixels tries
     * the shifts within {@code radius} of {@code global} and keeps the one with the least mean
     * absolute difference, each frame's mean removed first (so flicker does not pull it).
     */
    public static BlockMotion estimate(
            GrayPlane a, GrayPlane b, GlobalShift global, int block, int radius) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(
                    "frames of different sizes: "
                            + a.width()
                            + "x"
                            + a.height()
                            + " and "
                            + b.width()
                            + "x"
                            + b.height());
        }
        if (block < 1 || radius < 0) {
            throw new IllegalArgumentException(
                    "block must be >= 1 and radius >= 0, got " + block + " and " + radius);
        }
        BlockMotion m = new BlockMotion(a.width(), a.height(), block);
        float offset = b.mean() - a.mean();
        for (int by = 0; by * block < m.height; by++) {
            for (int bx = 0; bx < m.columns; bx++) {
                m.fit(a, b, bx, by, global, radius, offset);
            }
        }
        return m;
    }

    private void fit(
            GrayPlane a, GrayPlane b, int bx, int by, GlobalShift g, int radius, float offset) {
        int x0 = bx * block;
        int y0 = by * block;
        int x1 = Math.min(width, x0 + block);
        int y1 = Math.min(height, y0 + block);
        double best = Double.MAX_VALUE;
        int k = by * columns + bx;
        for (int sy = g.dy() - radius; sy <= g.dy() + radius; sy++) {
            for (int sx = g.dx() - radius; sx <= g.dx() + radius; sx++) {
                // Compared over the part of the block whose source lies inside frame a.
                int ox0 = Math.max(x0, sx);
                int ox1 = Math.min(x1, width + sx);
                int oy0 = Math.max(y0, sy);
                int oy1 = Math.min(y1, height + sy);
                if (ox1 <= ox0
                        || oy1 <= oy0
                        || 2 * (ox1 - ox0) * (oy1 - oy0) < (x1 - x0) * (y1 - y0)) {
                    continue;
                }
                double cost =
                        cost(a, b, ox0, oy0, ox1, oy1, sx, sy, offset)
                                + BIAS * (Math.abs(sx - g.dx()) + Math.abs(sy - g.dy()));
                if (cost < best) {
                    best = cost;
                    dx[k] = sx;
                    dy[k] = sy;
                    valid[k] = true;
                }
            }
        }
    }

    private static double cost(
            GrayPlane a,
            GrayPlane b,
            int x0,
            int y0,
            int x1,
            int y1,
            int sx,
            int sy,
            float offset) {
        int w = a.width();
        float[] av = a.v();
        float[] bv = b.v();
        double sum = 0;
        for (int y = y0; y < y1; y++) {
            int rb = y * w;
            int ra = (y - sy) * w - sx;
            for (int x = x0; x < x1; x++) {
                sum += Math.min(TRUNCATE, Math.abs(av[ra + x] + offset - bv[rb + x]));
            }
        }
        return sum / ((double) (x1 - x0) * (y1 - y0));
    }

    private int index(int x, int y) {
        return (y / block) * columns + x / block;
    }

    /** Horizontal shift at pixel {@code (x, y)}. */
    public int dx(int x, int y) {
        return dx[index(x, y)];
    }

    /** Vertical shift at pixel {@code (x, y)}. */
    public int dy(int x, int y) {
        return dy[index(x, y)];
    }

    /** Whether pixel {@code (x, y)}'s block found a source inside the other frame. */
    public boolean valid(int x, int y) {
        return valid[index(x, y)];
    }
}
