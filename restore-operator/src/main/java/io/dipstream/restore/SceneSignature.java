package io.dipstream.restore;

import java.util.Arrays;

/**
 * A frame reduced to the mean colour of each cell of a {@value #GRID}×{@value #GRID} grid: small
 * enough to keep in state, blind to noise (each mean averages hundreds of pixels) and to the few
 * pixels a pan or slow motion moves, but far from the previous frame's at a scene cut.
 *
 * <p>Guarantees: immutable; {@link #distance} is the mean absolute difference of the cells in [0,
 * 1] (1 = black against white everywhere), symmetric, and 0 for identical frames.
 */
public record SceneSignature(float[] cells) {
    /** Cells per side. */
    public static final int GRID = 8;

    /** Values in a signature: a mean R, G and B per cell. */
    public static final int LENGTH = GRID * GRID * 3;

    public SceneSignature {
        if (cells == null || cells.length != LENGTH) {
            throw new IllegalArgumentException(
                    "a scene signature has "
                            + LENGTH
                            + " values, got "
                            + (cells == null ? "null" : cells.length));
        }
        cells = cells.clone();
    }

    /** The signature of a packed 8-bit RGB frame of {@code width}×{@code height}. */
    public static SceneSignature of(byte[] rgb, int width, int height) {
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException(
                    "rgb has " + rgb.length + " bytes, not 3x" + width + "x" + height);
        }
        double[] sum = new double[LENGTH];
        int[] count = new int[GRID * GRID];
        for (int y = 0; y < height; y++) {
            int gy = y * GRID / height;
            for (int x = 0; x < width; x++) {
                int cell = gy * GRID + x * GRID / width;
                int p = 3 * (y * width + x);
                sum[3 * cell] += rgb[p] & 0xff;
                sum[3 * cell + 1] += rgb[p + 1] & 0xff;
                sum[3 * cell + 2] += rgb[p + 2] & 0xff;
                count[cell]++;
            }
        }
        float[] cells = new float[LENGTH];
        for (int c = 0; c < LENGTH; c++) {
            int n = count[c / 3];
            cells[c] = n == 0 ? 0 : (float) (sum[c] / n / 255.0);
        }
        return new SceneSignature(cells);
    }

    /** Mean absolute difference of the cells, in [0, 1]. */
    public double distance(SceneSignature other) {
        double d = 0;
        for (int i = 0; i < LENGTH; i++) {
            d += Math.abs(cells[i] - other.cells[i]);
        }
        return d / LENGTH;
    }

    @Override
    public float[] cells() {
        return cells.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SceneSignature s && Arrays.equals(cells, s.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return "SceneSignature" + Arrays.toString(cells);
    }
}
