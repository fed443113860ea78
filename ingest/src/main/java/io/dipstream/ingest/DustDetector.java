package io.dipstream.ingest;

import io.dipstream.frames.motion.GlobalShift;
import io.dipstream.frames.motion.GrayPlane;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds dust and dirt: blobs present on one frame only. A pixel is dust when it is brighter (or
 * darker) than anything near its position in both neighbouring frames, after compensating the pan
 * between the frames and any change of overall brightness, while those two frames agree with each
 * other there. Where a neighbour did not show a pixel (it was out of view before the pan), that
 * neighbour cannot clear it, so the pixel is not judged.
 *
 * <p>The test runs on 3x3-smoothed luma, which shrinks noise and grain threefold while a speck of 2
 * px or more keeps most of its contrast; pixels next to a detection are then kept only if they pass
 * the test on their own, so that the mask hugs the speck instead of the smoothing window.
 */
final class DustDetector {
    private static final byte BRIGHT = 1;
    private static final byte DARK = 2;

    private final DefectThresholds t;

    DustDetector(DefectThresholds t) {
        this.t = t;
    }

    /** Dust pixels of {@code cur}; either neighbour may be null (at the ends of a clip). */
    boolean[] detect(GrayPlane prev, GrayPlane cur, GrayPlane next) {
        GrayPlane smooth = cur.boxMean(1, 1);
        List<Neighbour> ns = new ArrayList<>();
        for (GrayPlane other : new GrayPlane[] {prev, next}) {
            if (other != null) {
                ns.add(Neighbour.of(smooth, other.boxMean(1, 1), t));
            }
        }
        boolean[] dust = new boolean[cur.v().length];
        if (ns.isEmpty()) {
            return dust;
        }
        byte[] near = spread(seeds(smooth, ns), cur.width(), cur.height());
        float[] v = cur.v();
        float limit = (float) t.pixelContrast();
        for (int i = 0; i < v.length; i++) {
            dust[i] =
                    (near[i] & BRIGHT) != 0 && excess(ns, v[i], i, true) > limit
                            || (near[i] & DARK) != 0 && excess(ns, v[i], i, false) > limit;
        }
        return dust;
    }

    /** BRIGHT or DARK where the smoothed frame stands out from both neighbours. */
    private byte[] seeds(GrayPlane smooth, List<Neighbour> ns) {
        float[] v = smooth.v();
        float limit = (float) t.dustContrast();
        float slack = (float) t.agreement();
        byte[] seeds = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            if (ns.size() == 2 && !ns.get(0).agrees(ns.get(1), i, slack)) {
                continue;
            }
            if (excess(ns, v[i], i, true) > limit) {
                seeds[i] = BRIGHT;
            } else if (excess(ns, v[i], i, false) > limit) {
                seeds[i] = DARK;
            }
        }
        return seeds;
    }

    /** By how much {@code v} exceeds (or undercuts) everything near pixel i in every neighbour. */
    private static float excess(List<Neighbour> ns, float v, int i, boolean bright) {
        float e = Float.POSITIVE_INFINITY;
        for (Neighbour n : ns) {
            e = Math.min(e, bright ? v - n.hi[i] : n.lo[i] - v);
        }
        return e;
    }

    /** The kinds of seed within one pixel of each pixel. */
    private static byte[] spread(byte[] seeds, int w, int h) {
        byte[] near = new byte[seeds.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte s = seeds[y * w + x];
                if (s == 0) {
                    continue;
                }
                for (int yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
                        near[yy * w + xx] |= s;
                    }
                }
            }
        }
        return near;
    }

    /**
     * A neighbour frame seen from the current one: for every pixel of the current frame, the range
     * of the neighbour's (smoothed) values within {@code motionRadius} of the pixel's
     * pan-compensated position, brightness-matched to the current frame. Pixels the neighbour did
     * not show get the range (-∞, +∞), which clears nothing.
     */
    private record Neighbour(float[] lo, float[] hi) {
        static Neighbour of(GrayPlane cur, GrayPlane other, DefectThresholds t) {
            GlobalShift s = GlobalShift.estimate(cur, other, t.maxShift());
            float offset = medianDifference(cur, other, s);
            GrayPlane min = other.min(t.motionRadius());
            GrayPlane max = other.max(t.motionRadius());
            int w = cur.width();
            int h = cur.height();
            float[] lo = new float[w * h];
            float[] hi = new float[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int xs = x + s.dx();
                    int ys = y + s.dy();
                    boolean seen = xs >= 0 && xs < w && ys >= 0 && ys < h;
                    lo[y * w + x] = seen ? min.v()[ys * w + xs] + offset : Float.NEGATIVE_INFINITY;
                    hi[y * w + x] = seen ? max.v()[ys * w + xs] + offset : Float.POSITIVE_INFINITY;
                }
            }
            return new Neighbour(lo, hi);
        }

        /** Whether the two neighbours' ranges at pixel i overlap, give or take {@code slack}. */
        boolean agrees(Neighbour o, int i, float slack) {
            return hi[i] + slack >= o.lo[i] && o.hi[i] + slack >= lo[i];
        }

        /**
         * The typical brightness change from {@code other} to {@code cur}: the median rather than
         * the mean, so that the defects themselves do not shift it.
         */
        private static float medianDifference(GrayPlane cur, GrayPlane other, GlobalShift s) {
            int[] histogram = new int[511];
            int w = cur.width();
            for (int y = 0; y < cur.height(); y++) {
                for (int x = 0; x < w; x++) {
                    float d = cur.v()[y * w + x] - other.at(x + s.dx(), y + s.dy());
                    histogram[Math.round(d) + 255]++;
                }
            }
            int half = cur.v().length / 2;
            int seen = 0;
            for (int i = 0; i < histogram.length; i++) {
                seen += histogram[i];
                if (seen > half) {
                    return i - 255;
                }
            }
            return 0;
        }
    }
}
