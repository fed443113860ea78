package io.dipstream.restore;

import io.dipstream.frames.RgbFrames;
import io.dipstream.frames.motion.GrayPlane;

/**
 * Gives back the detail a fit left in its residual: where the target minus the network's output
 * holds more energy than the target's noise explains, that excess is signal the network has not
 * fitted yet (fine texture, edges of an underfit frame), and a local Wiener gain {@code g = max(0,
 * 1 − s²/v)} (v the residual's local mean square over a {@code (2r+1)²} window, s² the noise
 * variance of the target) adds that share of the residual back: {@code out = f + g·(x − f)}.
 *
 * <p>Why: a per-frame fit within a video's budget stops early by design, and early DIP outputs are
 * smooth; on textured footage (grass, crowds, text) that smoothness costs more than the noise it
 * removes. Where the fit already explains the target down to the noise, g is 0 and the network's
 * output stands.
 *
 * <p>Guarantees: the result lies between the network's output and the target, pixel by pixel; noise
 * variance 0 returns the target; deterministic.
 *
 * @param radius half-width of the window the residual's energy is measured over
 */
public record ResidualDetail(int radius) {
    /** Measured on the grass pan (docs/benchmarks.md): 3×3 to 11×11 windows within 0.3 dB. */
    public static final ResidualDetail DEFAULT = new ResidualDetail(2);

    public ResidualDetail {
        if (radius < 0 || radius > 16) {
            throw new IllegalArgumentException("radius must be in [0, 16], got " + radius);
        }
    }

    /**
     * {@code fit} with the detail of {@code target} that exceeds {@code noiseVariance} (8-bit
     * levels squared) added back; both interleaved RGB8 of {@code width × height}.
     */
    public byte[] apply(byte[] fit, byte[] target, int width, int height, double noiseVariance) {
        int n = RgbFrames.requirePixels(fit, width, height);
        RgbFrames.requirePixels(target, width, height);
        if (!(noiseVariance >= 0)) {
            throw new IllegalArgumentException("noiseVariance must be >= 0, got " + noiseVariance);
        }
        float[] energy = new float[n];
        for (int p = 0; p < n; p++) {
            float e = 0;
            for (int c = 0; c < 3; c++) {
                float r = (target[3 * p + c] & 0xff) - (fit[3 * p + c] & 0xff);
                e += r * r;
            }
            energy[p] = e / 3;
        }
        float[] local = boxMean(energy, width, height);
        byte[] out = new byte[3 * n];
        for (int p = 0; p < n; p++) {
            double g = local[p] > noiseVariance ? 1 - noiseVariance / local[p] : 0;
            for (int c = 0; c < 3; c++) {
                int f = fit[3 * p + c] & 0xff;
                int x = target[3 * p + c] & 0xff;
                out[3 * p + c] = (byte) Math.round(f + g * (x - f));
            }
        }
        return out;
    }

    /** Mean over the window, edge samples repeated beyond the border. */
    private float[] boxMean(float[] v, int width, int height) {
        return new GrayPlane(width, height, v).boxMean(radius, radius).v();
    }
}
