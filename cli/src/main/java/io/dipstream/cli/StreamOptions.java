package io.dipstream.cli;

import io.dipstream.dip.DipSettings;
import io.dipstream.dip.Preset;
import io.dipstream.dip.StopRule;
import io.dipstream.dip.Task;
import io.dipstream.dip.VideoSchedule;
import io.dipstream.frames.BadInputException;
import io.dipstream.frames.RestoreSettings;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import io.dipstream.ingest.IngestSpec;
import io.dipstream.restore.TemporalBlend;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Options that say how a stream is restored; they become its header's settings. */
final class StreamOptions {
    /**
     * Three times the largest frame-to-frame distance of the pan sample (0.022; σ=25 noise moves it
     * by less than 0.002), a third of the distance of its first and last frames (0.17).
     */
    static final double SCENE_CUT_THRESHOLD = 0.06;

    /**
     * Neighbours on each side in the multi-frame data term. With sub-pixel warps the target alone
     * (before any fit) at σ=25 gained from k = 3 to 5 on every clip of the development suite: +1.6
     * dB on the grass pan (29.64 → 31.24), +0.9 with a moving object, +0.2 on the zoom
     * (docs/benchmarks.md); 5 frames of latency (10 at a stream's start), one motion estimate per
     * neighbour (about 1.4 s per 320×240 frame at k = 5, a tenth of the fast fit).
     */
    static final int DEFAULT_TEMPORAL_RADIUS = 5;

    /** The residual, in units of what the noise explains, at which a fit stops. */
    static final double DEFAULT_DISCREPANCY = 1.0;

    /**
     * Frames held at the start of the stream and of each scene and restored a second time from
     * warmed weights (docs/benchmarks.md, "Issue 11, fourth step").
     */
    static final int DEFAULT_PRE_ROLL = 4;

    @Option(
            names = "--task",
            defaultValue = "denoise",
            description = "denoise, inpaint, sr, flash or passthrough (default: ${DEFAULT-VALUE})")
    String task;

    @Option(
            names = "--preset",
            defaultValue = "fast",
            description =
                    "paper, balanced, fast or archival (dust and scratch removal plus denoising)"
                            + " (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(
            names = "--factor",
            defaultValue = "2",
            description = "super-resolution factor 2, 4 or 8 (default: ${DEFAULT-VALUE})")
    int factor;

    @Option(
            names = "--mask",
            description =
                    "inpainting: a mask image for every frame, or a mask video frame by frame;"
                            + " white = fill, black = known")
    Path mask;

    @Option(
            names = "--drop-fraction",
            defaultValue = "0",
            description =
                    "inpainting test: drop this fraction of each frame's pixels at random (seeded,"
                            + " a new pattern per frame) and fill them (default: ${DEFAULT-VALUE})")
    double dropFraction;

    @Option(
            names = "--keep-known",
            negatable = true,
            description =
                    "inpainting and archival: keep the input's known pixels as they are and take"
                            + " only the masked ones from the network (no denoising of the rest);"
                            + " default: on for --task inpaint, off for --preset archival, whose"
                            + " known pixels are grainy")
    Boolean keepKnown;

    @Option(names = "--guide", description = "flash/no-flash: the flash video (-i is no-flash)")
    Path guide;

