package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.testing.TestMedia;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several inputs in one {@code restore}: one broker, one job, one output per input. */
class ManyVideosITCase {
    @TempDir Path dir;

    @Test
    void everyInputIsRestoredAndABadOneIsNamedWithoutLosingTheOthers() throws Exception {
        List<byte[]> a = TiledRestoreITCase.clip();
        // Two videos given as their directory, and an image sequence.
        Path videos = Files.createDirectory(dir.resolve("videos"));
        Path in1 = videos.resolve("first.mkv");
        TiledRestoreITCase.write(in1, a);
        List<byte[]> b = RestorePipelineITCase.cleanClip();
        Path in2 = videos.resolve("second.mkv");
        RestorePipelineITCase.write(in2, b, 10);
        // An image sequence whose third image changes size: found only while decoding.
        Path seq = Files.createDirectory(dir.resolve("shots"));
        for (int i = 0; i < 4; i++) {
            int w = i == 2 ? 40 : 48;
            ImageIO.write(
                    new BufferedImage(w, 32, BufferedImage.TYPE_INT_RGB),
                    "png",
                    seq.resolve(String.format("f%03d.png", i)).toFile());
        }
        Path out = Files.createDirectory(dir.resolve("out"));

        CapturedRun r =
                CapturedRun.of(
                        "restore",
                        "-i",
                        videos.toString(),
                        "-i",
                        seq.toString(),
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
        assertThat(r.err()).contains("shots", "frame 2");
        assertThat(r.out()).contains("input=" + seq + " status=failed");
        // Each video's end, as it happens.
        assertThat(r.err())
                .contains("/3] " + in1 + ": done, " + a.size() + " frames")
                .contains("/3] " + in2 + ": done, " + b.size() + " frames")
                .containsPattern(
                        "\\[3/3\\] "
                                + java.util.regex.Pattern.quote(seq.toString())
                                + ": failed: .*frame 2");
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
