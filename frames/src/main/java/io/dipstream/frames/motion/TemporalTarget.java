package io.dipstream.frames.motion;

import io.dipstream.frames.RgbFrames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A multi-frame data term for frame t: its neighbours t−k … t+k warped onto it by sub-pixel block
 * motion ({@link BlockMotion}, {@link Warped}) and averaged with it, pixel by pixel, with weights
 * that fall to zero where a warped neighbour does not agree with frame t (motion the blocks do not
 * explain, an occlusion, a scene cut).
 *
 * <p>Why a target and not 2k+1 loss terms: for a mean squared error, Σ_j w_j‖f − x_j‖² equals (Σ_j
 * w_j)‖f − x̄‖² plus a constant, with x̄ the weighted mean; so the network can fit the one averaged
 * frame x̄, whose noise variance is σ²·Σw²/(Σw)² instead of σ². Every pixel keeps the loss weight 1
 * (a moving region, averaged over fewer frames, is still fitted as fast as the rest); {@link
 * Result#noiseFraction} says how much of the single frame's noise variance the target keeps, which
 * is what the fit's stopping rule (the discrepancy principle) needs.
 *
 * <p>Agreement is judged in the noise's own units: the mean absolute RGB difference over a 5×5
 * window, where two noisy views of the same content differ by 2σ/√π ≈ 1.13σ on average; a neighbour
 * gets the full weight up to {@link #FULL} times that and none beyond {@link #NONE} times it (plus
 * a few levels for quantisation). Motion is estimated on lightly smoothed luma, so that noise does
 * not steer it.
 *
 * <p>Guarantees: the centre frame always has weight 1, so a frame without agreeing neighbours comes
 * back as it is; deterministic.
 */
public final class TemporalTarget {
    /** Mean absolute difference of two independent N(0, σ²) samples, in units of σ. */
    static final double NOISE_MAD = 2 / Math.sqrt(Math.PI);

    /**
     * Up to this many times the noise's own difference, a neighbour counts fully. With sub-pixel
     * warps 1.0 / 1.5 measured 0.1 to 0.2 dB above 1.2 / 1.7 on the suite's zoom, moving-object and
     * cut clips and level on the pans.
     */
    static final double FULL = 1.0;

    /** From this many times the noise's own difference, a neighbour does not count. */
    static final double NONE = 1.5;

    /** Quantisation and rounding: levels added to both thresholds. */
    static final double SLACK = 2;

    private static final int RADIUS = 2;

    /**
     * The averaged frame.
     *
     * @param rgb interleaved RGB8, the centre frame's size
     * @param noiseFraction the mean over pixels of Σw²/(Σw)²: the target's noise variance as a
     *     fraction of one frame's (1 when no neighbour counted)
     * @param neighbourWeight the mean over pixels of the neighbours' total weight
     */
    public record Result(byte[] rgb, double noiseFraction, double neighbourWeight) {}

    private TemporalTarget() {}

    /**
     * A neighbour of the centre frame: {@code offset} frames after it (negative: before), its
     * interleaved RGB8 pixels ({@code null} where the clip has no such frame).
     */
    public record Neighbour(int offset, byte[] rgb) {
        public Neighbour {
            if (offset == 0) {
                throw new IllegalArgumentException("a neighbour's offset must not be 0");
            }
        }
    }

    /**
     * Frame {@code centre} averaged with {@code neighbours} (any order; null frames, such as the
     * missing neighbours at a clip's ends, are skipped), all interleaved RGB8 of {@code width ×
     * height}, whose noise has standard deviation {@code sigma} 8-bit levels.
     *
     * <p>Each side is registered outwards from the nearest neighbour: a further one's motion is
     * searched about the nearer one's, extrapolated to its distance, so that a pan or zoom that
     * moves further than the search radius over several frames is still followed, and a texture
     * that repeats (bricks) does not lure the whole-frame shift to another period.
     */
    public static Result of(
            byte[] centre, List<Neighbour> neighbours, int width, int height, double sigma) {
        int n = RgbFrames.requirePixels(centre, width, height);
        float[] sum = new float[3 * n];
        float[] weights = new float[n];
        float[] squares = new float[n];
        for (int i = 0; i < 3 * n; i++) {
            sum[i] = centre[i] & 0xff;
        }
        Arrays.fill(weights, 1f);
        Arrays.fill(squares, 1f);
        GrayPlane c = GrayPlane.luma(centre, width, height).boxMean(1, 1);
        double full = FULL * NOISE_MAD * sigma + SLACK;
        double none = NONE * NOISE_MAD * sigma + 2 * SLACK;
        List<Neighbour> outwards = new ArrayList<>(neighbours);
        outwards.removeIf(x -> x.rgb() == null);
        outwards.sort(Comparator.comparingInt(x -> Math.abs(x.offset())));
        Registration before = null;
        Registration after = null;
        for (Neighbour other : outwards) {
            RgbFrames.requirePixels(other.rgb(), width, height);
            GrayPlane o = GrayPlane.luma(other.rgb(), width, height).boxMean(1, 1);
            Registration nearer = other.offset() < 0 ? before : after;
            Registration r =
                    nearer == null
                            ? Registration.first(o, c, other.offset())
                            : Registration.further(o, c, other.offset(), nearer);
            if (other.offset() < 0) {
                before = r;
            } else {
                after = r;
            }
            accumulate(
                    centre,
                    other.rgb(),
                    r.motion(),
                    width,
                    height,
                    full,
                    none,
                    sum,
                    weights,
                    squares);
        }
        byte[] out = new byte[3 * n];
        double fraction = 0;
        double extra = 0;
        for (int p = 0; p < n; p++) {
            float w = weights[p];
            for (int k = 0; k < 3; k++) {
                out[3 * p + k] = (byte) Math.max(0, Math.min(255, Math.round(sum[3 * p + k] / w)));
            }
            fraction += squares[p] / (w * w);
            extra += w - 1;
        }
        return new Result(out, fraction / n, extra / n);
    }

    private static void accumulate(
            byte[] centre,
            byte[] other,
            BlockMotion motion,
            int width,
            int height,
            double full,
            double none,
            float[] sum,
            float[] weights,
            float[] squares) {
        // centre(x, y) shows what other showed at (x - dx, y - dy).
        Warped warped = Warped.of(other, motion, width, height);
        float[] v = warped.rgb();
        float[] disagreement = warped.disagreement(centre);
        float[] local = new GrayPlane(width, height, disagreement).boxMean(RADIUS, RADIUS).v();
        for (int p = 0; p < width * height; p++) {
            if (!warped.inside()[p]) {
                continue;
            }
            float w = (float) Math.max(0, Math.min(1, (none - local[p]) / (none - full)));
            if (w == 0) {
                continue;
            }
            for (int k = 0; k < 3; k++) {
                sum[3 * p + k] += w * v[3 * p + k];
            }
            weights[p] += w;
            squares[p] += w * w;
        }
    }
}
