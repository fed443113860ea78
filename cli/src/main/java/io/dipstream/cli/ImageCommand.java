package io.dipstream.cli;

import io.dipstream.dip.DipEngine;
import io.dipstream.dip.DipResult;
import io.dipstream.dip.DipSettings;
import io.dipstream.dip.Image;
import io.dipstream.dip.Preset;
import io.dipstream.dip.Problem;
import io.dipstream.dip.Task;
import io.dipstream.frames.BadInputException;
import io.dipstream.image.ImageFiles;
import io.dipstream.image.Metrics;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dipstream image}: restores one image; the last stdout line is machine-readable. */
@Command(
        name = "image",
        mixinStandardHelpOptions = true,
        description = "Restore one image with Deep Image Prior.")
final class ImageCommand implements Callable<Integer> {
    @Option(
            names = "--task",
            defaultValue = "denoise",
            description = "denoise, inpaint, sr or flash (default: ${DEFAULT-VALUE})")
    String task;

    @Option(
            names = {"-i", "--input"},
            required = true,
            description = "degraded image (for flash: the no-flash image)")
    Path input;

    @Option(
            names = {"-o", "--output"},
            required = true,
            description = "restored image (.png, .jpg, .bmp, .tif)")
    Path output;

    @Option(
            names = "--mask",
            description = "inpainting mask: white pixels are filled, black are known")
    Path mask;

    @Option(names = "--guide", description = "flash image (task flash)")
    Path guide;

    @Option(
            names = "--factor",
            defaultValue = "4",
            description = "super-resolution factor 2, 4 or 8 (default: ${DEFAULT-VALUE})")
    int factor;

    @Option(
            names = "--preset",
            defaultValue = "balanced",
            description = "paper, balanced or fast (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(names = "--iterations", description = "override the preset's iteration count")
    Integer iterations;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of weights and noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--reference", description = "clean image: report PSNR and SSIM against it")
    Path reference;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Mixin EngineOption engine = new EngineOption();

    @Override
    public Integer call() {
        engine.select();
        Task t = CliParsing.parse(() -> Task.parse(task));
        Preset p = CliParsing.parse(() -> Preset.parse(preset));
        ImageFiles.checkWritable(output);
        Problem problem = problem(t);
        Image ref = reference == null ? null : ImageFiles.readRgb(reference);
        if (ref != null
                && (ref.height() != problem.outputHeight()
                        || ref.width() != problem.outputWidth())) {
            throw new BadInputException(
                    String.format(
                            Locale.ROOT,
                            "%s: reference is %dx%d but the restored image will be %dx%d (%s x%d)",
                            reference,
                            ref.width(),
                            ref.height(),
                            problem.outputWidth(),
                            problem.outputHeight(),
                            input,
                            problem.factor()));
        }
        DipSettings s = p.settings(t, problem.factor());
        if (iterations != null) {
            if (iterations < 1) {
                throw new BadInputException("--iterations must be >= 1, got " + iterations);
            }
            s = s.withIterations(iterations);
        }
        DipResult r;
        try (ProgressBar bar = progressBar(s.iterations())) {
            r =
                    new DipEngine()
                            .run(
                                    problem,
                                    s,
                                    seed,
                                    true,
                                    true,
                                    (done, total, loss) -> {
                                        if (bar != null) {
                                            bar.stepTo(done);
                                            bar.setExtraMessage(
                                                    String.format(Locale.ROOT, "loss %.5f", loss));
                                        }
                                    });
        }
        ImageFiles.write(r.image(), output);
        System.out.printf(
                Locale.ROOT,
                "task=%s preset=%s seed=%d backtracks=%d engine=%s output=%s%n",
                t.cliName(),
                r.preset(),
                r.seed(),
                r.backtracks(),
                r.engineVersion(),
                output);
        StringBuilder last =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "iterations=%d seconds=%.2f ms_per_iteration=%.1f",
                                r.iterations(),
                                r.seconds(),
                                1000 * r.seconds() / r.iterations()));
        if (ref != null) {
            last.append(
                    String.format(
                            Locale.ROOT,
                            " psnr=%.2f ssim=%.4f",
                            Metrics.psnr(r.image(), ref),
                            Metrics.ssim(r.image(), ref)));
        }
        System.out.println(last);
        return 0;
    }

    private Problem problem(Task t) {
        Image degraded = ImageFiles.readRgb(input);
        return switch (t) {
            case DENOISE -> Problem.denoise(degraded);
            case INPAINT -> {
                if (mask == null) {
                    throw new BadInputException("--task inpaint needs --mask (white = fill)");
                }
                Image known = ImageFiles.readMask(mask);
                requireSameSize(known, degraded, mask);
                yield Problem.inpaint(degraded, known);
            }
            case SUPER_RESOLVE -> {
                if (factor != 2 && factor != 4 && factor != 8) {
                    throw new BadInputException("--factor must be 2, 4 or 8, got " + factor);
                }
                yield Problem.superResolve(degraded, factor);
            }
            case FLASH -> {
                if (guide == null) {
                    throw new BadInputException("--task flash needs --guide FLASH.png");
                }
                Image flash = ImageFiles.readRgb(guide);
                requireSameSize(flash, degraded, guide);
                yield Problem.flash(degraded, flash);
            }
        };
    }

    private void requireSameSize(Image other, Image degraded, Path otherPath) {
        if (!other.sameSize(degraded)) {
            throw new BadInputException(
                    String.format(
                            Locale.ROOT,
                            "%s: is %dx%d but %s is %dx%d",
                            otherPath,
                            other.width(),
                            other.height(),
                            input,
                            degraded.width(),
                            degraded.height()));
        }
    }

    private ProgressBar progressBar(int total) {
        if (noProgress || System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("DIP")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .build();
    }
}
