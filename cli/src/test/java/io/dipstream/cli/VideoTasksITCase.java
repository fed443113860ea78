package io.dipstream.cli;

import static io.dipstream.cli.RestorePipelineITCase.FRAMES;
import static io.dipstream.cli.RestorePipelineITCase.H;
import static io.dipstream.cli.RestorePipelineITCase.W;
import static io.dipstream.cli.RestorePipelineITCase.cleanClip;
import static io.dipstream.cli.RestorePipelineITCase.mse;
import static io.dipstream.cli.RestorePipelineITCase.noisy;
import static io.dipstream.cli.RestorePipelineITCase.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.sink.Codec;
import io.dipstream.sink.VideoWriter;
import io.dipstream.sink.WriterSpec;
import io.dipstream.testing.TestMedia;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every task on video through broker and MiniCluster: super-resolution writes the larger size,
 * inpainting fills dropped pixels, the archival preset removes dust, flash/no-flash restores the
 * pair stream; tiny frames and few iterations.
 */
class VideoTasksITCase {
    @TempDir Path dir;

    /**
     * Runs {@code restore -i in -o out} with few iterations, FFV1 and the fast preset unless {@code
     * options} name another; returns the exit code.
     */
    static int restore(Path in, Path out, String... options) {
        return Main.run(restoreArgs(in, out, options));
    }

    /** The arguments {@link #restore} runs with. */
    static String[] restoreArgs(Path in, Path out, String... options) {
        String[] args =
                RestorePipelineITCase.concat(
                        new String[] {
                            "restore",
                            "-i",
                            in.toString(),
                            "-o",
                            out.toString(),
                            "--first-iterations",
                            "60",
                            "--frame-iterations",
                            "12",
                            "--no-progress",
                            "--codec",
                            "ffv1"
                        },
                        options);
        return List.of(options).contains("--preset")
                ? args
                : RestorePipelineITCase.concat(args, "--preset", "fast");
    }

