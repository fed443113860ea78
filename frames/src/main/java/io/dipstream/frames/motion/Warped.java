package io.dipstream.frames.motion;

/**
 * A frame moved onto another along a {@link BlockMotion}: pixel {@code (x, y)} of the result is the
 * source sampled at {@code (x − dx, y − dy)}, between the pixels by Catmull-Rom interpolation (the
 * cubic through the four nearest samples per axis, so a whole-pixel shift copies the samples
 * exactly and a fraction keeps more of fine texture than a linear blend).
 *
 * <p>Guarantees: {@link #inside} is false where the motion's block is invalid or the sampling point
 * lies outside the source (more than half a pixel beyond its edge samples); those pixels still hold
 * a value (the edge repeated), for callers that compare before they check; values may overshoot [0,
 * 255] slightly near hard edges.
 *
 * @param rgb interleaved RGB, the source's size
 * @param inside per pixel, whether its sample came from inside the source
 */
public record Warped(float[] rgb, boolean[] inside) {

    /** {@code source} (interleaved RGB8 of {@code width × height}) moved along {@code motion}. */
    public static Warped of(byte[] source, BlockMotion motion, int width, int height) {
        float[] out = new float[3 * width * height];
        boolean[] inside = new boolean[width * height];
        float[] tx = new float[4];
        float[] ty = new float[4];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = y * width + x;
                float sx = x - motion.dx(x, y);
                float sy = y - motion.dy(x, y);
                // Within half a pixel of the source's edge samples: their footprint.
                inside[p] =
                        motion.valid(x, y)
                                && sx > -0.5f
                                && sx < width - 0.5f
                                && sy > -0.5f
                                && sy < height - 0.5f;
                int ix = (int) Math.floor(sx);
                int iy = (int) Math.floor(sy);
                catmullRom(sx - ix, tx);
                catmullRom(sy - iy, ty);
                for (int k = 0; k < 3; k++) {
                    float v = 0;
                    for (int j = 0; j < 4; j++) {
                        int row = GrayPlane.clamp(iy - 1 + j, height) * width;
                        float r = 0;
                        for (int i = 0; i < 4; i++) {
                            int q = row + GrayPlane.clamp(ix - 1 + i, width);
                            r += tx[i] * (source[3 * q + k] & 0xff);
                        }
                        v += ty[j] * r;
                    }
                    out[3 * p + k] = v;
                }
            }
        }
        return new Warped(out, inside);
    }

    /**
     * Catmull-Rom weights of the four samples around a point {@code t} ∈ [0, 1) past the second.
     */
    static void catmullRom(float t, float[] w) {
        float t2 = t * t;
        float t3 = t2 * t;
        w[0] = 0.5f * (-t3 + 2 * t2 - t);
        w[1] = 0.5f * (3 * t3 - 5 * t2 + 2);
        w[2] = 0.5f * (-3 * t3 + 4 * t2 + t);
        w[3] = 0.5f * (t3 - t2);
    }

    /**
     * Per pixel, the mean absolute RGB difference between {@code frame} (interleaved RGB8, this
     * warp's size) and this warp: how well the moved frame agrees with it.
     */
    public float[] disagreement(byte[] frame) {
        float[] out = new float[inside.length];
        for (int p = 0; p < out.length; p++) {
            float d = 0;
            for (int k = 0; k < 3; k++) {
                d += Math.abs((frame[3 * p + k] & 0xff) - rgb[3 * p + k]);
            }
            out[p] = d / 3;
        }
        return out;
    }
}
