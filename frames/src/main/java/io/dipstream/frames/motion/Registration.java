package io.dipstream.frames.motion;

/**
 * One frame's motion onto another, {@code offset} frames away, as the multi-frame target and the
 * temporal blend need it: the whole-frame shift, then a shift per block searched about the frame's
 * affine motion (so that the corners of a zoom, which move away from the whole-frame shift, are
 * followed); a frame further away on the same side is searched about the nearer one's motion,
 * extrapolated to its distance.
 *
 * <p>Guarantees: deterministic; {@link #motion} maps the centre frame's pixels to the other's
 * ({@code centre(x, y) ≈ other(x − dx, y − dy)}).
 *
 * @param offset frames from the centre frame to the other (negative: before it)
 * @param global the whole-frame shift
 * @param motion the block field
 */
public record Registration(int offset, GlobalShift global, BlockMotion motion) {
    /** Pixels per block. */
    public static final int BLOCK = 16;

    /** Pixels each block searches about its predicted shift. */
    public static final int REFINE = 3;

    /** {@code other} (lightly smoothed luma, as {@code centre}) registered onto {@code centre}. */
    public static Registration first(GrayPlane other, GrayPlane centre, int offset) {
        int radius = GlobalShift.searchRadius(centre.width(), centre.height());
        GlobalShift g = GlobalShift.estimate(other, centre, radius);
        BlockMotion plain = BlockMotion.estimate(other, centre, g, BLOCK, REFINE);
        return new Registration(
                offset, g, BlockMotion.extrapolated(other, centre, plain, 1, g, REFINE));
    }

    /**
     * {@code other}, further from {@code centre} than {@code nearer}'s frame on the same side,
     * registered about {@code nearer}'s motion times the ratio of their offsets.
     */
    public static Registration further(
            GrayPlane other, GrayPlane centre, int offset, Registration nearer) {
        if (Integer.signum(offset) != Integer.signum(nearer.offset())
                || Math.abs(offset) <= Math.abs(nearer.offset())) {
            throw new IllegalArgumentException(
                    "offset " + offset + " is not further on the side of " + nearer.offset());
        }
        double factor = (double) offset / nearer.offset();
        int radius = GlobalShift.searchRadius(centre.width(), centre.height());
        // About the extrapolated shift a small search suffices: it only absorbs a change of
        // speed, and a wide one can find a repeat of the texture (a brick wall's next row).
        GlobalShift g =
                GlobalShift.estimate(
                        other, centre, nearer.global().times(factor), Math.max(4, radius / 4));
        return new Registration(
                offset,
                g,
                BlockMotion.extrapolated(other, centre, nearer.motion(), factor, g, REFINE));
    }
}
