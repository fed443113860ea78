package io.dipstream.restore;

import java.util.Arrays;

/**
 * The last frame a stream emitted, kept so that the next frame can be blended with it ({@link
 * TemporalBlend}). Guarantees: {@code rgb} holds exactly {@code 3 × width × height} interleaved
 * 8-bit samples; the array is not copied, so callers must not change it.
 */
public record LastOutput(int width, int height, byte[] rgb) {
    public LastOutput {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "last output size must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException(
                    "last output of "
                            + width
                            + "x"
                            + height
                            + " needs "
                            + 3L * width * height
                            + " RGB samples, got "
                            + (rgb == null ? "none" : rgb.length));
        }
    }

    /** Whether this output has the given size. */
    public boolean hasSize(int w, int h) {
        return width == w && height == h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LastOutput l
                && l.width == width
                && l.height == height
                && Arrays.equals(l.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "LastOutput[" + width + "x" + height + "]";
    }
}
