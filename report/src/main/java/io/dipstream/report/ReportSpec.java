package io.dipstream.report;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link QualityReport#write} measures and where it writes the report.
 *
 * <p>Start from {@link #of} and add the optional parts with the {@code with...} methods. The
 * constructor rejects an inconsistent spec with an {@link IllegalArgumentException} naming the
 * parameter: missing paths, an output that is one of the clips, a still frame below -1, or an
 * FFmpeg comparison without a reference (the clean clip is what ranks the filters).
 *
 * @param input the degraded clip that was restored (video, image sequence or image directory)
 * @param restored the restoration of {@code input}: the same size, or an integer multiple of it
 * @param reference the clean clip, the restored clip's size; null when there is none
 * @param output the HTML file to write (replaced if it exists)
 * @param ffmpegSweep FFmpeg filter settings to run on the input and rank beside dipstream; null for
 *     no comparison
 * @param stillFrame index of the frame shown side by side, or -1 for the middle frame
 * @param settings the run's settings for the provenance table, in the caller's order (e.g. task,
 *     preset, seed, iterations, stream); the key {@code seconds_per_frame} also gives dipstream's
 *     time in the comparison table
 */
public record ReportSpec(
        Path input,
        Path restored,
        Path reference,
        Path output,
        FilterSweep ffmpegSweep,
        long stillFrame,
        Map<String, String> settings) {

    /** The settings key whose value is dipstream's restoration time per frame in seconds. */
    public static final String SECONDS_PER_FRAME = "seconds_per_frame";

    public ReportSpec {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(restored, "restored");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(settings, "settings");
        for (Path clip : new Path[] {input, restored, reference}) {
            if (clip != null && output.toAbsolutePath().equals(clip.toAbsolutePath())) {
                throw new IllegalArgumentException(
                        "output must not be one of the clips, got " + output);
            }
        }
        if (stillFrame < -1) {
            throw new IllegalArgumentException(
                    "stillFrame must be a frame index or -1 (the middle frame), got " + stillFrame);
        }
        if (ffmpegSweep != null && reference == null) {
            throw new IllegalArgumentException(
                    "ffmpegSweep needs a reference: the clean clip is what ranks the filters");
        }
        settings.forEach(
                (k, v) -> {
                    if (k == null || k.isBlank() || v == null) {
                        throw new IllegalArgumentException(
                                "settings must have non-blank keys and non-null values, got "
                                        + k
                                        + "="
                                        + v);
                    }
                });
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** A report of {@code restored} against its {@code input}, no reference, no comparison. */
    public static ReportSpec of(Path input, Path restored, Path output) {
        return new ReportSpec(input, restored, null, output, null, -1, Map.of());
    }

    public ReportSpec withReference(Path clean) {
        return new ReportSpec(input, restored, clean, output, ffmpegSweep, stillFrame, settings);
    }

    public ReportSpec withFfmpegComparison(FilterSweep sweep) {
        return new ReportSpec(input, restored, reference, output, sweep, stillFrame, settings);
    }

    public ReportSpec withStillFrame(long index) {
        return new ReportSpec(input, restored, reference, output, ffmpegSweep, index, settings);
    }

    public ReportSpec withSettings(Map<String, String> runSettings) {
        return new ReportSpec(
                input, restored, reference, output, ffmpegSweep, stillFrame, runSettings);
    }
}
