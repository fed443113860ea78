package io.dipstream.ingest;

import io.dipstream.frames.motion.GrayPlane;

/**
 * Finds vertical scratches: long runs down one column that are brighter (or darker) than the
 * nearest columns on both sides.
 *
 * <p>Luma is first averaged over a tall, one-pixel-wide window: that keeps a vertical line's
 * contrast while averaging noise and grain away. Comparing with both sides rejects ordinary edges,
 * which differ from one side only; demanding a long run rejects texture. A run may pass through
 * stretches where the scratch is fainter (half the contrast) or briefly invisible (gaps are marked
 * too: a scratch does not stop and start again), since a scratch crosses darker and brighter parts
 * of the picture.
 */
final class ScratchDetector {
    /** Half-height of the vertical averaging window. */
    private static final int SMOOTHING = 10;

    /**
     * The longest stretch of a run, as a fraction of the frame height, that may show no contrast at
     * all: where a scratch crosses a feature as bright as itself, it vanishes for a while.
     */
    private static final double MAX_GAP = 0.1;

    private final DefectThresholds t;

    ScratchDetector(DefectThresholds t) {
        this.t = t;
    }

    boolean[] detect(GrayPlane luma) {
        GrayPlane tall = luma.boxMean(0, SMOOTHING);
        int w = luma.width();
        int h = luma.height();
        float[] contrast = contrasts(tall);
        boolean[] scratches = new boolean[w * h];
        float[] column = new float[h];
        int minStrong = (int) Math.ceil(t.scratchMinLength() * h);
        int maxGap = Math.max(3, (int) (MAX_GAP * h));
        for (int sign : new int[] {1, -1}) {
            for (int x = 0; x < w; x++) {
                for (int y = 0; y < h; y++) {
                    column[y] = sign * contrast[y * w + x];
                }
                markRuns(column, minStrong, maxGap, scratches, w, x);
            }
        }
        return scratches;
    }

    /**
     * How much each pixel stands out from both sides, signed: positive where it is brighter than
     * the darker of the nearest {@code scratchWidth} columns on each side, negative where it is
     * darker than the brighter ones, 0 where neither (an edge or a slope, not a line). Taking the
     * extreme of the nearest columns sees a scratch up to that wide against the clean column beside
     * it, and keeps a scratch from making the columns next to it look like lines too.
     */
    private float[] contrasts(GrayPlane p) {
        int w = p.width();
        float[] c = new float[w * p.height()];
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < w; x++) {
                float v = p.at(x, y);
                float leftLow = Float.MAX_VALUE;
                float leftHigh = -Float.MAX_VALUE;
                float rightLow = Float.MAX_VALUE;
                float rightHigh = -Float.MAX_VALUE;
                for (int k = 1; k <= t.scratchWidth(); k++) {
                    leftLow = Math.min(leftLow, p.at(x - k, y));
                    leftHigh = Math.max(leftHigh, p.at(x - k, y));
                    rightLow = Math.min(rightLow, p.at(x + k, y));
                    rightHigh = Math.max(rightHigh, p.at(x + k, y));
                }
                float brighter = Math.min(v - leftLow, v - rightLow);
                float darker = Math.min(leftHigh - v, rightHigh - v);
                c[y * w + x] = brighter >= darker ? Math.max(brighter, 0) : -Math.max(darker, 0);
            }
        }
        return c;
    }

    /** Marks in column x the runs with enough strongly contrasted rows. */
    private void markRuns(
            float[] contrast, int minStrong, int maxGap, boolean[] out, int w, int x) {
        float strong = (float) t.scratchContrast();
        float weak = strong / 2;
        int h = contrast.length;
        int y = 0;
        while (y < h) {
            if (contrast[y] <= weak) {
                y++;
                continue;
            }
            int start = y;
            int last = y;
            int strongRows = 0;
            while (y < h && (contrast[y] > weak || y - last <= maxGap)) {
                if (contrast[y] > weak) {
                    last = y;
                    strongRows += contrast[y] > strong ? 1 : 0;
                }
                y++;
            }
            if (strongRows >= minStrong) {
                for (int r = start; r <= last; r++) {
                    out[r * w + x] = true;
                }
            }
            y = last + 1;
        }
    }
}
