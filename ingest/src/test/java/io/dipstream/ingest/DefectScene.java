package io.dipstream.ingest;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A synthetic scan of damaged film: a pan over a photograph (sample-videos/chelsea.png) with dust
 * specks, vertical scratches and Gaussian noise, and the truth of where the defects are.
 *
 * <p>Frame t is a 144x112 window of the photograph moved by {@code speed + t%2} px right and {@code
 * t%2} px down from the previous one. Every frame gets {@code dust} specks: discs 2-6 px across, of
 * one grey 80-120 levels brighter or darker (at random) than the luma under them. With {@code
 * scratches}, frames 2-5 carry a 1 px bright scratch (+60) and frames 3-4 a 2 px dark one (-60),
 * each 90% of the height and drifting by a pixel every other frame. The noise (σ per channel,
 * independent) goes over everything, like grain.
 */
final class DefectScene {
    static final int W = 144;
    static final int H = 112;
    private static final Path PHOTO = Path.of("..", "sample-videos", "chelsea.png");

    final List<byte[]> frames = new ArrayList<>();
    final List<boolean[]> defects = new ArrayList<>();

    static DefectScene pan(
            int frames, int speed, int dust, boolean scratches, double sigma, long seed) {
        BufferedImage photo = photo();
        Random random = new Random(seed);
        DefectScene scene = new DefectScene();
        int x0 = 0;
        int y0 = 0;
        for (int t = 0; t < frames; t++) {
            int[] f = crop(photo, x0, y0);
            boolean[] truth = new boolean[W * H];
            for (int i = 0; i < dust; i++) {
                speck(f, truth, random);
            }
            if (scratches && t >= 2 && t <= 5) {
                scratch(f, truth, W / 3 + (t / 2) % 2, 1, 60);
            }
            if (scratches && t >= 3 && t <= 4) {
                scratch(f, truth, 2 * W / 3 + (t / 2) % 2, 2, -60);
            }
            scene.frames.add(noisy(f, sigma, random));
            scene.defects.add(truth);
            x0 += speed + t % 2;
            y0 += t % 2;
        }
        return scene;
    }

    private static BufferedImage photo() {
        try {
            return ImageIO.read(PHOTO.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Samples as ints (R, G, B interleaved) so that defects and noise can overshoot before
     * clipping.
     */
    private static int[] crop(BufferedImage photo, int x0, int y0) {
        int[] f = new int[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int rgb = photo.getRGB(x0 + x, y0 + y);
                int i = 3 * (y * W + x);
                f[i] = rgb >> 16 & 0xff;
                f[i + 1] = rgb >> 8 & 0xff;
                f[i + 2] = rgb & 0xff;
            }
        }
        return f;
    }

    private static void speck(int[] f, boolean[] truth, Random random) {
        int d = 2 + random.nextInt(5);
        int cx = random.nextInt(W - d);
        int cy = random.nextInt(H - d);
        double r2 = d * d / 4.0 + 0.5;
        double c = (d - 1) / 2.0;
        List<Integer> pixels = new ArrayList<>();
        double background = 0;
        for (int y = cy; y < cy + d; y++) {
            for (int x = cx; x < cx + d; x++) {
                if ((y - cy - c) * (y - cy - c) + (x - cx - c) * (x - cx - c) <= r2) {
                    int p = y * W + x;
                    pixels.add(p);
                    background += 0.299 * f[3 * p] + 0.587 * f[3 * p + 1] + 0.114 * f[3 * p + 2];
                }
            }
        }
        background /= pixels.size();
        double contrast = (random.nextBoolean() ? 1 : -1) * (80 + 40 * random.nextDouble());
        double grey = background + contrast;
        if (grey < 0 || grey > 255) {
            grey = background - contrast;
        }
        int value = (int) Math.round(Math.max(0, Math.min(255, grey)));
        for (int p : pixels) {
            f[3 * p] = value;
            f[3 * p + 1] = value;
            f[3 * p + 2] = value;
            truth[p] = true;
        }
    }

    private static void scratch(int[] f, boolean[] truth, int x0, int width, int delta) {
        for (int y = H / 20; y < H - H / 20; y++) {
            for (int x = x0; x < x0 + width; x++) {
                int p = y * W + x;
                for (int ch = 0; ch < 3; ch++) {
                    f[3 * p + ch] += delta;
                }
                truth[p] = true;
            }
        }
    }

    private static byte[] noisy(int[] f, double sigma, Random random) {
        byte[] out = new byte[f.length];
        for (int i = 0; i < f.length; i++) {
            long v = Math.round(f[i] + sigma * random.nextGaussian());
            out[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return out;
    }

    /** Detects every frame with its neighbours; returns the masks. */
    List<byte[]> detect(DefectDetector detector) {
        List<byte[]> masks = new ArrayList<>();
        for (int t = 0; t < frames.size(); t++) {
            byte[] prev = t > 0 ? frames.get(t - 1) : null;
            byte[] next = t + 1 < frames.size() ? frames.get(t + 1) : null;
            masks.add(detector.detect(W, H, prev, frames.get(t), next));
        }
        return masks;
    }

    /** Recall over defect pixels and false-positive rate over clean pixels, all frames together. */
    Score score(List<byte[]> masks) {
        long hits = 0;
        long defectPixels = 0;
        long falseAlarms = 0;
        long cleanPixels = 0;
        for (int t = 0; t < masks.size(); t++) {
            for (int p = 0; p < W * H; p++) {
                boolean marked = masks.get(t)[p] != 0;
                if (defects.get(t)[p]) {
                    defectPixels++;
                    hits += marked ? 1 : 0;
                } else {
                    cleanPixels++;
                    falseAlarms += marked ? 1 : 0;
                }
            }
        }
        return new Score(
                defectPixels == 0 ? 1 : (double) hits / defectPixels,
                (double) falseAlarms / cleanPixels,
                defectPixels / (double) masks.size());
    }

    record Score(double recall, double falsePositiveRate, double defectPixelsPerFrame) {
        @Override
        public String toString() {
            return String.format(
                    "recall %.4f, false positives %.4f of clean pixels (%.0f defect px/frame)",
                    recall, falsePositiveRate, defectPixelsPerFrame);
        }
    }
}
