package io.dipstream.frames.tiles;

/**
 * One tile of a {@link TileGrid}: its index (row by row) and its rectangle in frame pixels.
 *
 * @param index position in {@link TileGrid#tiles()}
 * @param x left column
 * @param y top row
 * @param width columns
 * @param height rows
 */
public record TileRect(int index, int x, int y, int width, int height) {
    /** This rectangle's samples cut out of an interleaved {@code frameWidth}-wide plane. */
    public byte[] crop(byte[] plane, int frameWidth, int channels) {
        byte[] out = new byte[width * height * channels];
        int row = width * channels;
        for (int r = 0; r < height; r++) {
            System.arraycopy(plane, ((y + r) * frameWidth + x) * channels, out, r * row, row);
        }
        return out;
    }

    /** This rectangle with every coordinate times {@code factor} (a super-resolved tile). */
    public TileRect scaled(int factor) {
        return new TileRect(index, x * factor, y * factor, width * factor, height * factor);
    }
}
