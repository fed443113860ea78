package io.dipstream.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

/** Per-frame line charts drawn with XChart, as PNG bytes. */
final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 340;

    private Charts() {}

    /**
     * One line per series of the values {@code metric} picks, x = frame index; NaN values (frame 0
     * of tdPSNR, SSIM that was not measured) are left out.
     *
     * @return the PNG, or null when no series has a value to draw
     */
    static byte[] perFrame(
            String title,
            String yTitle,
            List<MetricSeries> series,
            Function<MetricSeries, double[]> metric) {
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title(title)
                        .xAxisTitle("frame")
                        .yAxisTitle(yTitle)
                        .build();
        XYStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setMarkerSize(4);
        styler.setXAxisDecimalPattern("#");
        boolean any = false;
        for (MetricSeries s : series) {
            double[] values = metric.apply(s);
            int n = 0;
            for (double v : values) {
                n += Double.isNaN(v) ? 0 : 1;
            }
            if (n == 0) {
                continue;
            }
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0, k = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    x[k] = i;
                    y[k++] = values[i];
                }
            }
            chart.addSeries(s.label(), x, y);
            any = true;
        }
        if (!any) {
            return null;
        }
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart " + title, e);
        }
    }
}
