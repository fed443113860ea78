package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.testing.TestMedia;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir Path dir;

    private record Run(int rc, String out, String err) {}

    private Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            rc = Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(
                rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
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

        Run r =
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
        Run again = run("report", "-i", noisy.toString(), "-r", clean.toString());
        assertThat(again.rc()).isEqualTo(Main.BAD_INPUT);
        assertThat(again.err()).contains("exists (use -y");
    }

    @Test
    void clipsOfDifferentLengthsAreBadInput() throws Exception {
        Path six = clip("six.mkv", 6);
        Path five = clip("five.mkv", 5);
        Path html = dir.resolve("r.html");

        Run r = run("report", "-i", six.toString(), "-r", five.toString(), "-o", html.toString());

        assertThat(r.rc()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains(six + " has 6 frames", five + " has 5 frames");
        assertThat(html).doesNotExist();
    }

    @Test
    void comparingWithFfmpegNeedsAReference() throws Exception {
        Path six = clip("six.mkv", 6);
        Run r = run("report", "-i", six.toString(), "-r", six.toString(), "--compare-ffmpeg");
        assertThat(r.rc()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err()).contains("--compare-ffmpeg needs --reference");
    }
}
