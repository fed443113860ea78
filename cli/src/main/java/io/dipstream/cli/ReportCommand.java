package io.dipstream.cli;

import io.dipstream.frames.BadInputException;
import io.dipstream.report.FilterSweep;
import io.dipstream.report.QualityReport;
import io.dipstream.report.ReportSpec;
import io.dipstream.report.ReportSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dipstream report}: the quality report of a restoration as one HTML file. The last stdout
 * line is machine-readable.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Quality report of a restoration: PSNR, SSIM and tdPSNR per frame and mean, plots, a"
                    + " still, provenance; optionally FFmpeg's denoisers ranked beside it.",
            "Frames are paired by decode order."
        })
final class ReportCommand implements Callable<Integer> {
    @Option(
            names = {"-i", "--input"},
            required = true,
            description = "the degraded clip that was restored")
    Path input;

    @Option(
            names = {"-r", "--restored"},
            required = true,
            description =
                    "the restored clip (the input's size or, for super-resolution, a multiple)")
    Path restored;

    @Option(
            names = "--reference",
            description =
                    "the clean clip, the restored clip's size: without it quality cannot be measured")
    Path reference;

    @Option(
            names = {"-o", "--output"},
            description = "the HTML report (default: <restored without extension>.report.html)")
    Path output;

    @Option(
            names = {"-y", "--overwrite"},
            description = "replace the report if it exists")
    boolean overwrite;

    @Option(
            names = "--compare-ffmpeg",
            description =
                    "also run FFmpeg's hqdn3d, nlmeans, atadenoise, fftdnoiz and bm3d at three"
                            + " strengths each on the input and rank them (needs --reference; bm3d"
                            + " is slow)")
    boolean compareFfmpeg;

    @Option(
            names = "--still-frame",
            paramLabel = "N",
            description = "frame shown side by side (default: the middle frame)")
    Long stillFrame;

    @Option(
            names = "--setting",
            paramLabel = "KEY=VALUE",
            description =
                    "a setting of the run for the provenance table, e.g. preset=fast; "
                            + ReportSpec.SECONDS_PER_FRAME
                            + "=S gives dipstream's time in the comparison (repeatable)")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() {
        if (stillFrame != null && stillFrame < 0) {
            throw new BadInputException("--still-frame must be >= 0, got " + stillFrame);
        }
        Path out = output != null ? output : QualityReport.defaultOutput(restored);
        checkOptions(compareFfmpeg, reference, out, overwrite);
        ReportSpec spec =
                CliParsing.parse(
                        () ->
                                ReportSpec.of(input, restored, out)
                                        .withReference(reference)
                                        .withFfmpegComparison(
                                                compareFfmpeg ? FilterSweep.defaults() : null)
                                        .withStillFrame(stillFrame != null ? stillFrame : -1)
                                        .withSettings(settings));
        ReportSummary summary = QualityReport.write(spec);
        System.out.println(summary.keyValues());
        return 0;
    }

    /**
     * Refuses a comparison without the clean clip that ranks it, and an existing report without
     * {@code overwrite}: checked by {@code report} and by {@code restore --report} before any work.
     */
    static void checkOptions(boolean compareFfmpeg, Path reference, Path out, boolean overwrite) {
        if (compareFfmpeg && reference == null) {
            throw new BadInputException(
                    "--compare-ffmpeg needs --reference: the clean clip is what ranks the filters");
        }
        if (Files.exists(out) && !overwrite) {
            throw new BadInputException(out + ": exists (use -y to replace it)");
        }
    }
}
