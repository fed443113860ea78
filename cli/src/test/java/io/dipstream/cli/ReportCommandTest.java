package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.testing.TestMedia;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir Path dir;

    private static CapturedRun run(String... args) {
        return CapturedRun.of(args);
    }

    private Path clip(String name, int frames) throws Exception {
        return TestMedia.ffv1Clip(
                dir.resolve(name), 32, 24, 25, TestMedia.randomFrames(32, 24, frames, 1));
    }

    @Test
    void writesTheReportAndEndsWithAMachineReadableLine() throws Exception {
        Path clean = clip("clean.mkv", 4);
        Path noisy =
                TestMedia.ffv1Clip(
                        dir.resolve("noisy.mkv"), 32, 24, 25, TestMedia.randomFrames(32, 24, 4, 2));

        CapturedRun r =
                run(
                        "report",
                        "--input",
                        noisy.toString(),
                        "--restored",
                        clean.toString(),
                        "--reference",
                        clean.toString(),
                        "--setting",
                        "preset=fast");

        assertThat(r.rc()).as(r.err()).isZero();
        Path html = dir.resolve("clean.report.html");
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("preset", "fast");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(lines.size() - 1))
                .startsWith("frames=4 psnr_in=")
                .contains("psnr_out=100.00", "tdpsnr_out=100.00", "report=" + html);
        // An existing report is kept unless -y says otherwise.
        CapturedRun again = run("report", "-i", noisy.toString(), "-r", clean.toString());
        assertThat(again.rc()).isEqualTo(Main.BAD_INPUT);
        assertThat(again.err()).contains("exists (use -y");
    }

    @Test
    void clipsOfDifferentLengthsAreBadInput() throws Exception {
        Path six = clip("six.mkv", 6);
        Path five = clip("five.mkv", 5);
        Path html = dir.resolve("r.html");

        CapturedRun r =
                run("report", "-i", six.toString(), "-r", five.toString(), "-o", html.toString());

        assertThat(r.rc()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains(six + " has 6 frames", five + " has 5 frames");
        assertThat(html).doesNotExist();
    }

    @Test
    void comparingWithFfmpegNeedsAReference() throws Exception {
        Path six = clip("six.mkv", 6);
        CapturedRun r =
                run("report", "-i", six.toString(), "-r", six.toString(), "--compare-ffmpeg");
        assertThat(r.rc()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("--compare-ffmpeg needs --reference");
    }
}