    @Test
    void superResolutionWritesTheLargerSizeInOrder() throws Exception {
        List<byte[]> clean = cleanClip();
        List<byte[]> small = new ArrayList<>();
        for (byte[] f : clean) {
            small.add(halve(f));
        }
        Path in = dir.resolve("small.mkv");
        try (VideoWriter w =
                VideoWriter.open(in, WriterSpec.of(W / 2, H / 2, 10).withCodec(Codec.FFV1))) {
            for (int i = 0; i < small.size(); i++) {
                w.write(small.get(i), i * 100_000L);
            }
            w.finish();
        }
        Path out = dir.resolve("sr.mkv");
        int rc = restore(in, out, "--task", "sr", "--factor", "2");
        assertThat(rc).isZero();
        List<byte[]> restored = TestMedia.rgbFrames(out);
        assertThat(restored).hasSize(FRAMES);
        assertThat(restored.get(0)).hasSize(W * H * 3);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(mse(restored.get(i), clean.get(i)))
                    .as("frame %d is closest to its own clean frame", i)
                    .isLessThan(mse(restored.get(i), clean.get((i + 3) % FRAMES)));
        }
    }

    @Test
    void inpaintingFillsRandomlyDroppedPixels() throws Exception {
        List<byte[]> clean = cleanClip(1);
        Path in = dir.resolve("clean.mkv");
        write(in, clean, 10);
        Path out = dir.resolve("filled.mkv");
        int rc = restore(in, out, "--task", "inpaint", "--drop-fraction", "0.5");
        assertThat(rc).isZero();
        List<byte[]> restored = TestMedia.rgbFrames(out);
        assertThat(restored).hasSize(FRAMES);
        // Half the pixels of the input are black: about half the mean square of the frame.
        for (int i = 0; i < FRAMES; i++) {
            double dropped = meanSquare(clean.get(i)) / 2;
            assertThat(mse(restored.get(i), clean.get(i)))
                    .as("frame %d", i)
                    .isLessThan(dropped / 10);
        }
    }

    @Test
    void theArchivalPresetRemovesDustSpecks() throws Exception {
        List<byte[]> clean = cleanClip(1);
        List<byte[]> dusty = noisy(clean, 5);
        int[][] specks = {{2, 10, 8}, {3, 30, 20}, {4, 20, 12}};
        for (int[] s : specks) {
            byte[] f = dusty.get(s[0]);
            for (int y = s[2]; y < s[2] + 3; y++) {
                for (int x = s[1]; x < s[1] + 3; x++) {
                    for (int c = 0; c < 3; c++) {
                        f[(y * W + x) * 3 + c] = (byte) 250;
                    }
                }
            }
        }
        Path in = dir.resolve("dusty.mkv");
        write(in, dusty, 10);
        Path out = dir.resolve("archival.mkv");
        int rc = restore(in, out, "--preset", "archival");
        assertThat(rc).isZero();
        List<byte[]> restored = TestMedia.rgbFrames(out);
        assertThat(restored).hasSize(FRAMES);
        for (int[] s : specks) {
            double before = 0;
            double after = 0;
            for (int y = s[2]; y < s[2] + 3; y++) {
                for (int x = s[1]; x < s[1] + 3; x++) {
                    int p = (y * W + x) * 3;
                    before += Math.abs((dusty.get(s[0])[p] & 0xff) - (clean.get(s[0])[p] & 0xff));
                    after += Math.abs((restored.get(s[0])[p] & 0xff) - (clean.get(s[0])[p] & 0xff));
                }
            }
            assertThat(after).as("speck in frame %d", s[0]).isLessThan(before / 3);
        }
    }

    @Test
    void flashNoFlashRestoresThePairStreamAndRefusesUnequalCounts() throws Exception {
        List<byte[]> flash = cleanClip(1);
        List<byte[]> dark = new ArrayList<>();
        for (byte[] f : noisy(flash, 10)) {
            byte[] d = f.clone();
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) ((d[i] & 0xff) / 2);
            }
            dark.add(d);
        }
        Path noFlash = dir.resolve("noflash.mkv");
        Path flashFile = dir.resolve("flash.mkv");
        write(noFlash, dark, 10);
        write(flashFile, flash, 10);
        Path out = dir.resolve("pair.mkv");
        int rc = restore(noFlash, out, "--guide", flashFile.toString(), "--task", "flash");
        assertThat(rc).isZero();
        assertThat(TestMedia.rgbFrames(out)).hasSize(FRAMES);

        Path shortFlash = dir.resolve("short.mkv");
        write(shortFlash, flash.subList(0, FRAMES - 2), 10);
        CapturedRun bad =
                CapturedRun.of(
                        restoreArgs(
                                noFlash,
                                dir.resolve("bad.mkv"),
                                "--guide",
                                shortFlash.toString(),
                                "--task",
                                "flash"));
        assertThat(bad.rc()).isEqualTo(Main.BAD_INPUT);
        assertThat(bad.err()).contains("short.mkv", "noflash.mkv");
        assertThat(dir.resolve("bad.mkv")).doesNotExist();
    }

    /** 2×2 box average: the low-resolution frame. */
    static byte[] halve(byte[] f) {
        byte[] s = new byte[(W / 2) * (H / 2) * 3];
        for (int y = 0; y < H / 2; y++) {
            for (int x = 0; x < W / 2; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int dy = 0; dy < 2; dy++) {
                        for (int dx = 0; dx < 2; dx++) {
                            sum += f[((2 * y + dy) * W + 2 * x + dx) * 3 + c] & 0xff;
                        }
                    }
                    s[(y * (W / 2) + x) * 3 + c] = (byte) ((sum + 2) / 4);
                }
            }
        }
        return s;
    }

    static double meanSquare(byte[] f) {
        double s = 0;
        for (byte b : f) {
            s += (b & 0xff) * (b & 0xff);
        }
        return s / f.length;
    }
}
