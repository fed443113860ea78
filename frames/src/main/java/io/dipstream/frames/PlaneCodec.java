package io.dipstream.frames;

import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import io.dipstream.frames.proto.PixelCodec;
import io.dipstream.frames.proto.Plane;

/**
 * Lossless compression of 8-bit pixel planes for Kafka records.
 *
 * <p>{@link #encode} stores interleaved samples as a left-neighbour difference per row and channel
 * (natural images have small differences, which compress well) compressed with Zstandard at a fast
 * level. {@link #decode} gives back exactly the bytes that were encoded, or throws {@link
 * RejectedRecordException} naming what is wrong; it never returns a buffer of the wrong size.
 */
public final class PlaneCodec {
    /** Zstandard level 1: about as fast as a memory copy here, and most of the ratio. */
    private static final int LEVEL = 1;

    private PlaneCodec() {}

    /** Compresses {@code samples} (width·height·channels bytes, interleaved, rows top down). */
    public static Plane encode(byte[] samples, int width, int height, int channels) {
        checkShape(samples.length, width, height, channels);
        byte[] delta = new byte[samples.length];
        int row = width * channels;
        for (int y = 0; y < height; y++) {
            int o = y * row;
            System.arraycopy(samples, o, delta, o, Math.min(channels, row));
            for (int i = channels; i < row; i++) {
                delta[o + i] = (byte) (samples[o + i] - samples[o + i - channels]);
            }
        }
        return Plane.newBuilder()
                .setWidth(width)
                .setHeight(height)
                .setChannels(channels)
                .setCodec(PixelCodec.ZSTD_DELTA)
                .setData(ByteString.copyFrom(Zstd.compress(delta, LEVEL)))
                .build();
    }

    /** Stores {@code samples} uncompressed (for tests and for data that does not compress). */
    public static Plane raw(byte[] samples, int width, int height, int channels) {
        checkShape(samples.length, width, height, channels);
        return Plane.newBuilder()
                .setWidth(width)
                .setHeight(height)
                .setChannels(channels)
                .setCodec(PixelCodec.RAW)
                .setData(ByteString.copyFrom(samples))
                .build();
    }

    /** The plane's samples, width·height·channels bytes. */
    public static byte[] decode(Plane plane) throws RejectedRecordException {
        int w = plane.getWidth();
        int h = plane.getHeight();
        int c = plane.getChannels();
        if (w < 1 || h < 1 || (c != 1 && c != 3)) {
            throw new RejectedRecordException(
                    "plane has an impossible shape " + w + "x" + h + "x" + c);
        }
        long expected = (long) w * h * c;
        if (expected > Integer.MAX_VALUE - 16) {
            throw new RejectedRecordException("plane of " + expected + " samples is too large");
        }
        switch (plane.getCodec()) {
            case RAW -> {
                if (plane.getData().size() != expected) {
                    throw new RejectedRecordException(
                            "raw plane has "
                                    + plane.getData().size()
                                    + " bytes, expected "
                                    + expected);
                }
                return plane.getData().toByteArray();
            }
            case ZSTD_DELTA -> {
                byte[] packed = plane.getData().toByteArray();
                long size = Zstd.decompressedSize(packed);
                if (size != expected) {
                    throw new RejectedRecordException(
                            "compressed plane holds " + size + " bytes, expected " + expected);
                }
                byte[] out = new byte[(int) expected];
                long n = Zstd.decompress(out, packed);
                if (Zstd.isError(n) || n != expected) {
                    throw new RejectedRecordException("compressed plane is corrupt");
                }
                int row = w * c;
                for (int y = 0; y < h; y++) {
                    int o = y * row;
                    for (int i = c; i < row; i++) {
                        out[o + i] = (byte) (out[o + i] + out[o + i - c]);
                    }
                }
                return out;
            }
            default ->
                    throw new RejectedRecordException(
                            "unknown pixel codec " + plane.getCodecValue());
        }
    }

    private static void checkShape(int length, int width, int height, int channels) {
        if (width < 1 || height < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "plane shape must be positive with 1 or 3 channels, got "
                            + width
                            + "x"
                            + height
                            + "x"
                            + channels);
        }
        if (length != width * height * channels) {
            throw new IllegalArgumentException(
                    "plane has "
                            + length
                            + " samples, expected width*height*channels = "
                            + width * height * channels);
        }
    }
}
