package io.dipstream.frames.motion;

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
 * <p>Guarantees: every block's integer shift is within {@code radius} of the whole-frame shift in
 * each direction and takes at least half of its source from inside frame {@code a} (only that part
 * is compared; callers check each pixel's source), and its fraction is within half a pixel of it; a
 * block for which no such shift exists is marked {@link #valid invalid}; flat blocks keep the
 * whole-frame shift (a candidate must beat it by more than {@link #BIAS} levels per pixel and step,
 * and a fraction is only taken where the block's gradients pin it down); deterministic.
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

    private BlockMotion(int width, int height, int block) {
        this.width = width;
        this.height = height;
        this.block = block;
        this.columns = (width + block - 1) / block;
        int n = columns * ((height + block - 1) / block);
        this.dx = new float[n];
        this.dy = new float[n];
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
        int bestX = 0;
        int bestY = 0;
        for (int sy = g.dy() - radius; sy <= g.dy() + radius; sy++) {
            for (int sx = g.dx() - radius; sx <= g.dx() + radius; sx++) {
                double cost =
                        cost(a, b, x0, y0, x1, y1, sx, sy, offset)
                                + BIAS * (Math.abs(sx - g.dx()) + Math.abs(sy - g.dy()));
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
        refine(a, b, x0, y0, x1, y1, bestX, bestY, offset, d);
        dx[k] = bestX + d[0];
        dy[k] = bestY + d[1];
    }

    /**
     * One Gauss-Newton (Lucas-Kanade) step from the integer shift: the fraction {@code δ} that best
     * explains the residual {@code b(x) − a(x − d)} by the local gradient, {@code b ≈ a(x − d) −
     * δ·∇}, solved over the block's pixels whose source and neighbours lie inside frame a, with the
     * gradient of both frames averaged. Pixels whose residual exceeds {@link #TRUNCATE} (an object
     * of its own) do not count. Into {@code out} as (δx, δy), each within ±½; zero where the
     * block's gradients do not pin the fraction down (a flat block, or stripes along one axis for
     * the other).
     */
    private void refine(
            GrayPlane a,
            GrayPlane b,
            int x0,
            int y0,
            int x1,
            int y1,
            int sx,
            int sy,
            float offset,
            float[] out) {
        float[] av = a.v();
        float[] bv = b.v();
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        double sxr = 0;
        double syr = 0;
        double gxs = 0;
        double gys = 0;
        double rs = 0;
        int n = 0;
        for (int y = Math.max(y0, Math.max(1, sy + 1));
                y < Math.min(y1, Math.min(height - 1, height - 1 + sy));
                y++) {
            for (int x = Math.max(x0, Math.max(1, sx + 1));
                    x < Math.min(x1, Math.min(width - 1, width - 1 + sx));
                    x++) {
                int pb = y * width + x;
                int pa = (y - sy) * width + (x - sx);
                float r = bv[pb] - av[pa] - offset;
                if (Math.abs(r) > TRUNCATE) {
                    continue;
                }
                float gx = 0.25f * (av[pa + 1] - av[pa - 1] + bv[pb + 1] - bv[pb - 1]);
                float gy =
                        0.25f * (av[pa + width] - av[pa - width] + bv[pb + width] - bv[pb - width]);
                sxx += gx * gx;
                sxy += gx * gy;
                syy += gy * gy;
                sxr += gx * r;
                syr += gy * r;
                gxs += gx;
                gys += gy;
                rs += r;
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        // About the block's own means: a change of brightness is not a shift.
        sxx -= gxs * gxs / n;
        sxy -= gxs * gys / n;
        syy -= gys * gys / n;
        sxr -= gxs * rs / n;
        syr -= gys * rs / n;
        double det = sxx * syy - sxy * sxy;
        double trace = sxx + syy;
        double minEigen = 0.5 * (trace - Math.sqrt(Math.max(0, trace * trace - 4 * det)));
        if (minEigen < MIN_GRADIENT * n) {
            return;
        }
        // b − a(x − d) = r ≈ −δ·g  ⇒  δ = −(Σ g gᵀ)⁻¹ Σ g r.
        out[0] = clampHalf(-(syy * sxr - sxy * syr) / det);
        out[1] = clampHalf(-(sxx * syr - sxy * sxr) / det);
    }

    /** Mean squared gradient, levels² per pixel², below which a block is too flat to refine. */
    static final double MIN_GRADIENT = 1;

    private static float clampHalf(double v) {
        return (float) Math.max(-0.5, Math.min(0.5, v));
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
}
