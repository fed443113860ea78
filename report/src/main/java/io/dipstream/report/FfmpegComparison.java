package io.dipstream.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's denoisers on the same input, scored against the same reference as dipstream.
 *
 * <p>Each setting re-decodes input and reference, so memory stays at a few frames whatever the
 * clip's length. A setting FFmpeg cannot run is kept as an unavailable result with the reason,
 * never a failure of the report.
 *
 * @param results every setting of the sweep, in sweep order
 * @param conversionPsnr PSNR (dB, capped) of the input after the RGB → {@code yuv444p} → RGB round
 *     trip that every filter also goes through, against the input itself: how much the conversion
 *     alone can bias the comparison; NaN if it failed
 */
record FfmpegComparison(List<FilterResult> results, double conversionPsnr) {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegComparison.class);

    FfmpegComparison {
        results = List.copyOf(results);
    }

    static FfmpegComparison run(FilterSweep sweep, Path input, Path reference) {
        FilterResult conversion =
                new FilterRun(new FilterSetting("null", ""), input, input, false).run();
        List<FilterResult> results = new ArrayList<>();
        for (FilterSetting s : sweep.settings()) {
            LOG.info("comparison: {}", s.label());
            results.add(new FilterRun(s, input, reference, true).run());
        }
        double roundTrip = conversion.available() ? conversion.series().meanPsnr() : Double.NaN;
        return new FfmpegComparison(results, roundTrip);
    }

    /** The best-PSNR available setting of each filter, in sweep order of the filters. */
    List<FilterResult> bestPerFilter() {
        Map<String, FilterResult> best = new LinkedHashMap<>();
        for (FilterResult r : results) {
            if (r.available()) {
                best.merge(
                        r.setting().filter(),
                        r,
                        (a, b) -> b.series().meanPsnr() > a.series().meanPsnr() ? b : a);
            }
        }
        return List.copyOf(best.values());
    }

    /** Every setting as a table row, best PSNR first, unavailable ones last. */
    List<ComparisonRow> rows() {
        return results.stream().map(ComparisonRow::of).sorted(ComparisonRow.BEST_FIRST).toList();
    }

    Optional<ComparisonRow> best() {
        return bestPerFilter().stream()
                .map(ComparisonRow::of)
                .max(Comparator.comparingDouble(ComparisonRow::psnr));
    }
}
