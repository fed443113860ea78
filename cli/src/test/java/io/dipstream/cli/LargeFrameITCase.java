package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames past the record limit go out of band through the claim directory, in to the job and back
 * out to the sink, and the video comes out whole: random pixels do not compress, so every 704×576
 * frame (1.2 MB) is over a 1 MiB limit.
 */
class LargeFrameITCase {
    private static final int W = 704;
    private static final int H = 576;
    private static final int FRAMES = 3;

    @TempDir Path dir;

    private String[] restore(Path in, Path out, String... more) {
        return RestorePipelineITCase.concat(
                new String[] {
                    "restore",
                    "-i",
                    in.toString(),
                    "-o",
                    out.toString(),
                    "--task",
                    "passthrough",
                    "--record-limit-mib",
                    "1",
                    // Whole frames: tiles would fit under the limit.
                    "--tile-size",
                    "0",
                    "--no-progress"
                },
                more);
    }

    private static long count(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".frame")).count();
        }
    }

    @Test
    void framesOverTheLimitTravelThroughTheClaimDirectoryAndComeOutWhole() throws Exception {
        List<byte[]> frames = TestMedia.randomFrames(W, H, FRAMES, 11);
        Path in = TestMedia.ffv1Clip(dir.resolve("big.mkv"), W, H, 10, frames);
        Path claims = dir.resolve("claims");

        Path out = dir.resolve("named.mkv");
        CapturedRun r = CapturedRun.of(restore(in, out, "--claim-dir", claims.toString()));
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(TestMedia.rgbFrames(out)).containsExactlyElementsOf(frames);
        // Each frame went out of band as sent and as restored: passed through unchanged, both are
        // the same bytes, so the same claim. (Restored frames over the limit in a record would
        // have been refused by the broker and failed the job.)
        assertThat(claims).as(r.err()).isDirectory();
        assertThat(count(claims)).isEqualTo(FRAMES);

        // Restored by the network, in and out through the embedded run's own claim directory
        // (in its work directory, which goes at the end).
        Path other = Files.createDirectory(dir.resolve("other"));
        Path out2 = other.resolve("own.mkv");
        String[] denoise = restore(in, out2);
        denoise[6] = "denoise";
        CapturedRun r2 =
                CapturedRun.of(
                        RestorePipelineITCase.concat(
                                denoise,
                                new String[] {
                                    "--preset",
                                    "fast",
                                    "--first-iterations",
                                    "2",
                                    "--frame-iterations",
                                    "1",
                                    "--pre-roll",
                                    "0"
                                }));
        assertThat(r2.rc()).as(r2.err()).isZero();
        List<byte[]> restored = TestMedia.rgbFrames(out2);
        assertThat(restored).hasSize(FRAMES);
        assertThat(restored.get(0)).isNotEqualTo(frames.get(0));
        assertThat(Refusals.entries(other)).containsExactly("own.mkv");
    }
}
