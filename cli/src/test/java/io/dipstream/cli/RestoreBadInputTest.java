package io.dipstream.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to {@code restore} found before any broker or job starts: one line naming the file or
 * the setting, exit code 2, and nothing written (the directory holds what the test put there).
 */
class RestoreBadInputTest {
    private static final Path SAMPLE = Path.of("../sample-videos/pan.mp4");

    @TempDir Path dir;

    private void refused(String message, String... args) throws IOException {
        Refusals.refused(dir, message, args);
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private String out(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void anEmptyFileIsNamed() throws IOException {
        Path in = file("empty.mp4", new byte[0]);
        refused(in + ": FFmpeg cannot read this input", "-i", in.toString(), "-o", out("o.mkv"));
    }

    @Test
    void aTextFileIsNamed() throws IOException {
        Path in = file("notes.mkv", "not a video\n".getBytes());
        refused(in + ": FFmpeg cannot read this input", "-i", in.toString(), "-o", out("o.mkv"));
    }

    @Test
    void randomBytesAreNamed() throws IOException {
        byte[] noise = new byte[50_000];
        new Random(3).nextBytes(noise);
        Path in = file("random.mp4", noise);
        refused(in + ": FFmpeg cannot read this input", "-i", in.toString(), "-o", out("o.mkv"));
    }

    @Test
    void aMissingInputIsNamed() throws IOException {
        refused("missing.mp4: file not found", "-i", out("missing.mp4"), "-o", out("o.mkv"));
    }

    @Test
    void unknownTaskAndPresetAreNamed() throws IOException {
        refused(
                "unknown task 'bogus'",
                "-i",
                SAMPLE.toString(),
                "-o",
                out("o.mkv"),
                "--task",
                "bogus");
        refused("preset", "-i", SAMPLE.toString(), "-o", out("o.mkv"), "--preset", "bogus");
    }

    @Test
    void negativeZeroOrAbsurdIterationCountsAreNamed() throws IOException {
        for (String n : List.of("-3", "0", "99999999")) {
            refused(
                    "--frame-iterations must be between 1 and 1000000, got " + n,
                    "-i",
                    SAMPLE.toString(),
                    "-o",
                    out("o.mkv"),
                    "--frame-iterations",
                    n);
            refused(
                    "--first-iterations must be between 1 and 1000000, got " + n,
                    "-i",
                    SAMPLE.toString(),
                    "-o",
                    out("o.mkv"),
                    "--first-iterations",
                    n);
        }
    }

    @Test
    void aFactorThatDoesNotFitIsNamed() throws IOException {
        refused(
                "factor",
                "-i",
                SAMPLE.toString(),
                "-o",
                out("o.mkv"),
                "--task",
                "sr",
                "--factor",
                "3");
    }

    @Test
    void aBadEncoderSettingIsRefusedBeforeAnyBrokerStarts() throws IOException {
        refused(
                "unknown x264 preset 'bogus'",
                "-i",
                SAMPLE.toString(),
                "-o",
                out("o.mp4"),
                "--x264-preset",
                "bogus");
        refused("crf", "-i", SAMPLE.toString(), "-o", out("o.mp4"), "--crf", "60");
    }

    @Test
    void anOutputThatReplacesItsInputIsRefused() throws IOException {
        Path in = dir.resolve("clip.mp4");
        Files.copy(SAMPLE, in);
        refused(
                in + ": the output would replace its own input",
                "-i",
                in.toString(),
                "-o",
                in.toString(),
                "-y");
    }

    @Test
    void aMissingOutputDirectoryIsNamed() throws IOException {
        refused(
                "output directory " + dir.resolve("nowhere") + " does not exist",
                "-i",
                SAMPLE.toString(),
                "-o",
                dir.resolve("nowhere").resolve("o.mkv").toString());
    }

    @Test
    void aMaskOfAnotherSizeIsRefusedBeforeAnyBrokerStarts() throws IOException {
        refused(
                "chelsea-mask50.png is 160x128 but ../sample-videos/pan.mp4 is 160x96: the mask"
                        + " must have the frames' size",
                "-i",
                SAMPLE.toString(),
                "-o",
                out("o.mkv"),
                "--task",
                "inpaint",
                "--mask",
                "../sample-videos/chelsea-mask50.png");
    }

    @Test
    void aBadDecodeErrorChoiceIsNamed() throws IOException {
        refused(
                "--on-decode-error must be stop or skip, got 'maybe'",
                "-i",
                SAMPLE.toString(),
                "-o",
                out("o.mkv"),
                "--on-decode-error",
                "maybe");
    }

    @Test
    void anUnreachableBrokerIsNamedWithinSeconds() throws IOException {
        refused(
                "cannot reach Kafka at 127.0.0.1:1 within 10 s",
                "-i",
                SAMPLE.toString(),
                "-o",
                out("o.mkv"),
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--no-progress");
    }

    @Test
    void aRunWithoutRoomOnItsDiskIsRefusedBeforeAnyWork() throws IOException {
        refused(
                "free on its disk, but this run needs about",
                "-i",
                SAMPLE.toString(),
                "-o",
                out("o.mkv"),
                "--keep-free",
                "900T");
        refused(
                "--keep-free must be a size such as 0, 500M or 2G, got 'lots'",
                "-i",
                SAMPLE.toString(),
                "-o",
                out("o.mkv"),
                "--keep-free",
                "lots");
    }

    @Test
    void kafkaClientSettingsAreCheckedBeforeAnyWork() throws IOException {
        Path config = file("client.properties", "transactional.id=mine\n".getBytes());
        refused(
                config + ": transactional.id is set per sink for exactly-once delivery",
                "-i",
                SAMPLE.toString(),
                "-o",
                out("o.mkv"),
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--kafka-config",
                config.toString());
        refused(
                "--kafka-config is for a broker given with --bootstrap-servers",
                "-i",
                SAMPLE.toString(),
                "-o",
                out("o.mkv"),
                "--kafka-config",
                config.toString());
    }
}
