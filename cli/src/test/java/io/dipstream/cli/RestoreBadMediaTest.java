package io.dipstream.cli;

import io.dipstream.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media that FFmpeg opens but that cannot be restored (no picture, no frames, frames too small, a
 * broken image sequence, a flash video that does not pair up), refused by {@code restore} before
 * any broker or job starts: exit 2, one line naming the file, nothing written.
 */
class RestoreBadMediaTest {
    @TempDir Path dir;

    private void refused(String message, String... args) throws IOException {
        Refusals.refused(dir, message, args);
    }

    private String out() {
        return dir.resolve("o.mkv").toString();
    }

    private Path clip(String name, int width, int height, int frames) throws IOException {
        return TestMedia.ffv1Clip(
                dir.resolve(name),
                width,
                height,
                10,
                TestMedia.randomFrames(width, height, frames, frames));
    }

    private void image(String name, int width, int height) throws IOException {
        TestMedia.writeImage(
                dir.resolve("seq").resolve(name),
                "png",
                width,
                height,
                TestMedia.flat(width, height, TestMedia.colorOf(1)));
    }

    @Test
    void aFileWithSoundButNoPictureIsNamed() throws IOException {
        Path in = TestMedia.wav(dir.resolve("audio.wav"));
        refused(in + ": no video stream", "-i", in.toString(), "-o", out());
    }

    @Test
    void aVideoWithoutFramesIsNamed() throws IOException {
        // A YUV4MPEG2 header declares a 32x32 video stream; no frame follows it.
        Path in =
                Files.writeString(
                        dir.resolve("empty.y4m"), "YUV4MPEG2 W32 H32 F10:1 Ip A1:1 C420jpeg\n");
        refused(in + ": holds no video frames", "-i", in.toString(), "-o", out());
    }

    @Test
    void aOnePixelInputIsNamed() throws IOException {
        Path in = dir.resolve("dot.png");
        TestMedia.writeImage(in, "png", 1, 1, new byte[] {10, 20, 30});
        refused(
                in + ": frames are 1x1; restoring needs at least 8x8 pixels",
                "-i",
                in.toString(),
                "-o",
                out());
    }

    @Test
    void anImageSequenceWithAGapIsNamed() throws IOException {
        Files.createDirectories(dir.resolve("seq"));
        for (String name : List.of("f0000.png", "f0001.png", "f0003.png", "f0004.png")) {
            image(name, 32, 32);
        }
        Path pattern = dir.resolve("seq").resolve("f%04d.png");
        refused(
                pattern + ": f0002.png is missing, but 2 images follow it",
                "-i",
                pattern.toString(),
                "-o",
                out());
    }

    @Test
    void anImageSequenceOfMixedSizesIsNamedBeforeAnyWork() throws IOException {
        Files.createDirectories(dir.resolve("seq"));
        image("f1.png", 32, 32);
        image("f2.png", 32, 32);
        image("f3.png", 48, 32);
        refused(
                "f3.png is 48x32 but " + dir.resolve("seq").resolve("f1.png") + " is 32x32",
                "-i",
                dir.resolve("seq").toString(),
                "-o",
                out());
    }

    @Test
    void aFlashVideoWithAnotherFrameCountIsNamed() throws IOException {
        Path noFlash = clip("noflash.mkv", 32, 32, 8);
        Path flash = clip("flash.mkv", 32, 32, 5);
        refused(
                flash + " has 5 frames but " + noFlash + " has 8",
                "-i",
                noFlash.toString(),
                "-o",
                out(),
                "--task",
                "flash",
                "--guide",
                flash.toString());
    }
}
