package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputsTest {
    @TempDir Path dir;

    @Test
    void severalInputsGoUnderTheOutputDirectoryByName() throws Exception {
        Path out = Files.createDirectory(dir.resolve("out"));
        assertThat(
                        RunOutputs.plan(
                                List.of(
                                        Path.of("/v/a.mp4"),
                                        Path.of("/v/b.avi"),
                                        Path.of("/v/shots/frame%04d.png")),
                                out,
                                io.dipstream.sink.Codec.AUTO))
                .containsExactly(
                        out.resolve("a.mp4"), out.resolve("b.mkv"), out.resolve("shots.mkv"));
        assertThat(
                        RunOutputs.plan(
                                List.of(Path.of("/v/a.mp4")),
                                dir.resolve("x.mkv"),
                                io.dipstream.sink.Codec.AUTO))
                .containsExactly(dir.resolve("x.mkv"));
        assertThat(RunOutputs.plan(List.of(Path.of("/v/a.mp4")), out, io.dipstream.sink.Codec.AUTO))
                .containsExactly(out.resolve("a.mp4"));
    }

    @Test
    void badOutputsForSeveralInputsAreRefusedWithExitCode2BeforeAnyWork() throws Exception {
        Path a = Files.writeString(dir.resolve("a.mkv"), "x");
        Path b = Files.writeString(dir.resolve("b.mkv"), "x");
        Files.createDirectory(dir.resolve("other"));
        Path a2 = Files.writeString(dir.resolve("other/a.mp4"), "x");
        CapturedRun notDir =
                CapturedRun.of(
                        "restore",
                        "-i",
                        a.toString(),
                        "-i",
                        b.toString(),
                        "-o",
                        dir.resolve("out.mkv").toString());
        assertThat(notDir.rc()).isEqualTo(2);
        assertThat(notDir.err()).contains("out.mkv", "must be an existing directory");
        CapturedRun same =
                CapturedRun.of(
                        "restore",
                        "-i",
                        a.toString(),
                        "-i",
                        a2.toString(),
                        "-o",
                        dir.resolve("other").toString(),
                        "--codec",
                        "ffv1");
        assertThat(same.rc()).isEqualTo(2);
        assertThat(same.err()).contains("a.mkv and ", "a.mp4 would both be written to");
        CapturedRun log =
                CapturedRun.of(
                        "restore",
                        "-i",
                        a.toString(),
                        "-i",
                        b.toString(),
                        "-o",
                        dir.resolve("other").toString(),
                        "--frame-log",
                        "f.csv");
        assertThat(log.rc()).isEqualTo(2);
        assertThat(log.err()).contains("--frame-log takes one input, not 2");
        CapturedRun self =
                CapturedRun.of(
                        "restore",
                        "-i",
                        a.toString(),
                        "-i",
                        b.toString(),
                        "-o",
                        dir.toString(),
                        "-y");
        assertThat(self.rc()).isEqualTo(2);
        assertThat(self.err()).contains("replace its own input");
    }
}
