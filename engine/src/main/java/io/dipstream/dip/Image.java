package io.dipstream.dip;

/**
 * An image as planar float values in [0, 1], channel-major (C×H×W), the engine's only image type.
 *
 * @param channels 1 (masks) or 3 (RGB)
 * @param height rows
 * @param width columns
 * @param data {@code channels·height·width} values; not copied, do not mutate after construction
 */
public record Image(int channels, int height, int width, float[] data) {
    public Image {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(
                    "image must have positive size, got " + channels + "x" + height + "x" + width);
        }
        if (data.length != channels * height * width) {
            throw new IllegalArgumentException(
                    "image data has "
                            + data.length
                            + " values, expected "
                            + channels * height * width);
        }
    }

    /** The value at channel {@code c}, row {@code y}, column {@code x}. */
    public float get(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    /** Whether this image has the same height and width as {@code other}. */
    public boolean sameSize(Image other) {
        return height == other.height && width == other.width;
    }

    /**
     * This image mirrored into a larger {@code h}×{@code w} canvas, top-left aligned: rows and
     * columns past the edge repeat the image by reflection (without repeating the edge), as often
     * as needed, so any size can be padded.
     */
    public Image reflectPad(int h, int w) {
        if (h < height || w < width) {
            throw new IllegalArgumentException("padding cannot shrink an image");
        }
        float[] out = new float[channels * h * w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                int sy = reflect(y, height);
                for (int x = 0; x < w; x++) {
                    out[(c * h + y) * w + x] = get(c, sy, reflect(x, width));
                }
            }
        }
        return new Image(channels, h, w, out);
    }

    /** The top-left {@code h}×{@code w} part of this image. */
    public Image crop(int h, int w) {
        float[] out = new float[channels * h * w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(data, (c * height + y) * width, out, (c * h + y) * w, w);
            }
        }
        return new Image(channels, h, w, out);
    }

    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = i % period;
        return m < n ? m : period - m;
    }
}
