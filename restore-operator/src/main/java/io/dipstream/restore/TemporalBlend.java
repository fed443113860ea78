package io.dipstream.restore;

import io.dipstream.frames.motion.BlockMotion;
import io.dipstream.frames.motion.GrayPlane;
import io.dipstream.frames.motion.Registration;
import io.dipstream.frames.motion.Warped;

/**
 * Flicker reduction between consecutive restored frames: a recursive filter along the motion. Each
 * output pixel moves towards the previous output, shifted by the motion between the two (the
 * whole-frame shift, refined per 16-pixel block by up to 3 pixels, between the pixels: {@link
 * BlockMotion}, {@link Warped}), by up to {@code strength}; the weight falls off with the local
 * disagreement of the two (mean absolute difference over a 5×5 neighbourhood, in 8-bit levels) as
 * {@code exp(-(d/TOLERANCE)²)}.
 *
 * <p>Why after the fit rather than in the loss: warm-started fits of consecutive frames leave
 * residual noise and texture that differ from frame to frame, which is what tdPSNR sees as flicker;
 * averaging along the motion removes it without touching the network state, so the next frame's
 * warm start is unchanged.
 *
 * <p>Guarantees: strength 0 returns the frame as it is; pixels whose source lies outside the
 * previous frame (uncovered by the motion) and pixels where the two disagree by much more than
 * {@link #TOLERANCE} (motion the block shifts do not explain, a new object) keep the restored
 * value, so moving objects do not ghost; deterministic.
 *
 * @param strength the largest weight of the previous output, in [0, 1)
 */
public record TemporalBlend(double strength) {
    /** The default strength: measured on the pan and zoom samples (docs/benchmarks.md). */
    public static final double DEFAULT_STRENGTH = 0.6;

    /** Local disagreement, in 8-bit levels, at which the weight has fallen to 1/e. */
    public static final float TOLERANCE = 10f;

    private static final int RADIUS = 2;

    public TemporalBlend {
        if (!(strength >= 0) || strength >= 1) {
            throw new IllegalArgumentException(
                    "temporal blend strength must be in [0, 1), got " + strength);
        }
    }

    /**
     * {@code current} blended with {@code previous}, both interleaved RGB8 of {@code width ×
     * height}; a new array unless strength is 0.
     */
    public byte[] apply(byte[] current, byte[] previous, int width, int height) {
        int n = width * height;
        if (current.length != 3 * n || previous.length != 3 * n) {
            throw new IllegalArgumentException(
                    "temporal blend of "
                            + width
                            + "x"
                            + height
                            + " needs "
                            + 3 * n
                            + " samples per frame, got "
                            + current.length
                            + " and "
                            + previous.length);
        }
        if (strength == 0) {
            return current;
        }
        GrayPlane before = GrayPlane.luma(previous, width, height);
        GrayPlane now = GrayPlane.luma(current, width, height);
        BlockMotion motion = Registration.first(before, now, -1).motion();
        // current(x, y) shows what previous showed at (x - dx, y - dy).
        Warped warped = Warped.of(previous, motion, width, height);
        float[] v = warped.rgb();
        float[] disagreement = warped.disagreement(current);
        float[] local = new GrayPlane(width, height, disagreement).boxMean(RADIUS, RADIUS).v();
        byte[] out = current.clone();
        for (int p = 0; p < n; p++) {
            if (!warped.inside()[p]) {
                continue;
            }
            float d = local[p] / TOLERANCE;
            float w = (float) (strength * Math.exp(-d * d));
            for (int c = 0; c < 3; c++) {
                float a = current[3 * p + c] & 0xff;
                float b = v[3 * p + c];
                out[3 * p + c] = (byte) Math.max(0, Math.min(255, Math.round(a + w * (b - a))));
            }
        }
        return out;
    }
}
