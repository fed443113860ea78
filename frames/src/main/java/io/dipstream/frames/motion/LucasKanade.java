package io.dipstream.frames.motion;

/**
 * The sub-pixel part of a block's shift: one Gauss-Newton (Lucas-Kanade) step from its best whole
 * pixel shift, for {@link BlockMotion}.
 *
 * <p>Guarantees: the fraction is within ±½ pixel per axis, zero on an exact whole-pixel match (no
 * residual) and wherever the block's gradients do not pin it down; deterministic.
 */
final class LucasKanade {
    private LucasKanade() {}

    /**
     * One Gauss-Newton (Lucas-Kanade) step from the integer shift: the fraction {@code δ} that best
     * explains the residual {@code b(x) − a(x − d)} by the local gradient, {@code b ≈ a(x − d) −
     * δ·∇}, solved over the block's pixels whose source and neighbours lie inside frame a, with the
     * gradient of both frames averaged. Pixels whose residual exceeds {@link BlockMotion#TRUNCATE}
     * (an object of its own) do not count. Into {@code out} as (δx, δy), each within ±½; zero where
     * the block's gradients do not pin the fraction down (a flat block, or stripes along one axis
     * for the other), and then false.
     */
    static boolean step(
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
        int width = a.width();
        int height = a.height();
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
                if (Math.abs(r) > BlockMotion.TRUNCATE) {
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
            return false;
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
            return false;
        }
        // b − a(x − d) = r ≈ −δ·g  ⇒  δ = −(Σ g gᵀ)⁻¹ Σ g r.
        out[0] = clampHalf(-(syy * sxr - sxy * syr) / det);
        out[1] = clampHalf(-(sxx * syr - sxy * sxr) / det);
        return true;
    }

    /** Mean squared gradient, levels² per pixel², below which a block is too flat to refine. */
    static final double MIN_GRADIENT = 1;

    private static float clampHalf(double v) {
        return (float) Math.max(-0.5, Math.min(0.5, v));
    }
}
