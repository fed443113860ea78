package io.dipstream.dip;

import io.dipstream.dip.nn.SkipConfig;
import io.dipstream.dip.nn.SkipConfig.Upsample;
import java.util.List;
import java.util.Locale;

/**
 * Named settings per task.
 *
 * <ul>
 *   <li>{@code paper}: the reference notebooks' hyper-parameters (DIP-REFERENCE §1.3).
 *   <li>{@code balanced}: the paper's architecture at half the width and about a third of the
 *       iterations, for CPU work.
 *   <li>{@code fast}: a small net and few iterations, for demos and tests.
 *   <li>{@code archival}: old film. Dust and scratches are detected (by ingest) and become the
 *       frame's inpainting mask, and the known pixels are denoised in the same loss; so whatever
 *       the task, the fit is {@code balanced}'s denoising one: its net, schedule and early
 *       stopping.
 * </ul>
 */
public enum Preset {
    PAPER,
    BALANCED,
    FAST,
    ARCHIVAL;

    /** Parses paper, balanced, fast or archival. */
    public static Preset parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown preset '" + name + "': use paper, balanced, fast or archival");
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The settings of this preset for {@code task} (and, for super-resolution, {@code factor}). */
    public DipSettings settings(Task task, int factor) {
        String p = cliName();
        return switch (this) {
            case PAPER ->
                    switch (task) {
                        case DENOISE ->
                                new DipSettings(
                                        p,
                                        SkipConfig.paper(),
                                        3000,
                                        0.01,
                                        1.0 / 30,
                                        0.99,
                                        noise(),
                                        true);
                        case SUPER_RESOLVE ->
                                new DipSettings(
                                        p,
                                        SkipConfig.paper(),
                                        factor == 8 ? 4000 : 2000,
                                        0.01,
                                        factor == 8 ? 0.05 : 0.03,
                                        0,
                                        noise(),
                                        true);
                        case INPAINT ->
                                new DipSettings(
                                        p,
                                        SkipConfig.uniform(
                                                32, 3, 5, 128, 128, 128, Upsample.NEAREST),
                                        6000,
                                        0.01,
                                        0.03,
                                        0,
                                        noise(),
                                        true);
                        case FLASH ->
                                new DipSettings(
                                        p,
                                        new SkipConfig(
                                                3,
                                                3,
                                                List.of(128, 128, 128, 128, 128),
                                                List.of(128, 128, 128, 128, 128),
                                                List.of(4, 4, 4, 4, 4),
                                                3,
                                                3,
                                                List.of(
                                                        Upsample.NEAREST,
                                                        Upsample.NEAREST,
                                                        Upsample.BILINEAR,
                                                        Upsample.BILINEAR,
                                                        Upsample.BILINEAR),
                                                true),
                                        601,
                                        0.1,
                                        0,
                                        0,
                                        noise(),
                                        true);
                    };
            case BALANCED -> scaled(PAPER.settings(task, factor), 64, 3, p);
            case FAST -> scaled(PAPER.settings(task, factor), 16, 15, p);
            case ARCHIVAL -> scaled(PAPER.settings(Task.DENOISE, 1), 64, 3, p);
        };
    }

    /**
     * The iteration cap of a stream's warm frames when a motion-compensated multi-frame target
     * carries the denoising, or 0 for {@link VideoSchedule}'s default (a fifth of the cold
     * frame's). There {@code fast} caps them at {@link #FAST_MULTI_FRAME_WARM}: on a textured
     * 320×240 pan at σ=25 200 cold / 40 warm iterations gave 26.33 dB at 28 s per frame and 60 / 15
     * 26.20 dB at 9 s, the target and the residual detail doing most of the work; the cold frame
     * keeps its 200, which measured +1.5 dB on the first frames of a brick clip against 60
     * (docs/benchmarks.md).
     */
    public int multiFrameWarmCap(Task task) {
        return this == FAST && task == Task.DENOISE ? FAST_MULTI_FRAME_WARM : 0;
    }

    /** {@code fast}'s warm frames on a multi-frame target. */
    static final int FAST_MULTI_FRAME_WARM = 12;

    private static DipSettings.InputKind noise() {
        return DipSettings.InputKind.NOISE;
    }

    /**
     * The paper's settings at {@code width} channels per scale and 1/{@code divisor} iterations.
     */
    private static DipSettings scaled(DipSettings paper, int width, int divisor, String name) {
        SkipConfig n = paper.net();
        int depth = n.inputDepth() == 3 ? 3 : Math.min(n.inputDepth(), width / 2);
        List<Integer> skip = n.skip().stream().map(s -> Math.min(s, width)).toList();
        SkipConfig net =
                new SkipConfig(
                        depth,
                        n.outputChannels(),
                        n.down().stream().map(c -> width).toList(),
                        n.up().stream().map(c -> width).toList(),
                        skip,
                        n.filterDown(),
                        n.filterUp(),
                        n.upsample(),
                        n.need1x1Up());
        return new DipSettings(
                name,
                net,
                Math.max(50, paper.iterations() / divisor),
                paper.learningRate(),
                paper.regNoise(),
                paper.emaWeight(),
                paper.input(),
                paper.guard());
    }
}
