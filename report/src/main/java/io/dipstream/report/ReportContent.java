package io.dipstream.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the HTML page shows, measured and drawn.
 *
 * @param comparison null without an FFmpeg comparison
 * @param table the comparison table, best first (dipstream, the input and every setting); empty
 *     without a comparison
 * @param charts titled PNG charts, in page order
 * @param still the side-by-side still as PNG
 */
record ReportContent(
        ReportSpec spec,
        Measurements measurements,
        FfmpegComparison comparison,
        List<ComparisonRow> table,
        List<Chart> charts,
        byte[] still,
        Map<String, String> provenance) {

    /** A drawn chart and its title. */
    record Chart(String title, byte[] png) {}

    ReportContent {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(measurements, "measurements");
        table = List.copyOf(table);
        charts = List.copyOf(charts);
        Objects.requireNonNull(still, "still");
        Objects.requireNonNull(provenance, "provenance");
    }
}
