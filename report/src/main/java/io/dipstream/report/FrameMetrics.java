package io.dipstream.report;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_quality.QualitySSIM;

/**
 * Full-reference metrics of one 8-bit 3-channel frame against another, computed by OpenCV.
 *
 * <ul>
 *   <li>PSNR: {@code opencv_core.PSNR} over all samples, peak 255.
 *   <li>SSIM: OpenCV's quality module ({@link QualitySSIM}, Gaussian 11×11 window), the mean of the
 *       three channels' SSIM.
 *   <li>tdPSNR: the PSNR, peak 255, between the frame-to-frame differences of the two clips, {@code
 *       x_t − x_{t−1}} against {@code r_t − r_{t−1}} as signed floats. It is high when the clip
 *       changes from frame to frame as the reference does, low when it flickers.
 * </ul>
 *
 * <p>Identical inputs have an infinite PSNR (OpenCV returns about 361 dB for them); every PSNR here
 * is capped at {@link #PSNR_CAP_DB} so that means and plots stay finite. The arguments must have
 * the same size and type; they are not modified.
 */
public final class FrameMetrics {
    /** The largest PSNR reported, in dB: "identical" in practice (8-bit MSE of 2.6e-5). */
    public static final double PSNR_CAP_DB = 100.0;

    private static final double PEAK = 255.0;

    private FrameMetrics() {}

    public static double psnr(Mat x, Mat reference) {
        return cap(opencv_core.PSNR(x, reference, PEAK));
    }

    public static double ssim(Mat x, Mat reference) {
        try (Mat map = new Mat();
                Scalar s = QualitySSIM.compute(reference, x, map)) {
            return (s.get(0) + s.get(1) + s.get(2)) / 3.0;
        }
    }

    /** tdPSNR of frame t: {@code x, xPrevious} are frames t and t−1 of the clip, likewise ref. */
    public static double differencePsnr(Mat x, Mat xPrevious, Mat reference, Mat refPrevious) {
        try (Mat dx = difference(x, xPrevious);
                Mat dr = difference(reference, refPrevious)) {
            return cap(opencv_core.PSNR(dx, dr, PEAK));
        }
    }

    private static Mat difference(Mat a, Mat b) {
        Mat d = new Mat();
        // A signed float result: an 8-bit subtract would saturate negative differences at 0.
        try (Mat noMask = new Mat()) {
            opencv_core.subtract(a, b, d, noMask, CV_32F);
        }
        return d;
    }

    static double cap(double db) {
        return Math.min(db, PSNR_CAP_DB);
    }
}
