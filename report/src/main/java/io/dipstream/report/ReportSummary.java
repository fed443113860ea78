package io.dipstream.report;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The headline numbers of a written report. Means are NaN when unavailable: everything measured
 * against the reference without one, tdPSNR for a one-frame clip.
 *
 * @param output the report file, complete
 * @param frames frames measured in each clip
 * @param psnrIn mean PSNR of the input against the reference (a super-resolution input scaled up
 *     bicubically first)
 * @param ssimIn mean SSIM of the input against the reference
 * @param tdPsnrIn mean tdPSNR of the input against the reference
 * @param psnrOut mean PSNR of the restored clip against the reference
 * @param ssimOut mean SSIM of the restored clip against the reference
 * @param tdPsnrOut mean tdPSNR of the restored clip against the reference
 * @param psnrOutVsIn mean PSNR of the restored clip against the input: how far it moved
 * @param bestFfmpeg the best-PSNR FFmpeg filter setting, when a comparison ran and one worked
 */
public record ReportSummary(
        Path output,
        long frames,
        double psnrIn,
        double ssimIn,
        double tdPsnrIn,
        double psnrOut,
        double ssimOut,
        double tdPsnrOut,
        double psnrOutVsIn,
        Optional<ComparisonRow> bestFfmpeg) {

    public ReportSummary {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(bestFfmpeg, "bestFfmpeg");
    }

    /**
     * One machine-readable line of {@code key=value} pairs, "nan" for unavailable values, e.g.
     * {@code frames=5 psnr_in=20.21 ... best_ffmpeg=nlmeans=s=20 best_ffmpeg_psnr=27.35
     * report=out.report.html}; the best_ffmpeg pairs only with a comparison.
     */
    public String keyValues() {
        StringBuilder sb =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "frames=%d psnr_in=%s ssim_in=%s tdpsnr_in=%s psnr_out=%s"
                                        + " ssim_out=%s tdpsnr_out=%s psnr_out_vs_in=%s",
                                frames,
                                fmt(psnrIn, 2),
                                fmt(ssimIn, 4),
                                fmt(tdPsnrIn, 2),
                                fmt(psnrOut, 2),
                                fmt(ssimOut, 4),
                                fmt(tdPsnrOut, 2),
                                fmt(psnrOutVsIn, 2)));
        bestFfmpeg.ifPresent(
                b ->
                        sb.append(" best_ffmpeg=")
                                .append(b.label().replace(' ', '_'))
                                .append(" best_ffmpeg_psnr=")
                                .append(fmt(b.psnr(), 2)));
        return sb.append(" report=").append(output).toString();
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
