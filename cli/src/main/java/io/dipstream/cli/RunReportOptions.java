package io.dipstream.cli;

import io.dipstream.frames.BadInputException;
import io.dipstream.report.FilterSweep;
import io.dipstream.report.QualityReport;
import io.dipstream.report.ReportSpec;
import io.dipstream.sink.StreamSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code restore}'s quality report: whether to write one beside the output, against which clean
 * clip, and whether FFmpeg's denoisers are compared; checked before any work, written after the
 * output is complete.
 */
final class RunReportOptions {
    @Option(
            names = "--report",
            description = "write a quality report (HTML) next to the output: <output>.report.html")
    boolean report;

    @Option(
            names = "--reference",
            description = "the clean clip, for the report's PSNR, SSIM and tdPSNR (needs --report)")
    Path reference;

    @Option(
            names = "--compare-ffmpeg",
            description =
                    "the report also runs FFmpeg's denoisers over a sweep of strengths on the"
                            + " input (needs --report and --reference)")
    boolean compareFfmpeg;

    /**
     * The report's path beside {@code output}, or null without --report; refuses options that need
     * --report, a missing reference and a report file that exists without {@code overwrite}.
     */
    Path check(Path output, boolean overwrite) {
        if (!report) {
            if (reference != null || compareFfmpeg) {
                throw new BadInputException("--reference and --compare-ffmpeg need --report");
            }
            return null;
        }
        if (reference != null && !Files.isReadable(reference)) {
            throw new BadInputException(reference + ": no such file (--reference)");
        }
        Path file = QualityReport.defaultOutput(output);
        ReportCommand.checkOptions(compareFfmpeg, reference, file, overwrite);
        return file;
    }

    /** Writes the report of {@code input} restored as {@code result}; its summary line. */
    String write(Path input, Path file, Map<String, String> provenance, StreamSink.Result result)
            throws Exception {
        return QualityReport.write(
                        CliParsing.parse(
                                () ->
                                        ReportSpec.of(input, result.output(), file)
                                                .withReference(reference)
                                                .withFfmpegComparison(
                                                        compareFfmpeg
                                                                ? FilterSweep.defaults()
                                                                : null)
                                                .withSettings(provenance)))
                .keyValues();
    }
}
