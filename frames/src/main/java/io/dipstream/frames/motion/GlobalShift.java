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

    /**
     * Levels of mean absolute difference a shift must gain per pixel away from the predicted one:
     * on a frame of noise alone (or a flat one) every shift matches equally well but for the noise
     * of the estimate, about a twentieth of a level, and a far one would lose the frame's borders
     * for nothing; a real match gains whole levels.
     */
    static final double BIAS = 0.05;

    /** About this many sample points are compared per candidate shift, whatever the frame size. */
    private static final int SAMPLES = 16_384;

    /**
     * The integer shift within {@code ±maxShift} (and at most half the frame) that minimises the
     * mean absolute difference over the overlap of the two frames. Each frame's mean is removed
     * first, so that flicker does not pull the estimate; each pixel of shift costs {@link #BIAS},
     * and ties go to the smaller shift.
     */
    public static GlobalShift estimate(GrayPlane a, GrayPlane b, int maxShift) {
        return estimate(a, b, NONE, maxShift);
    }

    /**
     * As {@link #estimate(GrayPlane, GrayPlane, int)}, searching within {@code ±maxShift} of {@code
     * around} (a shift predicted from other frames); ties go to the shift nearest to it.
     */
    public static GlobalShift estimate(GrayPlane a, GrayPlane b, GlobalShift around, int maxShift) {
        int w = a.width();
        int h = a.height();
        int step = Math.max(1, (int) Math.sqrt((double) w * h / SAMPLES));
        float offset = b.mean() - a.mean();
        GlobalShift best = null;
        double bestCost = Double.MAX_VALUE;
        for (int r = 0; r <= maxShift; r++) {
            // Rings of growing radius, so that an equally good shift further out never wins.
            for (int dy = around.dy() - r; dy <= around.dy() + r; dy++) {
                for (int dx = around.dx() - r; dx <= around.dx() + r; dx++) {
                    if (Math.max(Math.abs(dx - around.dx()), Math.abs(dy - around.dy())) != r
                            || 2 * Math.abs(dx) > w
                            || 2 * Math.abs(dy) > h) {
                        continue;
                    }
                    double c =
                            cost(a, b, dx, dy, step, offset)
                                    + BIAS
                                            * (Math.abs(dx - around.dx())
                                                    + Math.abs(dy - around.dy()));
                    if (c < bestCost) {
                        bestCost = c;
                        best = new GlobalShift(dx, dy);
                    }
                }
            }
        }
        return best == null ? NONE : best;
    }

    /**
     * This shift times {@code factor}, rounded: where a motion at constant speed is after longer.
     */
    public GlobalShift times(double factor) {
        return new GlobalShift((int) Math.round(dx * factor), (int) Math.round(dy * factor));
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
