package io.dipstream.frames;

import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import java.util.Locale;

/**
 * The restore settings of one stream, validated: built by the command line from its options before
 * any broker or job starts, and rebuilt by the job from the stream's header, with the same rules in
 * this one place. Messages name the command-line option a user sets the field with.
 *
 * <p>Guarantees: a header that passes has a known task; a factor of 2, 4 or 8 for super-resolution
 * and 1 (or unset) otherwise; iteration counts in 1..{@link #MAX_ITERATIONS}; every fraction,
 * radius and budget in its range; and the inpainting-only, denoising-only and warm-start-only
 * settings only where they apply. Whether an inpainting stream has a mask and a flash stream its
 * flash video is the ingest's to check (they are files, not header fields).
 *
 * @param header the stream's header (its settings; the source's facts, when set, are not checked
 *     here)
 */
public record RestoreSettings(StreamHeader header) {
    /** The most iterations one frame may be given: past it a number is a typo, not a plan. */
    public static final int MAX_ITERATIONS = 1_000_000;

    /** Most neighbours on each side: each costs a frame of latency and one motion estimate. */
    public static final int MAX_TEMPORAL_RADIUS = 8;

    /** More than this holds too many frames in state for what it gains. */
    public static final int MAX_PRE_ROLL = 16;

    /** The largest discrepancy factor: past it a fit would stop before fitting anything. */
    public static final double MAX_DISCREPANCY = 10;

    public RestoreSettings {
        if (header == null) {
            throw new IllegalArgumentException("no header");
        }
        check(header);
    }

    /**
     * The settings of {@code header}.
     *
     * @throws IllegalArgumentException naming the first rule it breaks
     */
    public static RestoreSettings of(StreamHeader header) {
        return new RestoreSettings(header);
    }

    /** Refuses an iteration count {@code option} gives outside 1..{@link #MAX_ITERATIONS}. */
    public static void checkIterations(String option, int n) {
        if (n < 1 || n > MAX_ITERATIONS) {
            throw new IllegalArgumentException(
                    option + " must be between 1 and " + MAX_ITERATIONS + ", got " + n);
        }
    }

    private static void check(StreamHeader h) {
        TaskKind task = h.getTask();
        if (task == TaskKind.TASK_UNSPECIFIED || task == TaskKind.UNRECOGNIZED) {
            throw new IllegalArgumentException("--task: the stream names no known task");
        }
        if (task == TaskKind.SUPER_RESOLVE) {
            int f = h.getFactor();
            if (f != 2 && f != 4 && f != 8) {
                throw new IllegalArgumentException("--factor must be 2, 4 or 8, got " + f);
            }
        } else if (h.getFactor() > 1) {
            throw new IllegalArgumentException(
                    "--factor " + h.getFactor() + " needs --task sr, not " + name(task));
        }
        checkIterations("--first-iterations", h.getFirstFrameIterations());
        checkIterations("--frame-iterations", h.getLaterFrameIterations());
        if (h.getFramePatience() > 0) {
            checkIterations("--min-frame-iterations", h.getMinFrameIterations());
        }
        if (h.getFramePatience() < 0) {
            throw new IllegalArgumentException(
                    "--frame-patience must be >= 0, got " + h.getFramePatience());
        }
        range("--scene-cut-threshold", h.getSceneCutThreshold(), 0, 1, true);
        range("--drop-fraction", h.getDropFraction(), 0, 1, false);
        range("--temporal-blend", h.getTemporalBlend(), 0, 1, false);
        range("--discrepancy", h.getDiscrepancy(), 0, MAX_DISCREPANCY, true);
        if (!(h.getFrameSeconds() >= 0) || Float.isInfinite(h.getFrameSeconds())) {
            throw new IllegalArgumentException(
                    "--frame-seconds must be >= 0, got " + h.getFrameSeconds());
        }
        if (h.getTemporalRadius() < 0 || h.getTemporalRadius() > MAX_TEMPORAL_RADIUS) {
            throw new IllegalArgumentException(
                    "--temporal-radius must be in [0, "
                            + MAX_TEMPORAL_RADIUS
                            + "], got "
                            + h.getTemporalRadius());
        }
        if (h.getPreRoll() < 0 || h.getPreRoll() > MAX_PRE_ROLL) {
            throw new IllegalArgumentException(
                    "--pre-roll must be in [0, " + MAX_PRE_ROLL + "], got " + h.getPreRoll());
        }
        boolean inpaint = task == TaskKind.INPAINT;
        only(h.getDropFraction() > 0, inpaint, "--drop-fraction needs --task inpaint");
        only(
                h.getDetectDefects(),
                inpaint,
                "dust and scratch detection (--preset archival) needs --task inpaint or denoise");
        only(h.getKeepKnown(), inpaint, "--keep-known needs --task inpaint or --preset archival");
        only(
                h.getTemporalRadius() > 0,
                task == TaskKind.DENOISE,
                "--temporal-radius needs --task denoise");
        only(
                h.getResidualDetail(),
                task == TaskKind.DENOISE,
                "--residual-detail needs --task denoise");
        only(
                h.getPreRoll() > 1,
                !h.getColdEveryFrame(),
                "--pre-roll needs warm starts: not with --cold-every-frame");
    }

    private static void range(String option, float v, double lo, double hi, boolean closed) {
        if (!(v >= lo) || (closed ? v > hi : v >= hi)) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "%s must be in [%s, %s%s, got %s",
                            option,
                            number(lo),
                            number(hi),
                            closed ? "]" : ")",
                            number(v)));
        }
    }

    private static void only(boolean set, boolean allowed, String message) {
        if (set && !allowed) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v)
                ? Long.toString((long) v)
                : Float.toString((float) v);
    }

    private static String name(TaskKind t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
