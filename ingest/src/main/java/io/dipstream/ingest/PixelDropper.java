package io.dipstream.ingest;

import java.util.SplittableRandom;

/**
 * Simulated damage for testing inpainting: drops {@code round(fraction * pixels)} pixels of every
 * frame, exactly, chosen uniformly at random.
 *
 * <p>Guarantees: the pattern depends only on the seed, the frame index and the frame size, so a
 * stream ingested twice is damaged identically; different frames (and different seeds) get
 * independent patterns.
 */
final class PixelDropper {
    /** Keeps the drop pattern apart from anything else seeded with the stream's seed. */
    private static final long SALT = 0x64726f7020706978L;

    private final double fraction;
    private final long seed;

    PixelDropper(double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1), got " + fraction);
        }
        this.fraction = fraction;
        this.seed = seed;
    }

    /** The dropped pixels of frame {@code index}: 255 where dropped, else 0. */
    byte[] mask(long index, int pixels) {
        byte[] mask = new byte[pixels];
        SplittableRandom random = new SplittableRandom(mix(mix(seed ^ SALT) + index));
        int wanted = (int) Math.round(fraction * pixels);
        // Selection sampling (Knuth's Algorithm S): each pixel is taken with probability
        // wanted/remaining, which picks exactly `wanted` of them, every subset equally likely.
        for (int i = 0; i < pixels && wanted > 0; i++) {
            if (random.nextInt(pixels - i) < wanted) {
                mask[i] = (byte) 255;
                wanted--;
            }
        }
        return mask;
    }

    /** Sets the RGB samples of the pixels {@code dropped} marks to 0. */
    static void blank(byte[] rgb, byte[] dropped) {
        for (int i = 0; i < dropped.length; i++) {
            if (dropped[i] != 0) {
                rgb[3 * i] = 0;
                rgb[3 * i + 1] = 0;
                rgb[3 * i + 2] = 0;
            }
        }
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
