package io.dipstream.report;

import static io.dipstream.report.Html.db;
import static io.dipstream.report.Html.escape;
import static io.dipstream.report.Html.seconds;
import static io.dipstream.report.Html.ssim;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: summary, per-frame charts, still, FFmpeg comparison,
 * per-frame values, provenance and the metrics' definitions. Every text from outside (paths,
 * settings, FFmpeg's messages) is escaped.
 */
final class ReportPage {
    private static final String STYLE =
            "body{font-family:sans-serif;margin:2em;max-width:1400px;color:#222}"
                    + "table{border-collapse:collapse;margin:.5em 0}"
                    + "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}"
                    + "td.k,th.k{text-align:left}tr.dip{background:#e8f0ff;font-weight:bold}"
                    + "p.note{color:#555}img{max-width:100%;display:block;margin:.5em 0}";

    private final ReportContent c;
    private final Measurements m;
    private final StringBuilder out = new StringBuilder(1 << 16);

    private ReportPage(ReportContent content) {
        this.c = content;
        this.m = content.measurements();
    }

    static String render(ReportContent content) {
        return new ReportPage(content).page();
    }

    private String page() {
        String name = String.valueOf(c.spec().restored().getFileName());
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>dipstream report: ")
                .append(escape(name))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n<h1>dipstream quality report</h1>\n<p>")
                .append(escape(name))
                .append(": ")
                .append(m.frames())
                .append(" frames, ")
                .append(ClipSizes.size(m.restoredInfo()))
                .append("</p>\n");
        summary();
        charts();
        still();
        comparison();
        perFrame();
        provenance();
        definitions();
        return out.append("</body></html>\n").toString();
    }

    private void summary() {
        out.append("<section id=\"summary\"><h2>Summary</h2>\n");
        if (!m.hasReference()) {
            out.append(
                    "<p class=\"note\">No reference clip: the quality of the restoration (PSNR,"
                            + " SSIM and tdPSNR against clean frames) needs one (--reference)."
                            + " Shown is how far the restoration moved from its input.</p>\n");
        }
        if (m.scale() > 1) {
            out.append("<p class=\"note\">Super-resolution ×")
                    .append(m.scale())
                    .append(": the input is scaled up bicubically to be measured.</p>\n");
        }
        out.append("<table><tr><th class=\"k\">clip</th><th class=\"k\">against</th>")
                .append("<th>PSNR (dB)</th><th>SSIM</th><th>tdPSNR (dB)</th></tr>\n");
        if (m.hasReference()) {
            summaryRow(m.restoredVsReference(), "reference", true);
            summaryRow(m.inputVsReference(), "reference", false);
        }
        summaryRow(m.restoredVsInput(), "input", false);
        out.append("</table></section>\n");
    }

    private void summaryRow(MetricSeries s, String against, boolean highlight) {
        out.append(highlight ? "<tr class=\"dip\">" : "<tr>")
                .append(cell(s.label().replace(" vs input", ""), true))
                .append(cell(against, true))
                .append(cell(db(s.meanPsnr()), false))
                .append(cell(ssim(s.meanSsim()), false))
                .append(cell(db(s.meanTdPsnr()), false))
                .append("</tr>\n");
    }

    private void charts() {
        out.append("<section id=\"charts\"><h2>Per frame</h2>\n");
        for (ReportContent.Chart chart : c.charts()) {
            out.append(Html.image(chart.png(), chart.title())).append('\n');
        }
        out.append("</section>\n");
    }

    private void still() {
        out.append("<section id=\"still\"><h2>Still: frame ")
                .append(m.still().index())
                .append("</h2>\n")
                .append(Html.image(c.still(), "input, restored and reference side by side"))
                .append("\n</section>\n");
    }

