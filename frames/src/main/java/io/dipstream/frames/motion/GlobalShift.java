package io.dipstream.frames.motion;

/**
 * The whole-frame translation from one frame to another, so that a pan can be compensated before
 * frames are compared pixel by pixel: frame {@code b} at {@code (x + dx, y + dy)} shows what frame
 * {@code a} shows at {@code (x, y)}.
 *
 * @param dx horizontal shift in pixels
 * @param dy vertical shift in pixels
 */
public record GlobalShift(int dx, int dy) {
    public static final GlobalShift NONE = new GlobalShift(0, 0);

    /**
     * The motion searched between consecutive frames of {@code width × height}: an eighth of the
     * smaller side, at least 4 and at most 32 pixels.
     */
    public static int searchRadius(int width, int height) {
        return Math.max(4, Math.min(32, Math.min(width, height) / 8));
    }

    /** About this many sample points are compared per candidate shift, whatever the frame size. */
    private static final int SAMPLES = 16_384;

    /**
     * The integer shift within {@code ±maxShift} (and at most half the frame) that minimises the
     * mean absolute difference over the overlap of the two frames. Each frame's mean is removed
     * first, so that flicker does not pull the estimate; ties go to the smaller shift.
     */
    public static GlobalShift estimate(GrayPlane a, GrayPlane b, int maxShift) {
        int w = a.width();
        int h = a.height();
        int step = Math.max(1, (int) Math.sqrt((double) w * h / SAMPLES));
        float offset = b.mean() - a.mean();
        GlobalShift best = NONE;
        double bestCost = cost(a, b, 0, 0, step, offset);
        for (int r = 1; r <= maxShift; r++) {
            // Rings of growing radius, so that an equally good larger shift never wins.
            for (int dy = -r; dy <= r; dy++) {
                for (int dx = -r; dx <= r; dx++) {
                    if (Math.max(Math.abs(dx), Math.abs(dy)) != r
                            || 2 * Math.abs(dx) > w
                            || 2 * Math.abs(dy) > h) {
                        continue;
                    }
                    double c = cost(a, b, dx, dy, step, offset);
                    if (c < bestCost) {
                        bestCost = c;
                        best = new GlobalShift(dx, dy);
                    }
                }
            }
        }
        return best;
    }

    private static double cost(GrayPlane a, GrayPlane b, int dx, int dy, int step, float offset) {
        int w = a.width();
        double sum = 0;
        long n = 0;
        for (int y = Math.max(0, -dy); y < Math.min(a.height(), a.height() - dy); y += step) {
            for (int x = Math.max(0, -dx); x < Math.min(w, w - dx); x += step) {
                sum += Math.abs(a.v()[y * w + x] + offset - b.v()[(y + dy) * w + x + dx]);
                n++;
            }
        }
        return n == 0 ? Double.MAX_VALUE : sum / n;
    }
}
