package io.dipstream.report;

import java.util.Arrays;

/**
 * Accumulates {@link MetricSeries} of one clip against a reference, one frame at a time, from the
 * two clips' {@link RollingFrame}s.
 */
final class SeriesScorer {
    private final String label;
    private final boolean withSsim;
    private double[] psnr = new double[64];
    private double[] ssim = new double[64];
    private double[] tdPsnr = new double[64];
    private int n;

    /**
     * @param withSsim SSIM costs about ten PSNRs; measures that only show how far apart two clips
     *     are leave it out
     */
    SeriesScorer(String label, boolean withSsim) {
        this.label = label;
        this.withSsim = withSsim;
    }

    /** Scores the current frame of {@code clip} against the current frame of {@code reference}. */
    void add(RollingFrame clip, RollingFrame reference) {
        if (n == psnr.length) {
            psnr = Arrays.copyOf(psnr, 2 * n);
            ssim = Arrays.copyOf(ssim, 2 * n);
            tdPsnr = Arrays.copyOf(tdPsnr, 2 * n);
        }
        psnr[n] = FrameMetrics.psnr(clip.current(), reference.current());
        ssim[n] = withSsim ? FrameMetrics.ssim(clip.current(), reference.current()) : Double.NaN;
        boolean hasPrevious = clip.previous() != null && reference.previous() != null;
        tdPsnr[n] =
                hasPrevious
                        ? FrameMetrics.differencePsnr(
                                clip.current(),
                                clip.previous(),
                                reference.current(),
                                reference.previous())
                        : Double.NaN;
        n++;
    }

    int frames() {
        return n;
    }

    /** The series so far; needs at least one frame. */
    MetricSeries result() {
        return new MetricSeries(
                label, Arrays.copyOf(psnr, n), Arrays.copyOf(ssim, n), Arrays.copyOf(tdPsnr, n));
    }
}