    @Option(
            names = "--on-decode-error",
            defaultValue = "stop",
            description =
                    "a video that decodes to fewer frames than it declares (truncated, damaged):"
                            + " stop (refuse it, exit 2, no output) or skip (restore the frames"
                            + " that decode) (default: ${DEFAULT-VALUE})")
    String onDecodeError;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of weights and noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--first-iterations",
            description = "iterations of a stream's first frame (default: the preset's)")
    Integer firstIterations;

    @Option(
            names = "--frame-iterations",
            description = "most iterations of a warm-started frame (default: a fifth of the first)")
    Integer frameIterations;

    @Option(
            names = "--fixed-schedule",
            description =
                    "every warm-started frame runs exactly --frame-iterations (default: stop"
                            + " earlier once its outputs settle)")
    boolean fixedSchedule;

    @Option(
            names = "--min-frame-iterations",
            description = "iterations a warm-started frame always runs (default: first/50, >= 5)")
    Integer minFrameIterations;

    @Option(
            names = "--frame-patience",
            description =
                    "a warm-started frame stops after this many iterations without a new minimum"
                            + " of its outputs' running variance (default: twice the minimum)")
    Integer framePatience;

    @Option(
            names = "--scene-cut-threshold",
            defaultValue = "" + SCENE_CUT_THRESHOLD,
            description =
                    "a frame whose 8x8 mean-colour grid differs from the previous frame's by more"
                            + " than this (mean absolute difference, 0-1) starts the long schedule"
                            + " from fresh weights; 0 = off (default: ${DEFAULT-VALUE})")
    double sceneCutThreshold;

    @Option(
            names = "--temporal-blend",
            description =
                    "flicker reduction: each output pixel moves towards the previous output,"
                            + " shifted by the whole-frame motion, by up to this fraction where the"
                            + " two agree locally; 0 = off, below 1 (default: "
                            + TemporalBlend.DEFAULT_STRENGTH
                            + ", 0 with --preset archival)")
    Double temporalBlend;

    @Option(
            names = "--temporal-radius",
            description =
                    "denoising: fit each frame's average with its neighbours t-k .. t+k, warped"
                            + " onto it, where they agree (k frames of latency); 0 = the frame"
                            + " alone (default: "
                            + DEFAULT_TEMPORAL_RADIUS
                            + ")")
    Integer temporalRadius;

    @Option(
            names = "--pre-roll",
            description =
                    "the first P frames of the stream and of each scene are restored forward to"
                            + " warm the weights, then once more backward from the warmed weights,"
                            + " and emitted from that pass (P frames of latency after a cut, up to"
                            + " P more fits per scene); 0 = off (default: "
                            + DEFAULT_PRE_ROLL
                            + ")")
    Integer preRoll;

    @Option(
            names = "--frame-seconds",
            defaultValue = "0",
            description =
                    "wall-time cap of one frame's fit in seconds; 0 = none (default:"
                            + " ${DEFAULT-VALUE})")
    double frameSeconds;

    @Option(
            names = "--discrepancy",
            defaultValue = "" + DEFAULT_DISCREPANCY,
            description =
                    "denoising and inpainting: a fit stops once its residual falls to this many"
                            + " times what the frame's estimated noise explains; 0 = off (default:"
                            + " ${DEFAULT-VALUE})")
    double discrepancy;

    @Option(
            names = "--residual-detail",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "denoising: add back the part of each fit's residual that exceeds the noise"
                            + " (a local Wiener gain): the texture an early-stopped fit misses"
                            + " (default: on)")
    boolean residualDetail;

    @Option(
            names = "--carry-adam",
            description =
                    "carry Adam's moments from frame to frame with the weights (default: start"
                            + " them afresh on every frame, which measured better)")
    boolean carryAdam;

    @Option(
            names = "--cold-every-frame",
            description = "no warm start: every frame from fresh weights on the long schedule")
    boolean coldEveryFrame;

    /** The header fields these options set (the source's facts are added by ingest). */
    StreamHeader settings() {
        Preset p = CliParsing.parse(() -> Preset.parse(preset));
        TaskKind kind = taskKind();
        boolean archival = p == Preset.ARCHIVAL;
        if (archival) {
            if (kind != TaskKind.DENOISE && kind != TaskKind.INPAINT) {
                throw new BadInputException(
                        "--preset archival restores by inpainting detected dust and scratches"
                                + " while denoising; it does not combine with --task "
                                + task);
            }
            kind = TaskKind.INPAINT;
        }
        // The rules of these settings are RestoreSettings' (checked on the header below); what is
        // decided here is what the options mean and their defaults.
        int f = kind == TaskKind.SUPER_RESOLVE ? factor : 1;
        // Measured on the archival clip (low grain, sharp fits) the blend cost 0.17 dB: the
        // misalignment of an integer whole-frame shift outweighs the little flicker there is.
        double blend =
                temporalBlend != null
                        ? temporalBlend
                        : archival ? 0 : TemporalBlend.DEFAULT_STRENGTH;
        // Inpainting is asked to fill the mask, not to touch the rest: the known pixels stay
        // unless the user says otherwise. Archival denoises them too (grain), so it leaves them.
        boolean keep = keepKnown != null ? keepKnown : kind == TaskKind.INPAINT && !archival;
        // Given, a setting stays (and a task it does not apply to is refused); by default it is
        // off where it does not apply.
        int radius =
                temporalRadius != null
                        ? temporalRadius
                        : kind == TaskKind.DENOISE ? DEFAULT_TEMPORAL_RADIUS : 0;
        int roll =
                preRoll != null
                        ? preRoll
                        : coldEveryFrame || kind == TaskKind.PASSTHROUGH ? 0 : DEFAULT_PRE_ROLL;
        VideoSchedule s = schedule(kind, p, f, kind == TaskKind.DENOISE && radius > 0);
        StreamHeader header =
                StreamHeader.newBuilder()
                        .setTask(kind)
                        .setFactor(f)
                        .setPreset(p.cliName())
                        .setSeed(seed)
                        .setFirstFrameIterations(s.firstFrame())
                        .setLaterFrameIterations(s.laterFrames())
                        .setMinFrameIterations(
                                s.laterStop() == null ? 0 : s.laterStop().minIterations())
                        .setFramePatience(s.laterStop() == null ? 0 : s.laterStop().patience())
                        .setSceneCutThreshold((float) sceneCutThreshold)
                        .setCarryAdam(carryAdam)
                        .setColdEveryFrame(coldEveryFrame)
                        .setDropFraction((float) dropFraction)
                        .setDetectDefects(archival)
                        .setKeepKnown(keep)
                        .setTemporalBlend((float) blend)
                        .setTemporalRadius(radius)
                        .setFrameSeconds((float) frameSeconds)
                        .setDiscrepancy((float) discrepancy)
                        .setResidualDetail(residualDetail && kind == TaskKind.DENOISE)
                        .setPreRoll(kind == TaskKind.PASSTHROUGH ? 0 : roll)
                        .build();
        return CliParsing.parse(() -> RestoreSettings.of(header)).header();
    }

    /** What ingest needs to send the stream {@code settings} describes. */
    IngestSpec ingestSpec(Path input, String streamId, StreamHeader settings, SizeLimits limits) {
        return CliParsing.parse(
                        () ->
                                new IngestSpec(
                                        input,
                                        streamId,
                                        settings,
                                        mask,
                                        settings.getDropFraction(),
                                        settings.getDetectDefects(),
                                        guide,
                                        limits))
                .withDecodeErrors(decodeErrors());
    }

    private IngestSpec.DecodeErrors decodeErrors() {
        return switch (onDecodeError == null ? "stop" : onDecodeError.toLowerCase(Locale.ROOT)) {
            case "stop" -> IngestSpec.DecodeErrors.STOP;
            case "skip" -> IngestSpec.DecodeErrors.SKIP;
            default ->
                    throw new BadInputException(
                            "--on-decode-error must be stop or skip, got '" + onDecodeError + "'");
        };
    }

    private VideoSchedule schedule(TaskKind kind, Preset p, int f, boolean multiFrameTarget) {
        // Before they are used to work out the schedule, so that the message names the option.
        checkIterations("--first-iterations", firstIterations);
        checkIterations("--frame-iterations", frameIterations);
        checkIterations("--min-frame-iterations", minFrameIterations);
        Task engineTask = kind == TaskKind.PASSTHROUGH ? Task.DENOISE : Task.valueOf(kind.name());
        DipSettings preset = p.settings(engineTask, f);
        DipSettings base =
                firstIterations == null
                        ? preset
                        : CliParsing.parse(() -> preset.withIterations(firstIterations));
        int multiFrameCap = multiFrameTarget ? p.multiFrameWarmCap(engineTask) : 0;
        return CliParsing.parse(
                () -> {
                    VideoSchedule d = VideoSchedule.of(base);
                    if (frameIterations != null) {
                        d = d.withLaterFrames(frameIterations);
                    } else if (multiFrameCap > 0 && multiFrameCap < d.laterFrames()) {
                        d = d.withLaterFrames(multiFrameCap);
                    }
                    if (fixedSchedule) {
                        return d.fixed();
                    }
                    int min =
                            minFrameIterations != null
                                    ? minFrameIterations
                                    : d.laterStop().minIterations();
                    int patience = framePatience != null ? framePatience : d.laterStop().patience();
                    return new VideoSchedule(
                            d.firstFrame(), d.laterFrames(), StopRule.of(min, patience));
                });
    }

    private static void checkIterations(String option, Integer n) {
        if (n != null) {
            CliParsing.parse(
                    () -> {
                        RestoreSettings.checkIterations(option, n);
                        return n;
                    });
        }
    }

    private TaskKind taskKind() {
        return switch (task.toLowerCase(Locale.ROOT)) {
            case "passthrough", "none" -> TaskKind.PASSTHROUGH;
            default -> TaskKind.valueOf(CliParsing.parse(() -> Task.parse(task)).name());
        };
    }
}
