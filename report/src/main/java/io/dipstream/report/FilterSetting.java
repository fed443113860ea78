package io.dipstream.report;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One FFmpeg video filter with its options, e.g. {@code nlmeans} with {@code s=20}, as run by the
 * comparison.
 *
 * <p>Construction guarantees a single filter: the name is a plain filter name and the options
 * contain no filter-graph separators ({@code , ; [ ]}), so a setting cannot smuggle in a second
 * filter. Whether FFmpeg knows the filter and its options is only found out when it runs.
 *
 * @param filter FFmpeg filter name, e.g. {@code "hqdn3d"}
 * @param options the filter's options in FFmpeg syntax ({@code key=value:key=value}), may be empty
 */
public record FilterSetting(String filter, String options) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
    private static final Pattern GRAPH_SYNTAX = Pattern.compile("[,;\\[\\]]");

    /**
     * The pixel format the filters run in. Planar 4:4:4 YUV: what the denoisers are written for,
     * with no chroma subsampling; the RGB → YUV → RGB round trip alone is measured by the
     * comparison and is far above the filters' differences.
     */
    static final String WORKING_FORMAT = "yuv444p";

    public FilterSetting {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(options, "options");
        if (!NAME.matcher(filter).matches()) {
            throw new IllegalArgumentException(
                    "filter must be an FFmpeg filter name (a-z, 0-9, _), got '" + filter + "'");
        }
        if (GRAPH_SYNTAX.matcher(options).find()) {
            throw new IllegalArgumentException(
                    "options of " + filter + " must not contain , ; [ or ], got '" + options + "'");
        }
    }

    /** E.g. {@code nlmeans=s=20}, or just the name without options. */
    public String label() {
        return options.isEmpty() ? filter : filter + "=" + options;
    }

    /** The filter graph the comparison runs: packed RGB in and out, the filter in between. */
    String graph() {
        return "format=" + WORKING_FORMAT + "," + label() + ",format=rgb24";
    }
}
