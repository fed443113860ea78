package io.dipstream.image;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import io.dipstream.dip.Image;
import io.dipstream.dip.NativeRuntime;
import io.dipstream.frames.BadInputException;
import io.dipstream.frames.files.AtomicOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reads and writes images with OpenCV (through JavaCV) as engine {@link Image}s.
 *
 * <p>Guarantees: a file that is missing, unreadable or not an image raises {@link
 * BadInputException} naming it; {@link #write} writes to a temporary name beside the target and
 * renames it only when complete, so a failed or interrupted write never leaves a file that looks
 * finished.
 */
public final class ImageFiles {
    static {
        // OpenCV only: reading an image must not start ND4J before a command chose its backend.
        NativeRuntime.configureNatives();
    }

    private ImageFiles() {}

    /** An RGB image with values in [0, 1]. */
    public static Image readRgb(Path path) {
        Mat bgr = read(path, IMREAD_COLOR);
        try {
            return fromBgr(bgr);
        } finally {
            bgr.close();
        }
    }

    /**
     * A damage mask as a 1-channel "known" image: white (≥ 128) pixels of the file mark what to
     * fill and become 0; black pixels are known and become 1 (OpenCV's and FFmpeg's convention).
     */
    public static Image readMask(Path path) {
        Mat gray = read(path, IMREAD_GRAYSCALE);
        try {
            int h = gray.rows();
            int w = gray.cols();
            byte[] px = new byte[h * w];
            gray.data().get(px);
            float[] known = new float[h * w];
            for (int i = 0; i < px.length; i++) {
                known[i] = (px[i] & 0xff) >= 128 ? 0f : 1f;
            }
            return new Image(1, h, w, known);
        } finally {
            gray.close();
        }
    }

    /** Writes an RGB image (format from the extension) via a temporary file and a rename. */
    public static void write(Image image, Path path) {
        checkWritable(path);
        Path abs = path.toAbsolutePath();
        Path tmp = AtomicOutput.partialFor(abs);
        Mat bgr = toBgr(image);
        try {
            if (!imwrite(tmp.toString(), bgr)) {
                throw new BadInputException(path + ": cannot write an image of this format");
            }
            AtomicOutput.commit(tmp, abs);
        } catch (IOException | RuntimeException e) {
            AtomicOutput.discard(tmp);
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException(path + ": cannot write (" + e.getMessage() + ")");
        } finally {
            bgr.close();
        }
    }

    /**
     * Fails with {@link BadInputException} unless {@code path} can be written as an image: its
     * directory exists and is writable and OpenCV knows the extension. Call before long work.
     */
    public static void checkWritable(Path path) {
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException(path + ": output directory does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new BadInputException(path + ": output directory is not writable");
        }
        if (Files.isDirectory(abs)) {
            throw new BadInputException(path + ": output is a directory");
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new BadInputException(path + ": output file is not writable");
        }
        String ext = extension(abs.getFileName().toString()).toLowerCase(Locale.ROOT);
        if (!java.util.Set.of(".png", ".bmp", ".tif", ".tiff", ".jpg", ".jpeg", ".ppm", ".webp")
                .contains(ext)) {
            throw new BadInputException(
                    path
                            + ": unknown image extension '"
                            + ext
                            + "' (use .png, .jpg, .bmp or .tif)");
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot);
    }

    private static Mat read(Path path, int flags) {
        if (!Files.exists(path)) {
            throw new BadInputException(path + ": file does not exist");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new BadInputException(path + ": not a readable file");
        }
        Mat m = imread(path.toString(), flags);
        if (m == null || m.empty()) {
            throw new BadInputException(path + ": not an image (OpenCV cannot decode it)");
        }
        if (m.depth() != opencv_core.CV_8U) {
            Mat converted = new Mat();
            m.convertTo(converted, opencv_core.CV_8U, 1.0 / 257, 0);
            m.close();
            return converted;
        }
        return m;
    }

    static Image fromBgr(Mat bgr) {
        int h = bgr.rows();
        int w = bgr.cols();
        byte[] px = new byte[h * w * 3];
        ((BytePointer) bgr.data()).get(px);
        float[] v = new float[3 * h * w];
        for (int i = 0; i < h * w; i++) {
            v[i] = (px[3 * i + 2] & 0xff) / 255f;
            v[h * w + i] = (px[3 * i + 1] & 0xff) / 255f;
            v[2 * h * w + i] = (px[3 * i] & 0xff) / 255f;
        }
        return new Image(3, h, w, v);
    }

    /** 8-bit BGR, values rounded and clipped (the caller closes it). */
    static Mat toBgr(Image im) {
        if (im.channels() != 3) {
            throw new IllegalArgumentException("RGB image expected");
        }
        int h = im.height();
        int w = im.width();
        byte[] px = new byte[h * w * 3];
        float[] v = im.data();
        for (int i = 0; i < h * w; i++) {
            px[3 * i + 2] = to8(v[i]);
            px[3 * i + 1] = to8(v[h * w + i]);
            px[3 * i] = to8(v[2 * h * w + i]);
        }
        Mat m = new Mat(h, w, opencv_core.CV_8UC3);
        m.data().put(px);
        return m;
    }

    private static byte to8(float v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v * 255f)));
    }
}
