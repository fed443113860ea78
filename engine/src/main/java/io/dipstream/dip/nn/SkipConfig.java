package io.dipstream.dip.nn;

import java.util.Arrays;
import java.util.List;

/**
 * The reference's {@code skip(...)} encoder-decoder as per-scale lists (DIP-REFERENCE §1.2).
 *
 * <p>Validated on construction: every list has one entry per scale, channel counts are positive
 * (skip channels may be 0), filter sizes odd.
 *
 * @param inputDepth channels of the network input (32 for noise z, 3 for a flash image)
 * @param outputChannels channels of the output image (3 for RGB)
 * @param down channels of the downsampling branch per scale
 * @param up channels after the upsampling merge per scale
 * @param skip channels of the 1×1 skip branch per scale (0 leaves it out)
 * @param filterDown filter size of the down convolutions
 * @param filterUp filter size of the up convolution
 * @param upsample upsampling mode per scale
 * @param need1x1Up whether each scale ends with a 1×1 conv → BN → LeakyReLU
 */
public record SkipConfig(
        int inputDepth,
        int outputChannels,
        List<Integer> down,
        List<Integer> up,
        List<Integer> skip,
        int filterDown,
        int filterUp,
        List<Upsample> upsample,
        boolean need1x1Up) {

    /** Upsampling modes of the reference. */
    public enum Upsample {
        NEAREST,
        BILINEAR
    }

    public SkipConfig {
        if (inputDepth < 1) {
            throw new IllegalArgumentException("inputDepth must be >= 1, got " + inputDepth);
        }
        if (outputChannels < 1) {
            throw new IllegalArgumentException(
                    "outputChannels must be >= 1, got " + outputChannels);
        }
        down = List.copyOf(down);
        up = List.copyOf(up);
        skip = List.copyOf(skip);
        upsample = List.copyOf(upsample);
        int n = down.size();
        if (n < 1) {
            throw new IllegalArgumentException("down must list at least one scale");
        }
        if (up.size() != n || skip.size() != n || upsample.size() != n) {
            throw new IllegalArgumentException(
                    "down, up, skip and upsample must have one entry per scale: sizes "
                            + n
                            + ", "
                            + up.size()
                            + ", "
                            + skip.size()
                            + ", "
                            + upsample.size());
        }
        for (int i = 0; i < n; i++) {
            if (down.get(i) < 1 || up.get(i) < 1 || skip.get(i) < 0) {
                throw new IllegalArgumentException(
                        "scale " + i + ": down and up must be >= 1 and skip >= 0");
            }
        }
        if (filterDown < 1 || filterDown % 2 == 0 || filterUp < 1 || filterUp % 2 == 0) {
            throw new IllegalArgumentException("filterDown and filterUp must be odd and >= 1");
        }
    }

    /** Scalars broadcast to every scale, as the reference's {@code skip()} does. */
    public static SkipConfig uniform(
            int inputDepth,
            int outputChannels,
            int scales,
            int down,
            int up,
            int skip,
            Upsample upsample) {
        return new SkipConfig(
                inputDepth,
                outputChannels,
                repeat(down, scales),
                repeat(up, scales),
                repeat(skip, scales),
                3,
                3,
                repeat(upsample, scales),
                true);
    }

    /** The reference's default denoising / super-resolution net: 5 scales, 128/128/4, depth 32. */
    public static SkipConfig paper() {
        return uniform(32, 3, 5, 128, 128, 4, Upsample.BILINEAR);
    }

    /** Number of scales. */
    public int scales() {
        return down.size();
    }

    /** H and W of the network must be multiples of this, and at least twice it. */
    public int sizeMultiple() {
        return 1 << scales();
    }

    private static <T> List<T> repeat(T v, int n) {
        Object[] a = new Object[n];
        Arrays.fill(a, v);
        @SuppressWarnings("unchecked")
        List<T> l = (List<T>) Arrays.asList(a);
        return l;
    }
}
