package io.dipstream.frames;

/** The one check that a buffer holds an interleaved RGB8 frame of the size a caller expects. */
public final class RgbFrames {
    private RgbFrames() {}

    /**
     * Returns {@code width × height} after checking that {@code rgb} holds exactly that many RGB8
     * pixels; the message names both sizes.
     */
    public static int requirePixels(byte[] rgb, int width, int height) {
        int n = width * height;
        if (rgb == null || rgb.length != 3 * n) {
            throw new IllegalArgumentException(
                    "a "
                            + width
                            + "x"
                            + height
                            + " RGB frame has "
                            + 3 * n
                            + " samples, got "
                            + (rgb == null ? "none" : rgb.length));
        }
        return n;
    }
}
