package io.dipstream.cli;

import io.dipstream.frames.BadInputException;
import io.dipstream.sink.Codec;
import io.dipstream.sink.VideoWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where and how the restored video is written. */
final class VideoOutputOptions {
    @Option(
            names = {"-o", "--output"},
            required = true,
            description = "restored video (.mp4: H.264, .mkv: lossless FFV1)")
    Path output;

    @Option(
            names = {"-y", "--overwrite"},
            description = "replace the output if it exists")
    boolean overwrite;

    @Option(
            names = "--codec",
            defaultValue = "auto",
            description =
                    "auto (by extension: .mp4 = H.264 yuv420p, .mkv = lossless FFV1), h264 or ffv1"
                            + " (default: ${DEFAULT-VALUE})")
    String codec;

    @Option(
            names = "--crf",
            defaultValue = "18",
            description = "H.264 quality, lower is better (default: ${DEFAULT-VALUE})")
    int crf;

    @Option(
            names = "--x264-preset",
            defaultValue = "medium",
            description = "H.264 speed preset (default: ${DEFAULT-VALUE})")
    String x264Preset;

    Codec codec() {
        return CliParsing.parse(() -> Codec.parse(codec));
    }

    /** Fails with bad input unless the output can be written: checked before any work. */
    void check() {
        check(output);
    }

    /** The same check for {@code file}, one of several outputs under {@code -o DIR}. */
    void check(Path file) {
        if (Files.exists(file) && !overwrite) {
            throw new BadInputException(file + ": exists (use -y to replace it)");
        }
        VideoWriter.check(file, codec());
        // The encoder's settings too, so that a bad one fails now, not when the first frame is in.
        new io.dipstream.sink.WriterSpec(16, 16, 25.0, codec(), crf, x264Preset, null);
    }
}
