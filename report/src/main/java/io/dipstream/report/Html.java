package io.dipstream.report;

import java.util.Base64;
import java.util.Locale;

/** Building blocks of the report's HTML: escaping, numbers, embedded images. */
final class Html {
    private Html() {}

    /** Text safe inside an element or a double-quoted attribute. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A PNG as an {@code <img>} whose source is a data URI: the report stays one file. */
    static String image(byte[] png, String alt) {
        return "<img alt=\""
                + escape(alt)
                + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png)
                + "\">";
    }

    /** dB with two decimals; the cap shows as "≥ 100.00" since it stands for "identical". */
    static String db(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        String s = String.format(Locale.ROOT, "%.2f", value);
        return value >= FrameMetrics.PSNR_CAP_DB ? "≥ " + s : s;
    }

    static String ssim(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.4f", value);
    }

    static String seconds(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value < 1
                ? String.format(Locale.ROOT, "%.1f ms", value * 1000)
                : String.format(Locale.ROOT, "%.2f s", value);
    }
}
