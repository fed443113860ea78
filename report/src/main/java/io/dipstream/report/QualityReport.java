package io.dipstream.report;

import io.dipstream.frames.files.AtomicOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the quality report of a restoration: one self-contained HTML file with PSNR, SSIM and
 * tdPSNR per frame and mean (OpenCV), per-frame charts (XChart), a still of input | restored |
 * reference, the settings and provenance of the run and, on request, FFmpeg's denoisers on the same
 * input ranked beside dipstream.
 *
 * <p>Guarantees: each clip is decoded once for the metrics (plus once up to the middle frame when
 * the container does not state its length, and once per FFmpeg setting), holding only a few frames
 * in memory. The report appears at {@link ReportSpec#output()} complete or not at all. Bad clips
 * (unreadable, different lengths, sizes that cannot be compared) throw {@link
 * io.dipstream.frames.BadInputException} naming the files; an FFmpeg filter that cannot run is
 * listed as unavailable with the reason.
 */
public final class QualityReport {
    /** The method name of the restoration itself in the comparison table. */
    static final String DIPSTREAM = "dipstream";

    private static final Logger LOG = LoggerFactory.getLogger(QualityReport.class);

    private QualityReport() {}

    /** Where a report goes by default: {@code <restored name without extension>.report.html}. */
    public static Path defaultOutput(Path restored) {
        String name = String.valueOf(restored.getFileName());
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name.replace("%", "");
        return restored.resolveSibling(stem + ".report.html");
    }

    public static ReportSummary write(ReportSpec spec) {
        Measurements m = MeasurementPass.run(spec);
        LOG.info("report: measured {} frames", m.frames());
        FfmpegComparison comparison =
                spec.ffmpegSweep() != null
                        ? FfmpegComparison.run(spec.ffmpegSweep(), spec.input(), spec.reference())
                        : null;
        Map<String, String> provenance = Provenance.of(spec, m);
        List<ComparisonRow> table = comparison != null ? table(spec, m, comparison) : List.of();
        ReportContent content =
                new ReportContent(
                        spec,
                        m,
                        comparison,
                        table,
                        charts(m, comparison),
                        StillPanel.png(m.still()),
                        provenance);
        AtomicOutput.writeString(spec.output(), ReportPage.render(content));
        LOG.info("report written to {}", spec.output());
        return summary(spec, m, comparison);
    }

    private static List<ComparisonRow> table(
            ReportSpec spec, Measurements m, FfmpegComparison comparison) {
        List<ComparisonRow> rows = new ArrayList<>(comparison.rows());
        rows.add(
                ComparisonRow.of(
                        DIPSTREAM,
                        dipstreamSettings(spec.settings()),
                        m.restoredVsReference(),
                        secondsPerFrame(spec.settings())));
        rows.add(ComparisonRow.of("input", "no filtering", m.inputVsReference(), Double.NaN));
        rows.sort(ComparisonRow.BEST_FIRST);
        return rows;
    }

    private static String dipstreamSettings(Map<String, String> settings) {
        List<String> parts = new ArrayList<>();
        for (String key : List.of("task", "preset", "seed", "iterations")) {
            if (settings.containsKey(key)) {
                parts.add(key + "=" + settings.get(key));
            }
        }
        return String.join(" ", parts);
    }

    private static double secondsPerFrame(Map<String, String> settings) {
        String v = settings.get(ReportSpec.SECONDS_PER_FRAME);
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            LOG.warn(
                    "{}={} is not a number; the time per frame is left out",
                    ReportSpec.SECONDS_PER_FRAME,
                    v);
            return Double.NaN;
        }
    }

    private static List<ReportContent.Chart> charts(Measurements m, FfmpegComparison comparison) {
        List<MetricSeries> series = new ArrayList<>();
        if (m.hasReference()) {
            series.add(m.inputVsReference());
            series.add(m.restoredVsReference());
            if (comparison != null) {
                for (FilterResult r : comparison.bestPerFilter()) {
                    // The table has the settings; the legend only needs to tell the filters apart.
                    MetricSeries f = r.series();
                    String label = r.setting().filter() + " (best)";
                    series.add(new MetricSeries(label, f.psnr(), f.ssim(), f.tdPsnr()));
                }
            }
        } else {
            series.add(m.restoredVsInput());
        }
        String against = m.hasReference() ? "against the reference" : "restored against input";
        List<ReportContent.Chart> charts = new ArrayList<>();
        addChart(charts, "PSNR " + against, "dB", series, MetricSeries::psnr);
        addChart(charts, "SSIM " + against, "SSIM", series, MetricSeries::ssim);
        addChart(charts, "tdPSNR " + against, "dB", series, MetricSeries::tdPsnr);
        return charts;
    }

    private static void addChart(
            List<ReportContent.Chart> charts,
            String title,
            String unit,
            List<MetricSeries> series,
            Function<MetricSeries, double[]> metric) {
        byte[] png = Charts.perFrame(title, unit, series, metric);
        if (png != null) {
            charts.add(new ReportContent.Chart(title, png));
        }
    }

    private static ReportSummary summary(
            ReportSpec spec, Measurements m, FfmpegComparison comparison) {
        MetricSeries out = m.restoredVsReference();
        MetricSeries in = m.inputVsReference();
        double nan = Double.NaN;
        return new ReportSummary(
                spec.output(),
                m.frames(),
                in != null ? in.meanPsnr() : nan,
                in != null ? in.meanSsim() : nan,
                in != null ? in.meanTdPsnr() : nan,
                out != null ? out.meanPsnr() : nan,
                out != null ? out.meanSsim() : nan,
                out != null ? out.meanTdPsnr() : nan,
                m.restoredVsInput().meanPsnr(),
                comparison != null ? comparison.best() : Optional.empty());
    }
}
