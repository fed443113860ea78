package io.dipstream.report;

import io.dipstream.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/** Synthetic frames and lossless clips with known differences, for metrics with exact answers. */
final class Synthetic {
    static final int W = 32;
    static final int H = 24;
    static final double FPS = 25;

    private Synthetic() {}

    /** A smooth moving pattern with values in [40, 215], so offsets up to 40 never clip. */
    static byte[] texture(int w, int h, int t) {
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 127.5 + 87.5 * Math.sin((x + 2.0 * t) / 5.0 + c) * Math.cos(y / 4.0);
                    rgb[(y * w + x) * 3 + c] = (byte) Math.round(v);
                }
            }
        }
        return rgb;
    }

    static List<byte[]> clean(int frames) {
        List<byte[]> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            out.add(texture(W, H, t));
        }
        return out;
    }

    /** Every sample of {@code rgb} plus {@code k} (no clipping for the textures above). */
    static byte[] plus(byte[] rgb, int k) {
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = (byte) ((rgb[i] & 0xff) + k);
        }
        return out;
    }

    /** Frame t plus k on even frames and minus k on odd ones: flicker of amplitude 2k. */
    static List<byte[]> alternating(List<byte[]> frames, int k) {
        List<byte[]> out = new ArrayList<>();
        for (int t = 0; t < frames.size(); t++) {
            out.add(plus(frames.get(t), t % 2 == 0 ? k : -k));
        }
        return out;
    }

    static List<byte[]> offset(List<byte[]> frames, int k) {
        return frames.stream().map(f -> plus(f, k)).toList();
    }

    /** Additive Gaussian noise of standard deviation {@code sigma}, clipped to 8 bits. */
    static List<byte[]> noisy(List<byte[]> frames, double sigma, long seed) {
        Random random = new Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (byte[] f : frames) {
            byte[] n = new byte[f.length];
            for (int i = 0; i < f.length; i++) {
                long v = Math.round((f[i] & 0xff) + sigma * random.nextGaussian());
                n[i] = (byte) Math.max(0, Math.min(255, v));
            }
            out.add(n);
        }
        return out;
    }

    /** Lossless FFV1/Matroska (no stated frame count: the still needs a second pass). */
    static Path clip(Path file, List<byte[]> frames) throws IOException {
        return clip(file, W, H, frames);
    }

    static Path clip(Path file, int w, int h, List<byte[]> frames) throws IOException {
        return TestMedia.ffv1Clip(file, w, h, FPS, frames);
    }

    static Mat mat(byte[] rgb, int w, int h) {
        Mat m = new Mat(h, w, opencv_core.CV_8UC3);
        m.data().put(rgb);
        return m;
    }

    static double db(double mse) {
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
