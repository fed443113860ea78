package io.dipstream.dip;

import java.util.SplittableRandom;

/** Small synthetic images for engine tests: smooth gradients and a disc, plus Gaussian noise. */
final class TestImages {
    private TestImages() {}

    static Image smooth(int h, int w) {
        float[] v = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = Math.hypot(y - h / 2.0, x - w / 2.0);
                float disc = r < Math.min(h, w) / 4.0 ? 0.3f : 0f;
                v[y * w + x] = 0.2f + 0.5f * x / w + disc;
                v[h * w + y * w + x] = 0.3f + 0.4f * y / h;
                v[2 * h * w + y * w + x] = 0.6f - disc;
            }
        }
        return new Image(3, h, w, v);
    }

    static Image noisy(Image clean, double sigma, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = clean.data().clone();
        for (int i = 0; i < v.length; i++) {
            double g =
                    Math.sqrt(-2 * Math.log(1 - rng.nextDouble()))
                            * Math.cos(2 * Math.PI * rng.nextDouble());
            v[i] = (float) Math.min(1, Math.max(0, v[i] + sigma * g));
        }
        return new Image(3, clean.height(), clean.width(), v);
    }

    static double psnr(Image a, Image b) {
        double se = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = a.data()[i] - b.data()[i];
            se += d * d;
        }
        return 10 * Math.log10(a.data().length / se);
    }
}