    private void comparison() {
        if (c.comparison() == null) {
            return;
        }
        out.append("<section id=\"comparison\"><h2>Compared with FFmpeg's denoisers</h2>\n")
                .append("<p class=\"note\">Each filter ran on the input through FFmpeg ")
                .append(escape(String.valueOf(c.provenance().get("ffmpeg"))))
                .append(" (JavaCV) in yuv444p, scored in RGB against the reference; best PSNR")
                .append(" first. The RGB → yuv444p → RGB round trip alone scores ")
                .append(db(c.comparison().conversionPsnr()))
                .append(" dB against the input. Time per frame is the time inside FFmpeg")
                .append(" (dipstream's as given by its run).</p>\n")
                .append("<table><tr><th>#</th><th class=\"k\">method</th><th class=\"k\">settings")
                .append("</th><th>PSNR (dB)</th><th>SSIM</th><th>tdPSNR (dB)</th>")
                .append("<th>time / frame</th><th class=\"k\">note</th></tr>\n");
        List<ComparisonRow> rows = c.table();
        for (int i = 0; i < rows.size(); i++) {
            ComparisonRow r = rows.get(i);
            out.append(r.method().equals(QualityReport.DIPSTREAM) ? "<tr class=\"dip\">" : "<tr>")
                    .append(cell(r.available() ? Integer.toString(i + 1) : "", false))
                    .append(cell(r.method(), true))
                    .append(cell(r.settings(), true))
                    .append(cell(db(r.psnr()), false))
                    .append(cell(ssim(r.ssim()), false))
                    .append(cell(db(r.tdPsnr()), false))
                    .append(cell(seconds(r.secondsPerFrame()), false))
                    .append(cell(r.available() ? "" : "unavailable: " + r.unavailable(), true))
                    .append("</tr>\n");
        }
        out.append("</table></section>\n");
    }

    private void perFrame() {
        out.append("<section id=\"frames\"><h2>Per-frame values</h2><details><summary>")
                .append(m.frames())
                .append(" frames</summary><table><tr><th>frame</th>");
        List<MetricSeries> series = perFrameSeries();
        for (MetricSeries s : series) {
            String l = escape(s.label());
            out.append("<th>PSNR ").append(l).append("</th>");
            if (!Double.isNaN(s.meanSsim())) {
                out.append("<th>SSIM ").append(l).append("</th>");
            }
            out.append("<th>tdPSNR ").append(l).append("</th>");
        }
        out.append("</tr>\n");
        List<double[][]> values =
                series.stream().map(s -> new double[][] {s.psnr(), s.ssim(), s.tdPsnr()}).toList();
        for (int f = 0; f < m.frames(); f++) {
            out.append("<tr><td>").append(f).append("</td>");
            for (int k = 0; k < series.size(); k++) {
                double[][] v = values.get(k);
                out.append(cell(db(v[0][f]), false));
                if (!Double.isNaN(series.get(k).meanSsim())) {
                    out.append(cell(ssim(v[1][f]), false));
                }
                out.append(cell(db(v[2][f]), false));
            }
            out.append("</tr>\n");
        }
        out.append("</table></details></section>\n");
    }

    private List<MetricSeries> perFrameSeries() {
        return m.hasReference()
                ? List.of(m.inputVsReference(), m.restoredVsReference(), m.restoredVsInput())
                : List.of(m.restoredVsInput());
    }

    private void provenance() {
        out.append("<section id=\"provenance\"><h2>Settings and provenance</h2><table>\n");
        for (Map.Entry<String, String> e : c.provenance().entrySet()) {
            out.append("<tr>")
                    .append(cell(e.getKey(), true))
                    .append(cell(e.getValue(), true))
                    .append("</tr>\n");
        }
        out.append("</table></section>\n");
    }

    private void definitions() {
        out.append("<section id=\"definitions\"><h2>Definitions</h2><ul>")
                .append("<li>Frames are paired by decode order (index), not by timestamp.</li>")
                .append("<li>PSNR = 10·log10(255² / MSE) over all RGB samples (OpenCV).")
                .append(
                        String.format(
                                Locale.ROOT,
                                " Capped at %.0f dB, shown as",
                                FrameMetrics.PSNR_CAP_DB))
                .append(" ≥ 100: identical frames have an infinite PSNR.</li>")
                .append("<li>SSIM: OpenCV's quality module (Gaussian 11×11 window), the mean of")
                .append(" the R, G and B channels.</li>")
                .append("<li>tdPSNR (temporal, flicker): for t ≥ 1, the PSNR between")
                .append(" x<sub>t</sub> − x<sub>t−1</sub> and r<sub>t</sub> − r<sub>t−1</sub>")
                .append(" (signed), peak 255; its mean is over frames 1…n−1. Higher: the clip")
                .append(" changes from frame to frame as the reference does (less flicker).</li>")
                .append("<li>Means are the mean of the per-frame values.</li></ul></section>\n");
    }

    private static String cell(String text, boolean left) {
        return (left ? "<td class=\"k\">" : "<td>") + escape(text) + "</td>";
    }
}
