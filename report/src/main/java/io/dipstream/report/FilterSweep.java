package io.dipstream.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The FFmpeg filter settings the comparison runs, in order. Non-empty and immutable.
 *
 * <p>{@link #defaults()} is a small sweep per denoiser sized for additive Gaussian noise of σ≈25 on
 * 8-bit video: each brackets the best strength measured on the sample clip (docs/report.md has the
 * numbers); tests pass smaller sweeps.
 */
public record FilterSweep(List<FilterSetting> settings) {

    public FilterSweep {
        if (settings == null || settings.isEmpty()) {
            throw new IllegalArgumentException("settings must name at least one filter setting");
        }
        settings = List.copyOf(settings);
    }

    public static FilterSweep of(FilterSetting... settings) {
        return new FilterSweep(List.of(settings));
    }

    /** Three strengths each of hqdn3d, nlmeans, atadenoise, fftdnoiz and bm3d (15 settings). */
    public static FilterSweep defaults() {
        List<FilterSetting> s = new ArrayList<>();
        for (double luma : new double[] {15, 25, 35}) {
            s.add(new FilterSetting("hqdn3d", hqdn3d(luma)));
        }
        for (int strength : new int[] {8, 10, 14}) {
            s.add(new FilterSetting("nlmeans", "s=" + strength));
        }
        for (String[] ab : new String[][] {{"0.1", "1"}, {"0.2", "2"}, {"0.3", "5"}}) {
            s.add(new FilterSetting("atadenoise", atadenoise(ab[0], ab[1])));
        }
        // 30 is the largest sigma FFmpeg 5.0's fftdnoiz accepts.
        for (int sigma : new int[] {20, 25, 30}) {
            s.add(new FilterSetting("fftdnoiz", "sigma=" + sigma));
        }
        for (int sigma : new int[] {15, 25, 35}) {
            s.add(new FilterSetting("bm3d", bm3d(sigma)));
        }
        return new FilterSweep(s);
    }

    /** Options of hqdn3d at luma strength {@code luma}, the others in the filter's own ratios. */
    public static String hqdn3d(double luma) {
        double chroma = 0.75 * luma;
        double temporal = 1.5 * luma;
        return String.format(
                Locale.ROOT,
                "luma_spatial=%s:chroma_spatial=%s:luma_tmp=%s:chroma_tmp=%s",
                num(luma),
                num(chroma),
                num(temporal),
                num(temporal * chroma / luma));
    }

    /** Options of atadenoise with thresholds A and B on all three planes. */
    public static String atadenoise(String a, String b) {
        return String.join(":", "0a=" + a, "1a=" + a, "2a=" + a, "0b=" + b, "1b=" + b, "2b=" + b);
    }

    /**
     * Options of bm3d with block matching on. With group=1 or thmse=0 FFmpeg's bm3d matches no
     * blocks and is plain DCT thresholding. FFmpeg scales thmse by group·block²·range²/255² (2.55
     * for group 8, block 16, range 9), and two noisy 16×16 blocks of the same content differ by an
     * SSE of about 2σ²·256, so 250σ² admits them with some margin.
     */
    public static String bm3d(int sigma) {
        return "sigma=" + sigma + ":group=8:range=9:thmse=" + 250 * sigma * sigma;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
