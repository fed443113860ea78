package io.dipstream.report;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-frame PSNR, SSIM and tdPSNR of one clip against a reference, index = frame number.
 *
 * <p>Guarantees: the three arrays have the same length, at least 1. {@code tdPsnr[0]} is NaN (frame
 * 0 has no predecessor); {@code ssim} is all NaN when SSIM was not measured. PSNRs are capped at
 * {@link FrameMetrics#PSNR_CAP_DB}. The arrays are copied in and out.
 *
 * @param label what was measured, e.g. "restored"
 */
record MetricSeries(String label, double[] psnr, double[] ssim, double[] tdPsnr) {

    MetricSeries {
        Objects.requireNonNull(label, "label");
        if (psnr.length == 0 || ssim.length != psnr.length || tdPsnr.length != psnr.length) {
            throw new IllegalArgumentException(
                    "psnr, ssim and tdPsnr must have one value per frame (at least one), got "
                            + psnr.length
                            + ", "
                            + ssim.length
                            + " and "
                            + tdPsnr.length);
        }
        psnr = psnr.clone();
        ssim = ssim.clone();
        tdPsnr = tdPsnr.clone();
    }

    @Override
    public double[] psnr() {
        return psnr.clone();
    }

    @Override
    public double[] ssim() {
        return ssim.clone();
    }

    @Override
    public double[] tdPsnr() {
        return tdPsnr.clone();
    }

    public int frames() {
        return psnr.length;
    }

    public double meanPsnr() {
        return mean(psnr);
    }

    /** NaN when SSIM was not measured. */
    public double meanSsim() {
        return mean(ssim);
    }

    /** Mean over frames 1..n−1; NaN for a one-frame clip. */
    public double meanTdPsnr() {
        return mean(tdPsnr);
    }

    /** The mean of the values that are not NaN; NaN when there are none. */
    static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricSeries m
                && label.equals(m.label)
                && Arrays.equals(psnr, m.psnr)
                && Arrays.equals(ssim, m.ssim)
                && Arrays.equals(tdPsnr, m.tdPsnr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                label, Arrays.hashCode(psnr), Arrays.hashCode(ssim), Arrays.hashCode(tdPsnr));
    }

    @Override
    public String toString() {
        return "MetricSeries[" + label + ", " + frames() + " frames, mean PSNR " + meanPsnr() + "]";
    }
}
