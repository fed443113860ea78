package io.dipstream.cli;

import io.dipstream.cli.embedded.DiskSpace;
import io.dipstream.frames.BadInputException;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.ingest.VideoInfo;
import io.dipstream.sink.Codec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * How much disk a run may fill: {@code --keep-free}, the up-front check of the run's estimated need
 * against the free space under its outputs and work directory, and the value the run's watch stops
 * at.
 */
final class DiskOptions {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)i?b?");

    /** Flink's RPC system unpacked into the work directory, checkpoints, the broker's indexes. */
    private static final long WORK_OVERHEAD = 64L << 20;

    @Option(
            names = "--keep-free",
            defaultValue = "256M",
            description =
                    "stop the run (resumable) before the disk of the output or its work directory"
                            + " has less than this free, and refuse to start without room for the"
                            + " run's estimated need plus this; 0 = no check"
                            + " (default: ${DEFAULT-VALUE})")
    String keepFree;

    /** {@code --keep-free} in bytes. */
    long keepFreeBytes() {
        Matcher m = SIZE.matcher(keepFree.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(1).length() > 12) {
            throw new BadInputException(
                    "--keep-free must be a size such as 0, 500M or 2G, got '" + keepFree + "'");
        }
        int shift =
                switch (m.group(2)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    case "t" -> 40;
                    default -> 0;
                };
        return Long.parseLong(m.group(1)) << shift;
    }

    /**
     * Refuses, before any work, a run whose estimated need does not fit beside {@code --keep-free}:
     * per input, its frames sent and restored (kept in the broker's log, in the work directory,
     * when the run is embedded) and its output.
     */
    void check(
            List<VideoInfo> infos,
            List<Path> outputs,
            StreamHeader settings,
            Codec codec,
            boolean embedded) {
        Map<Path, Long> need = new LinkedHashMap<>();
        int factor = Math.max(1, settings.getFactor());
        for (int i = 0; i < infos.size(); i++) {
            VideoInfo info = infos.get(i);
            Path dir = outputs.get(i).toAbsolutePath().getParent();
            long raw = 3L * info.width() * info.height() * Math.max(1, info.estimatedFrames());
            long restored = raw * factor * factor;
            boolean lossless =
                    codec == Codec.FFV1
                            || (codec == Codec.AUTO
                                    && outputs.get(i)
                                            .toString()
                                            .toLowerCase(Locale.ROOT)
                                            .endsWith(".mkv"));
            // Noisy frames barely compress; a lossless output about halves, H.264 a tenth.
            long out = lossless ? restored * 6 / 10 : restored / 10;
            long work = embedded ? 2 * raw + restored : 0;
            need.merge(dir, out + work, Long::sum);
        }
        if (embedded) {
            need.merge(outputs.get(0).toAbsolutePath().getParent(), WORK_OVERHEAD, Long::sum);
        }
        DiskSpace.check(need, keepFreeBytes());
    }
}
