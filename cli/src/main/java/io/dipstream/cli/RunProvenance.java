package io.dipstream.cli;

import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.report.ReportSpec;
import io.dipstream.sink.StreamSink;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The settings and totals of a restore run, as its quality report lists them. */
final class RunProvenance {
    private RunProvenance() {}

    /** The run's settings for the report, in the order a reader wants them. */
    static Map<String, String> of(
            String id, StreamHeader h, StreamSink.Result result, RunStats stats) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("command", "dipstream restore");
        m.put("stream", id);
        m.put("task", h.getTask().name().toLowerCase(Locale.ROOT));
        m.put("preset", h.getPreset());
        m.put("seed", Long.toString(h.getSeed()));
        m.put("first_frame_iterations", Integer.toString(h.getFirstFrameIterations()));
        m.put("later_frame_iterations_cap", Integer.toString(h.getLaterFrameIterations()));
        m.put(
                "later_frames_stop",
                h.getFramePatience() > 0
                        ? "outputs settled: min "
                                + h.getMinFrameIterations()
                                + ", patience "
                                + h.getFramePatience()
                        : "fixed");
        m.put("carry_adam", Boolean.toString(h.getCarryAdam()));
        m.put("scene_cut_threshold", Float.toString(h.getSceneCutThreshold()));
        m.put("temporal_blend", Float.toString(h.getTemporalBlend()));
        m.put("temporal_radius", Integer.toString(h.getTemporalRadius()));
        m.put("pre_roll", Integer.toString(h.getPreRoll()));
        m.put("discrepancy", Float.toString(h.getDiscrepancy()));
        m.put("frame_seconds", Float.toString(h.getFrameSeconds()));
        m.put("residual_detail", Boolean.toString(h.getResidualDetail()));
        m.put("cold_every_frame", Boolean.toString(h.getColdEveryFrame()));
        m.put("frames", Long.toString(result.frames()));
        m.put("iterations_total", Long.toString(stats.iterations));
        m.put("scene_cuts", Long.toString(stats.sceneCuts));
        m.put("underfit_frames", Long.toString(stats.underfit.size()));
        m.put(
                "underfit_frame_indices",
                stats.underfit.isEmpty() ? "none" : stats.underfit.toString());
        m.put("engine_seconds", String.format(Locale.ROOT, "%.2f", stats.engineSeconds));
        m.put(
                ReportSpec.SECONDS_PER_FRAME,
                String.format(
                        Locale.ROOT, "%.4f", stats.engineSeconds / Math.max(1, result.frames())));
        return m;
    }
}
