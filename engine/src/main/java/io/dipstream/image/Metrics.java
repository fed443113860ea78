package io.dipstream.image;

import io.dipstream.dip.Image;
import io.dipstream.frames.BadInputException;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_quality.QualitySSIM;

/**
 * Full-reference quality metrics from OpenCV: PSNR in dB over all RGB values at 8 bits (peak 255),
 * and SSIM (OpenCV's quality module, Gaussian window) averaged over the three channels. Both images
 * are quantised to 8 bits first, as files would be.
 */
public final class Metrics {
    private Metrics() {}

    public static double psnr(Image a, Image reference) {
        requireSameSize(a, reference);
        try (Mat x = ImageFiles.toBgr(a);
                Mat y = ImageFiles.toBgr(reference)) {
            return opencv_core.PSNR(x, y);
        }
    }

    public static double ssim(Image a, Image reference) {
        requireSameSize(a, reference);
        try (Mat x = ImageFiles.toBgr(a);
                Mat y = ImageFiles.toBgr(reference);
                Scalar s = QualitySSIM.compute(y, x, new Mat())) {
            return (s.get(0) + s.get(1) + s.get(2)) / 3.0;
        }
    }

    private static void requireSameSize(Image a, Image b) {
        if (!a.sameSize(b) || a.channels() != b.channels()) {
            throw new BadInputException(
                    "reference is "
                            + b.width()
                            + "x"
                            + b.height()
                            + " but the image is "
                            + a.width()
                            + "x"
                            + a.height());
        }
    }
}
