package io.dipstream.ingest;

/**
 * The settings of {@link DefectDetector}. Validated on construction; messages name the parameter.
 * Contrasts are in 8-bit luma levels. {@link #DEFAULT} finds 2-6 px dust and 1-2 px scratches of
 * contrast ≥ ~60 under Gaussian noise up to σ = 10 (more in practice) and pans of up to {@code
 * maxShift} px per frame.
 *
 * @param dustContrast how much brighter (or darker) than both motion-compensated neighbour frames a
 *     pixel of the 3x3-smoothed current frame must be to start a dust detection
 * @param pixelContrast the same for the single unsmoothed pixel, which decides which pixels near a
 *     detection are marked (keeps a speck's mask tight)
 * @param agreement how far apart the two neighbour frames may be at a pixel and still count as
 *     agreeing (where they do not, motion or a change of scene explains the pixel, not dust)
 * @param motionRadius local motion tolerated on top of the global shift: a pixel counts as dust
 *     only if no pixel within this radius in a neighbour frame comes close to it
 * @param maxShift the largest pan, in pixels per frame, that is compensated
 * @param scratchContrast how much brighter (or darker) than the columns a few pixels to its left
 *     and right a vertically smoothed pixel must be to belong to a scratch
 * @param scratchOffset distance in pixels from a column to the neighbour columns it is compared
 *     with (wider than the widest scratch expected)
 * @param scratchMinLength the shortest scratch, as a fraction of the frame height, in (0, 1]
 * @param dilation radius in pixels by which the mask is grown to cover the blurred rim of a defect
 * @param maxDustFraction when more than this fraction of a frame looks like dust, the frame is
 *     taken to be a flash or a one-frame shot and its dust mask is dropped; in (0, 1]
 */
public record DefectThresholds(
        double dustContrast,
        double pixelContrast,
        double agreement,
        int motionRadius,
        int maxShift,
        double scratchContrast,
        int scratchWidth,
        double scratchMinLength,
        int dilation,
        double maxDustFraction) {

    /** Tuned on a pan over a photograph with σ = 10 noise; see DefectDetectorTest. */
    public static final DefectThresholds DEFAULT =
            new DefectThresholds(14, 20, 20, 2, 8, 14, 2, 0.5, 1, 0.1);

    public DefectThresholds {
        positive("dustContrast", dustContrast);
        positive("pixelContrast", pixelContrast);
        positive("agreement", agreement);
        atLeast("motionRadius", motionRadius, 0);
        atLeast("maxShift", maxShift, 0);
        positive("scratchContrast", scratchContrast);
        atLeast("scratchWidth", scratchWidth, 1);
        fraction("scratchMinLength", scratchMinLength);
        atLeast("dilation", dilation, 0);
        fraction("maxDustFraction", maxDustFraction);
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }

    private static void fraction(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1], got " + value);
        }
    }
}
