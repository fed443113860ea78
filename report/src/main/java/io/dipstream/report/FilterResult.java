package io.dipstream.report;

import java.util.Objects;

/**
 * The outcome of one {@link FilterSetting} over the input: its scores and speed, or why it could
 * not run.
 *
 * @param series the filtered clip scored against the truth clip; null when unavailable
 * @param secondsPerFrame wall-clock time inside FFmpeg (format conversions included, decoding and
 *     scoring excluded) per frame; NaN when unavailable
 * @param unavailable why the setting produced no result (FFmpeg refused the filter or its options,
 *     failed on a frame, or returned another number of frames); null when it ran
 */
record FilterResult(
        FilterSetting setting, MetricSeries series, double secondsPerFrame, String unavailable) {

    FilterResult {
        Objects.requireNonNull(setting, "setting");
        if ((series == null) == (unavailable == null)) {
            throw new IllegalArgumentException(
                    "exactly one of series and unavailable must be given for " + setting.label());
        }
    }

    static FilterResult failed(FilterSetting setting, String reason) {
        return new FilterResult(setting, null, Double.NaN, reason);
    }

    boolean available() {
        return series != null;
    }
}
