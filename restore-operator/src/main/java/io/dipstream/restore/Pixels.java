package io.dipstream.restore;

import io.dipstream.dip.Image;

/** Conversions between 8-bit interleaved samples (the record contract) and engine images. */
public final class Pixels {
    private Pixels() {}

    /** Interleaved RGB8, rows top down, to a planar RGB image in [0, 1]. */
    public static Image fromRgb8(byte[] rgb, int width, int height) {
        int n = width * height;
        if (rgb.length != 3 * n) {
            throw new IllegalArgumentException(
                    "expected " + 3 * n + " RGB samples, got " + rgb.length);
        }
        float[] v = new float[3 * n];
        for (int i = 0; i < n; i++) {
            v[i] = (rgb[3 * i] & 0xff) / 255f;
            v[n + i] = (rgb[3 * i + 1] & 0xff) / 255f;
            v[2 * n + i] = (rgb[3 * i + 2] & 0xff) / 255f;
        }
        return new Image(3, height, width, v);
    }

    /** A planar RGB image to interleaved RGB8, rounded and clipped. */
    public static byte[] toRgb8(Image im) {
        if (im.channels() != 3) {
            throw new IllegalArgumentException("RGB image expected, got " + im.channels());
        }
        int n = im.width() * im.height();
        float[] v = im.data();
        byte[] out = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            out[3 * i] = to8(v[i]);
            out[3 * i + 1] = to8(v[n + i]);
            out[3 * i + 2] = to8(v[2 * n + i]);
        }
        return out;
    }

    /**
     * A damage mask (one sample per pixel, ≥ 128 = to be filled) as the engine's "known" image (1
     * where the pixel is known, 0 where it is to be filled).
     */
    public static Image knownFromMask(byte[] mask, int width, int height) {
        if (mask.length != width * height) {
            throw new IllegalArgumentException(
                    "expected " + width * height + " mask samples, got " + mask.length);
        }
        float[] known = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            known[i] = (mask[i] & 0xff) >= 128 ? 0f : 1f;
        }
        return new Image(1, height, width, known);
    }

    /**
     * {@code restored} with every known pixel (mask below 128) put back from {@code input}: only
     * the masked pixels come from the network. All three arrays are of one frame's size.
     */
    public static byte[] keepKnown(byte[] restored, byte[] input, byte[] mask) {
        if (restored.length != input.length || input.length != 3 * mask.length) {
            throw new IllegalArgumentException(
                    "sizes differ: restored "
                            + restored.length
                            + ", input "
                            + input.length
                            + ", mask "
                            + mask.length);
        }
        byte[] out = restored.clone();
        for (int i = 0; i < mask.length; i++) {
            if ((mask[i] & 0xff) < 128) {
                System.arraycopy(input, 3 * i, out, 3 * i, 3);
            }
        }
        return out;
    }

    private static byte to8(float v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
