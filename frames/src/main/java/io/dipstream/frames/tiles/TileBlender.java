package io.dipstream.frames.tiles;

import java.util.List;

/**
 * Puts restored tiles back into one frame with feathered seams: inside an overlap each tile's
 * weight falls linearly towards its own edge, and the weights at every pixel sum to one, so a
 * tile's border artefacts fade out and identical tiles give back exactly the frame they were cut
 * from.
 *
 * <p>The weights are separable (a column weight times a row weight) and computed once per grid.
 */
public final class TileBlender {
    private final TileGrid grid;
    private final int width;
    private final int height;
    private final List<TileRect> tiles;
    private final double[][] columnWeights;
    private final double[][] rowWeights;

    /**
     * A blender for tiles of {@code grid} restored at {@code factor} times their size (1, or the
     * super-resolution factor).
     */
    public TileBlender(TileGrid grid, int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be >= 1, got " + factor);
        }
        this.grid = grid;
        this.width = grid.frameWidth() * factor;
        this.height = grid.frameHeight() * factor;
        this.tiles = grid.tiles().stream().map(t -> t.scaled(factor)).toList();
        this.columnWeights =
                axisWeights(
                        tiles.stream().mapToInt(TileRect::x).distinct().toArray(),
                        tiles.get(0).width(),
                        width);
        this.rowWeights =
                axisWeights(
                        tiles.stream().mapToInt(TileRect::y).distinct().toArray(),
                        tiles.get(0).height(),
                        height);
    }

    public TileGrid grid() {
        return grid;
    }

    /** Width of the blended frame (the grid's times the factor). */
    public int width() {
        return width;
    }

    /** Height of the blended frame. */
    public int height() {
        return height;
    }

    /**
     * The frame from its tiles' interleaved {@code channels}-sample planes, given in tile order.
     *
     * @throws IllegalArgumentException when a tile is missing or has the wrong size
     */
    public byte[] blend(List<byte[]> planes, int channels) {
        if (planes.size() != tiles.size()) {
            throw new IllegalArgumentException(
                    "expected " + tiles.size() + " tiles, got " + planes.size());
        }
        double[] acc = new double[width * height * channels];
        int columns = columnWeights.length;
        for (TileRect t : tiles) {
            byte[] p = planes.get(t.index());
            if (p == null || p.length != t.width() * t.height() * channels) {
                throw new IllegalArgumentException(
                        "tile "
                                + t.index()
                                + " should hold "
                                + t.width()
                                + "x"
                                + t.height()
                                + "x"
                                + channels
                                + " samples");
            }
            double[] wx = columnWeights[t.index() % columns];
            double[] wy = rowWeights[t.index() / columns];
            for (int r = 0; r < t.height(); r++) {
                int out = ((t.y() + r) * width + t.x()) * channels;
                int in = r * t.width() * channels;
                for (int c = 0; c < t.width(); c++) {
                    double w = wx[c] * wy[r];
                    for (int k = 0; k < channels; k++) {
                        acc[out + c * channels + k] += w * (p[in + c * channels + k] & 0xff);
                    }
                }
            }
        }
        byte[] frame = new byte[acc.length];
        for (int i = 0; i < acc.length; i++) {
            frame[i] = (byte) Math.min(255, Math.max(0, Math.round(acc[i])));
        }
        return frame;
    }

    /**
     * One weight array per tile start along an axis: a linear ramp over the part shared with each
     * neighbour (none at the frame's edges), then divided by the sum over tiles at each position.
     */
    private static double[][] axisWeights(int[] starts, int span, int length) {
        int n = starts.length;
        double[][] w = new double[n][span];
        for (int i = 0; i < n; i++) {
            int leftShared = i > 0 ? starts[i - 1] + span - starts[i] : 0;
            int rightShared = i < n - 1 ? starts[i] + span - starts[i + 1] : 0;
            for (int j = 0; j < span; j++) {
                double left = leftShared > 0 ? Math.min(1, (j + 0.5) / leftShared) : 1;
                double right = rightShared > 0 ? Math.min(1, (span - j - 0.5) / rightShared) : 1;
                w[i][j] = Math.min(left, right);
            }
        }
        double[] sum = new double[length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < span; j++) {
                sum[starts[i] + j] += w[i][j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < span; j++) {
                w[i][j] /= sum[starts[i] + j];
            }
        }
        return w;
    }
}
