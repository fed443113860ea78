package io.dipstream.report;

import java.util.Comparator;
import java.util.Objects;

/**
 * One line of the comparison table: a method (dipstream, the unfiltered input, or an FFmpeg filter
 * setting) with its mean scores against the reference.
 *
 * @param method "dipstream", "input" or the FFmpeg filter name
 * @param settings the method's settings, e.g. {@code s=20}; may be empty
 * @param psnr mean PSNR in dB (NaN when unavailable)
 * @param ssim mean SSIM (NaN when unavailable)
 * @param tdPsnr mean tdPSNR in dB (NaN when unavailable or for a single frame)
 * @param secondsPerFrame time per frame, NaN when unknown
 * @param unavailable why the method has no scores; null when it has them
 */
public record ComparisonRow(
        String method,
        String settings,
        double psnr,
        double ssim,
        double tdPsnr,
        double secondsPerFrame,
        String unavailable) {

    /** Best PSNR first; rows without scores last, in their original order. */
    static final Comparator<ComparisonRow> BEST_FIRST =
            Comparator.comparing((ComparisonRow r) -> !r.available())
                    .thenComparing(r -> r.available() ? -r.psnr() : 0);

    public ComparisonRow {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(settings, "settings");
    }

    static ComparisonRow of(String method, String settings, MetricSeries s, double seconds) {
        return new ComparisonRow(
                method, settings, s.meanPsnr(), s.meanSsim(), s.meanTdPsnr(), seconds, null);
    }

    static ComparisonRow of(FilterResult r) {
        return r.available()
                ? of(r.setting().filter(), r.setting().options(), r.series(), r.secondsPerFrame())
                : new ComparisonRow(
                        r.setting().filter(),
                        r.setting().options(),
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        r.unavailable());
    }

    public boolean available() {
        return unavailable == null;
    }

    /** {@code method} with its settings, e.g. {@code nlmeans=s=20}. */
    public String label() {
        return settings.isEmpty() ? method : method + "=" + settings;
    }
}
