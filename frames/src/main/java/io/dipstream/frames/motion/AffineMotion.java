package io.dipstream.frames.motion;

import java.util.Arrays;

/**
 * The motion of a whole frame as an affine map of the position: {@code dx = a₀ + a₁·u + a₂·v},
 * {@code dy = b₀ + b₁·u + b₂·v}, with {@code (u, v)} a pixel's position from the frame's centre: a
 * pan, a zoom, a turn and their mixes. Fitted to a {@link BlockMotion}'s textured blocks by least
 * squares, then again without the blocks it explains worst (an object that moves on its own, a
 * block the noise misled), so that it predicts where each block of a further frame is to be
 * searched for without the noise of any one block's estimate.
 *
 * <p>Guarantees: {@link #fit} returns null where too few blocks pin their shift down (a flat or
 * striped frame); a field of one shift everywhere gives that shift everywhere.
 */
record AffineMotion(
        double a0, double a1, double a2, double b0, double b1, double b2, double cx, double cy) {
    /** Fewer textured blocks than this say too little about a zoom or a turn. */
    static final int MIN_BLOCKS = 8;

    /**
     * Blocks further than this from the first fit (pixels), and than twice the median, are dropped.
     */
    static final double KEEP = 1.0;

    /** The fit to {@code m}'s textured blocks, or null. */
    static AffineMotion fit(BlockMotion m) {
        int n = m.blocks();
        double cx = (m.width() - 1) / 2.0;
        double cy = (m.height() - 1) / 2.0;
        double[] u = new double[n];
        double[] v = new double[n];
        boolean[] use = new boolean[n];
        int count = 0;
        for (int k = 0; k < n; k++) {
            u[k] = m.centreX(k) - cx;
            v[k] = m.centreY(k) - cy;
            use[k] = m.textured(k);
            count += use[k] ? 1 : 0;
        }
        AffineMotion first = solve(m, u, v, use, cx, cy);
        if (first == null || count < MIN_BLOCKS) {
            return null;
        }
        double[] residual = new double[n];
        double[] kept = new double[count];
        int j = 0;
        for (int k = 0; k < n; k++) {
            if (use[k]) {
                residual[k] =
                        Math.hypot(
                                m.blockDx(k) - first.du(u[k], v[k]),
                                m.blockDy(k) - first.dv(u[k], v[k]));
                kept[j++] = residual[k];
            }
        }
        Arrays.sort(kept);
        double limit = Math.max(KEEP, 2 * kept[count / 2]);
        for (int k = 0; k < n; k++) {
            use[k] &= residual[k] <= limit;
        }
        AffineMotion second = solve(m, u, v, use, cx, cy);
        return significant(second == null ? first : second, m, u, v, use);
    }

    /**
     * {@code fit}, or the mean shift where its zoom and turn terms explain no more of the blocks'
     * shifts than four parameters fitted to noise would (a flat frame whose block shifts the noise
     * set): an F-test at about 16 times the residual's variance per parameter, so that chance
     * slopes do not move the search at the frame's corners by a whole pixel.
     */
    private static AffineMotion significant(
            AffineMotion fit, BlockMotion m, double[] u, double[] v, boolean[] use) {
        double mx = 0;
        double my = 0;
        int n = 0;
        for (int k = 0; k < u.length; k++) {
            if (use[k]) {
                mx += m.blockDx(k);
                my += m.blockDy(k);
                n++;
            }
        }
        mx /= n;
        my /= n;
        double affine = 0;
        double shift = 0;
        for (int k = 0; k < u.length; k++) {
            if (use[k]) {
                double ex = m.blockDx(k) - fit.du(u[k], v[k]);
                double ey = m.blockDy(k) - fit.dv(u[k], v[k]);
                affine += ex * ex + ey * ey;
                double sx = m.blockDx(k) - mx;
                double sy = m.blockDy(k) - my;
                shift += sx * sx + sy * sy;
            }
        }
        double perParameter = affine / Math.max(1, 2 * n - 6);
        if (shift - affine > SIGNIFICANCE * 4 * perParameter) {
            return fit;
        }
        return new AffineMotion(mx, 0, 0, my, 0, 0, fit.cx, fit.cy);
    }

    /** How many times chance the slopes must explain, per parameter. */
    static final double SIGNIFICANCE = 16;

    private static AffineMotion solve(
            BlockMotion m, double[] u, double[] v, boolean[] use, double cx, double cy) {
        double[][] ata = new double[3][3];
        double[] atx = new double[3];
        double[] aty = new double[3];
        int count = 0;
        for (int k = 0; k < u.length; k++) {
            if (!use[k]) {
                continue;
            }
            double[] row = {1, u[k], v[k]};
            for (int i = 0; i < 3; i++) {
                for (int l = 0; l < 3; l++) {
                    ata[i][l] += row[i] * row[l];
                }
                atx[i] += row[i] * m.blockDx(k);
                aty[i] += row[i] * m.blockDy(k);
            }
            count++;
        }
        if (count < MIN_BLOCKS) {
            return null;
        }
        double[] a = solve3(ata, atx);
        double[] c = solve3(ata, aty);
        if (a == null || c == null) {
            return null;
        }
        return new AffineMotion(a[0], a[1], a[2], c[0], c[1], c[2], cx, cy);
    }

    /** Cramer's rule; null where the blocks do not span the frame (a singular system). */
    private static double[] solve3(double[][] m, double[] r) {
        double det = det3(m, null, -1);
        if (Math.abs(det) <= 1e-9 * Math.abs(m[0][0] * m[1][1] * m[2][2])) {
            return null;
        }
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = det3(m, r, i) / det;
        }
        return out;
    }

    private static double det3(double[][] m, double[] r, int column) {
        double[][] a = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                a[i][j] = j == column ? r[i] : m[i][j];
            }
        }
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1])
                - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    private double du(double u, double v) {
        return a0 + a1 * u + a2 * v;
    }

    private double dv(double u, double v) {
        return b0 + b1 * u + b2 * v;
    }

    /** Horizontal shift at pixel {@code (x, y)}. */
    double dx(double x, double y) {
        return du(x - cx, y - cy);
    }

    /** Vertical shift at pixel {@code (x, y)}. */
    double dy(double x, double y) {
        return dv(x - cx, y - cy);
    }

    /** This motion {@code factor} times as far: where a steady pan or zoom is after longer. */
    AffineMotion times(double factor) {
        return new AffineMotion(
                a0 * factor,
                a1 * factor,
                a2 * factor,
                b0 * factor,
                b1 * factor,
                b2 * factor,
                cx,
                cy);
    }
}
