package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandTest {
    static final Path SAMPLES = Path.of("..", "sample-videos");

    @TempDir Path dir;

    private String[] run(String... args) {
        CapturedRun r = CapturedRun.of(args);
        return new String[] {String.valueOf(r.rc()), r.out(), r.err()};
    }

    private long filesIn(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void restoresAnImageAndEndsWithAMachineReadableLine() {
        Path out = dir.resolve("out.png");
        String[] r =
                run(
                        "image",
                        "-i",
                        SAMPLES.resolve("astronaut-noisy25.png").toString(),
                        "-o",
                        out.toString(),
                        "--preset",
                        "fast",
                        "--iterations",
                        "3",
                        "--reference",
                        SAMPLES.resolve("astronaut.png").toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(out).exists();
        String[] lines = r[1].strip().split("\n");
        assertThat(lines[lines.length - 1])
                .matches(
                        "iterations=3 seconds=[0-9.]+ ms_per_iteration=[0-9.]+ psnr=[0-9.]+ ssim=[0-9.]+");
        assertThat(r[1]).contains("preset=fast seed=1");
    }

    @Test
    void missingInputIsExitCodeTwoWithTheFileNamed() throws Exception {
        String[] r =
                run(
                        "image",
                        "-i",
                        dir.resolve("nope.png").toString(),
                        "-o",
                        dir.resolve("o.png").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("nope.png").contains("does not exist");
        assertThat(filesIn(dir)).isZero();
    }

    @Test
    void aFileThatIsNotAnImageIsRefused() throws Exception {
        Path bogus = Files.writeString(dir.resolve("bogus.png"), "not an image");
        String[] r = run("image", "-i", bogus.toString(), "-o", dir.resolve("o.png").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("bogus.png").contains("not an image");
        assertThat(dir.resolve("o.png")).doesNotExist();
    }

    @Test
    void maskOfTheWrongSizeNamesBothFiles() {
        String[] r =
                run(
                        "image",
                        "--task",
                        "inpaint",
                        "-i",
                        SAMPLES.resolve("chelsea.png").toString(),
                        "--mask",
                        SAMPLES.resolve("astronaut.png").toString(),
                        "-o",
                        dir.resolve("o.png").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("astronaut.png").contains("chelsea.png").contains("128x128");
        assertThat(dir.resolve("o.png")).doesNotExist();
    }

    @Test
    void guideOfTheWrongSizeIsRefused() {
        String[] r =
                run(
                        "image",
                        "--task",
                        "flash",
                        "-i",
                        SAMPLES.resolve("chelsea.png").toString(),
                        "--guide",
                        SAMPLES.resolve("astronaut.png").toString(),
                        "-o",
                        dir.resolve("o.png").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("astronaut.png");
    }

    @Test
    void badFactorAndReferenceOfTheWrongSizeAreRefused() {
        String[] r =
                run(
                        "image",
                        "--task",
                        "sr",
                        "--factor",
                        "3",
                        "-i",
                        SAMPLES.resolve("chelsea-lr4.png").toString(),
                        "-o",
                        dir.resolve("o.png").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--factor");
        r =
                run(
                        "image",
                        "--task",
                        "sr",
                        "--factor",
                        "2",
                        "-i",
                        SAMPLES.resolve("chelsea-lr4.png").toString(),
                        "-o",
                        dir.resolve("o.png").toString(),
                        "--reference",
                        SAMPLES.resolve("chelsea.png").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("chelsea.png").contains("80x64");
    }

    @Test
    void unwritableOutputIsRefusedBeforeAnyWork() {
        String[] r =
                run(
                        "image",
                        "-i",
                        SAMPLES.resolve("chelsea.png").toString(),
                        "-o",
                        dir.resolve("no/such/dir/o.png").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("output directory does not exist");
        r =
                run(
                        "image",
                        "-i",
                        SAMPLES.resolve("chelsea.png").toString(),
                        "-o",
                        dir.resolve("o.txt").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("unknown image extension");
    }

    @Test
    void unknownTaskOrPresetIsABadInput() {
        assertThat(run("image", "--task", "colorize", "-i", "a.png", "-o", "b.png")[0])
                .isEqualTo("2");
        assertThat(run("image", "--preset", "ultra", "-i", "a.png", "-o", "b.png")[2])
                .contains("ultra");
    }
}
