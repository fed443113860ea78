package io.dipstream.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Clean and noisy synthetic clips (RGB8 frames) for the end-to-end tests, and their error. */
public final class SyntheticClips {
    private SyntheticClips() {}

    /** A textured pattern drifting right and down, so every frame differs from its neighbours. */
    public static List<byte[]> driftingTexture(int width, int height, int frames) {
        List<byte[]> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            byte[] rgb = new byte[width * height * 3];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double s = Math.sin((x + 3 * t) / 4.0) * Math.cos((y + t) / 5.0);
                    int i = (y * width + x) * 3;
                    rgb[i] = (byte) (128 + 90 * s);
                    rgb[i + 1] = (byte) (40 + x);
                    rgb[i + 2] = (byte) (60 + 2 * y);
                }
            }
            out.add(rgb);
        }
        return out;
    }

    /** {@code clean} with Gaussian noise of {@code sigma} levels (seeded), clipped to 0..255. */
    public static List<byte[]> noisy(List<byte[]> clean, double sigma, long seed) {
        Random r = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (byte[] f : clean) {
            byte[] n = new byte[f.length];
            for (int i = 0; i < f.length; i++) {
                long v = Math.round((f[i] & 0xff) + sigma * r.nextGaussian());
                n[i] = (byte) Math.max(0, Math.min(255, v));
            }
            out.add(n);
        }
        return out;
    }

    /** Mean squared error of two frames, in levels². */
    public static double mse(byte[] a, byte[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (a[i] & 0xff) - (b[i] & 0xff);
            s += d * d;
        }
        return s / a.length;
    }
}
