package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several inputs in one {@code restore}: one broker, one job, one output per input. */
class ManyVideosITCase {
    @TempDir Path dir;

    @Test
    void everyInputIsRestoredAndABadOneIsNamedWithoutLosingTheOthers() throws Exception {
        List<byte[]> a = TiledRestoreITCase.clip();
        // Two videos given as their directory, and a truncated one.
        Path videos = Files.createDirectory(dir.resolve("videos"));
        Path in1 = videos.resolve("first.mkv");
        TiledRestoreITCase.write(in1, a);
        List<byte[]> b = RestorePipelineITCase.cleanClip();
        Path in2 = videos.resolve("second.mkv");
        RestorePipelineITCase.write(in2, b, 10);
        // A truncated video: its missing frames show only once it is decoded.
        Path cut = dir.resolve("cut-short.mkv");
        byte[] whole = Files.readAllBytes(Path.of("../sample-videos/pan-noisy25.mkv"));
        Files.write(cut, java.util.Arrays.copyOf(whole, 200_000));
        Path out = Files.createDirectory(dir.resolve("out"));

        CapturedRun r =
                CapturedRun.of(
                        "restore",
                        "-i",
                        videos.toString(),
                        "-i",
                        cut.toString(),
                        "-o",
                        out.toString(),
                        "--task",
                        "passthrough",
                        "--tile-size",
                        "64",
                        "--tile-overlap",
                        "8",
                        "--no-progress");

        assertThat(r.rc()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("cut-short.mkv", "truncated");
        assertThat(r.out()).contains("input=" + cut + " status=failed");
        // Each video's end, as it happens.
        assertThat(r.err())
                .contains("/3] " + in1 + ": done, " + a.size() + " frames")
                .contains("/3] " + in2 + ": done, " + b.size() + " frames")
                .containsPattern(
                        "\\[3/3\\] "
                                + java.util.regex.Pattern.quote(cut.toString())
                                + ": failed: .*truncated");
        assertThat(r.out())
                .contains("inputs=3 restored=2 failed=1 frames=" + (a.size() + b.size()));
        List<byte[]> got1 = TestMedia.rgbFrames(out.resolve("first.mkv"));
        List<byte[]> got2 = TestMedia.rgbFrames(out.resolve("second.mkv"));
        assertThat(got1).hasSize(a.size());
        assertThat(got2).hasSize(b.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(got1.get(i)).isEqualTo(a.get(i));
        }
        for (int i = 0; i < b.size(); i++) {
            assertThat(got2.get(i)).isEqualTo(b.get(i));
        }
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("first.mkv", "second.mkv");
        }
    }
}
