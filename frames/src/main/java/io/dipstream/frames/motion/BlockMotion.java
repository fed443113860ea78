package io.dipstream.frames.motion;

import java.util.function.IntUnaryOperator;

/**
 * A motion field of one sub-pixel shift per square block: the whole-frame shift refined per block,
 * so that a zoom, a turn or an object that moves on its own is followed where a single shift is
 * not. Block {@code (bx, by)} of frame {@code b} shows what frame {@code a} shows {@code (dx, dy)}
 * pixels up and to the left: {@code b(x, y) ≈ a(x - dx, y - dy)}.
 *
 * <p>Why sub-pixel: slow pans and zooms move most of a frame by fractions of a pixel, and an
 * integer shift then misplaces fine texture by up to half a pixel, which averaged over neighbours
 * blurs it (measured: multi-frame targets on the development suite gained 1.0 to 2.5 dB from the
 * fraction). The fraction is one Lucas-Kanade step from the best integer shift (the residual
 * explained by the gradient), not a search over interpolated blocks: an interpolated noisy block
 * has less noise and so always looks like a better match; and on an exact whole-pixel match the
 * residual is zero, so is the fraction (a line fit through the integer costs is not: it is biased
 * wherever the texture is not symmetric).
 *
 * <p>Guarantees: every block's integer shift is within {@code radius} of its search centre (the
 * whole-frame shift, or a prediction) in each direction and takes at least half of its source from
 * inside frame {@code a} (only that part is compared; callers check each pixel's source), and its
 * fraction is within half a pixel of it; a block for which no such shift exists is marked {@link
 * #valid invalid}; flat blocks keep the whole-frame shift (a candidate must beat it by more than
 * {@link #BIAS} levels per pixel and step, and a fraction is only taken where the block's gradients
 * pin it down); deterministic.
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
    private final float[] dx;
    private final float[] dy;
    private final boolean[] valid;
    private final boolean[] textured;

    private BlockMotion(int width, int height, int block) {
        this.width = width;
        this.height = height;
        this.block = block;
        this.columns = (width + block - 1) / block;
        int n = columns * ((height + block - 1) / block);
        this.dx = new float[n];
        this.dy = new float[n];
        this.valid = new boolean[n];
        this.textured = new boolean[n];
    }

    /**
     * The field from {@code a} to {@code b} (same size): each block of {@code block} pixels tries
     * the shifts within {@code radius} of {@code global} and keeps the one with the least mean
     * absolute difference, each frame's mean removed first (so flicker does not pull it).
     */
    public static BlockMotion estimate(
            GrayPlane a, GrayPlane b, GlobalShift global, int block, int radius) {
        check(a, b, block, radius);
        BlockMotion m = new BlockMotion(a.width(), a.height(), block);
        m.fitAll(a, b, k -> global.dx(), k -> global.dy(), radius);
        return m;
    }

    /**
     * The field from {@code a} to {@code b} searched about {@code previous}'s shifts times {@code
     * factor}, block by block ({@code global} where a block of {@code previous} is invalid): for a
     * neighbour further away in time on the same side as the one {@code previous} was found for, a
     * pan or a zoom at a steady speed moves each block {@code factor} times as far, which a search
     * about the whole-frame shift misses once the blocks of a zoom move apart by more than the
     * radius (measured on the suite's 640×360 zoom: 6 px per frame at its corners).
     */
    public static BlockMotion extrapolated(
            GrayPlane a,
            GrayPlane b,
            BlockMotion previous,
            double factor,
            GlobalShift global,
            int radius) {
        check(a, b, previous.block, radius);
        if (previous.width != a.width() || previous.height != a.height()) {
            throw new IllegalArgumentException(
                    "a field of "
                            + previous.width
                            + "x"
                            + previous.height
                            + " cannot predict one of "
                            + a.width()
                            + "x"
                            + a.height());
        }
        BlockMotion m = new BlockMotion(a.width(), a.height(), previous.block);
        AffineMotion affine = AffineMotion.fit(previous);
        if (affine == null) {
            m.fitAll(a, b, k -> global.dx(), k -> global.dy(), radius);
            return m;
        }
        AffineMotion further = affine.times(factor);
        m.fitAll(
                a,
                b,
                k -> (int) Math.round(further.dx(m.centreX(k), m.centreY(k))),
                k -> (int) Math.round(further.dy(m.centreX(k), m.centreY(k))),
                radius);
        return m;
    }

    /** Horizontal position of block {@code k}'s centre. */
    double centreX(int k) {
        int x0 = (k % columns) * block;
        return (x0 + Math.min(width, x0 + block) - 1) / 2.0;
    }

    /** Vertical position of block {@code k}'s centre. */
    double centreY(int k) {
        int y0 = (k / columns) * block;
        return (y0 + Math.min(height, y0 + block) - 1) / 2.0;
    }

    private static void check(GrayPlane a, GrayPlane b, int block, int radius) {
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
    }

    private void fitAll(
            GrayPlane a,
            GrayPlane b,
            IntUnaryOperator centreX,
            IntUnaryOperator centreY,
            int radius) {
        float offset = b.mean() - a.mean();
        for (int by = 0; by * block < height; by++) {
            for (int bx = 0; bx < columns; bx++) {
                int k = by * columns + bx;
                fit(a, b, bx, by, centreX.applyAsInt(k), centreY.applyAsInt(k), radius, offset);
            }
        }
    }

    private void fit(
            GrayPlane a, GrayPlane b, int bx, int by, int cx, int cy, int radius, float offset) {
        int x0 = bx * block;
        int y0 = by * block;
        int x1 = Math.min(width, x0 + block);
        int y1 = Math.min(height, y0 + block);
        double best = Double.MAX_VALUE;
        int k = by * columns + bx;
        int bestX = 0;
        int bestY = 0;
        for (int sy = cy - radius; sy <= cy + radius; sy++) {
            for (int sx = cx - radius; sx <= cx + radius; sx++) {
                double cost =
                        cost(a, b, x0, y0, x1, y1, sx, sy, offset)
                                + BIAS * (Math.abs(sx - cx) + Math.abs(sy - cy));
                if (cost < best) {
                    best = cost;
                    bestX = sx;
                    bestY = sy;
                    valid[k] = true;
                }
            }
        }
        if (!valid[k]) {
            return;
        }
        float[] d = new float[2];
        textured[k] = LucasKanade.step(a, b, x0, y0, x1, y1, bestX, bestY, offset, d);
        dx[k] = bestX + d[0];
        dy[k] = bestY + d[1];
    }

    /**
     * Mean absolute difference over the part of the block whose source lies inside frame a, or
     * infinity where less than half of it does.
     */
    private double cost(
            GrayPlane a,
            GrayPlane b,
            int x0,
            int y0,
            int x1,
            int y1,
            int sx,
            int sy,
            float offset) {
        int ox0 = Math.max(x0, sx);
        int ox1 = Math.min(x1, width + sx);
        int oy0 = Math.max(y0, sy);
        int oy1 = Math.min(y1, height + sy);
        if (ox1 <= ox0 || oy1 <= oy0 || 2 * (ox1 - ox0) * (oy1 - oy0) < (x1 - x0) * (y1 - y0)) {
            return Double.POSITIVE_INFINITY;
        }
        int w = a.width();
        float[] av = a.v();
        float[] bv = b.v();
        double sum = 0;
        for (int y = oy0; y < oy1; y++) {
            int rb = y * w;
            int ra = (y - sy) * w - sx;
            for (int x = ox0; x < ox1; x++) {
                sum += Math.min(TRUNCATE, Math.abs(av[ra + x] + offset - bv[rb + x]));
            }
        }
        return sum / ((double) (ox1 - ox0) * (oy1 - oy0));
    }

    private int index(int x, int y) {
        return (y / block) * columns + x / block;
    }

    /** Horizontal shift at pixel {@code (x, y)}, in pixels. */
    public float dx(int x, int y) {
        return dx[index(x, y)];
    }

    /** Vertical shift at pixel {@code (x, y)}, in pixels. */
    public float dy(int x, int y) {
        return dy[index(x, y)];
    }

    /** Whether pixel {@code (x, y)}'s block found a source inside the other frame. */
    public boolean valid(int x, int y) {
        return valid[index(x, y)];
    }

    int blocks() {
        return dx.length;
    }

    int block() {
        return block;
    }

    int columns() {
        return columns;
    }

    /** Whether block {@code k}'s shift is pinned down by its texture in both directions. */
    boolean textured(int k) {
        return valid[k] && textured[k];
    }

    float blockDx(int k) {
        return dx[k];
    }

    float blockDy(int k) {
        return dy[k];
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }
}
