package io.dipstream.ingest;

/**
 * One decoded video frame as tightly packed 8-bit RGB.
 *
 * <p>{@code rgb} holds {@code width*height*3} bytes: rows top to bottom, each row {@code width}
 * pixels of interleaved R, G, B, no padding. The array is freshly allocated for every frame and
 * belongs to the receiver; it is not copied defensively because frames are large and hot. As with
 * any record holding an array, {@code equals} compares the array by identity.
 *
 * @param index position in decode order, starting at 0 and without gaps
 * @param ptsMicros presentation time in microseconds relative to the first frame (which is at 0);
 *     strictly increasing
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param rgb the pixels, see above
 */
public record DecodedFrame(long index, long ptsMicros, int width, int height, byte[] rgb) {

    public DecodedFrame {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "width and height must be positive, got " + width + "x" + height);
        }
        if (rgb == null || rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException(
                    "rgb must hold width*height*3 = "
                            + ((long) width * height * 3)
                            + " bytes, got "
                            + (rgb == null ? "null" : rgb.length));
        }
    }
}
