package io.dipstream.cli;

import io.dipstream.sink.Codec;
import picocli.CommandLine.Option;

/** How the restored video is encoded. */
final class VideoOutputOptions {
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
}
