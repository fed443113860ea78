package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.ingest.VideoInfo;
import io.dipstream.ingest.VideoSource;
import io.dipstream.sink.Codec;
import io.dipstream.sink.VideoWriter;
import io.dipstream.sink.WriterSpec;
import io.dipstream.testing.SyntheticClips;
import io.dipstream.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dipstream restore} end to end with its embedded default: a real KRaft broker, the Flink
 * job in a MiniCluster, real FFmpeg on both ends.
 */
class RestorePipelineITCase {
    static final int W = 48;
    static final int H = 32;
    static final int FRAMES = 6;

    @TempDir Path dir;

    /** A smooth pattern drifting right, so every frame differs from its neighbours. */
    static List<byte[]> cleanClip() {
        return cleanClip(4);
    }

    /** The drifting pattern at {@code speed} pixels per frame. */
    static List<byte[]> cleanClip(double speed) {
        List<byte[]> frames = new ArrayList<>();
        for (int t = 0; t < FRAMES; t++) {
            byte[] rgb = new byte[W * H * 3];
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    double s = Math.sin((x + speed * t) / 5.0) * Math.cos(y / 6.0);
                    int i = (y * W + x) * 3;
                    rgb[i] = (byte) (128 + 90 * s);
                    rgb[i + 1] = (byte) (100 + 60 * Math.cos((x - speed / 2 * t) / 7.0));
                    rgb[i + 2] = (byte) (60 + 3 * y + 2.5 * speed * t);
                }
            }
            frames.add(rgb);
        }
        return frames;
    }

    static List<byte[]> noisy(List<byte[]> clean, double sigma) {
        return SyntheticClips.noisy(clean, sigma, 25);
    }

    static void write(Path p, List<byte[]> frames, double fps) {
        try (VideoWriter w = VideoWriter.open(p, WriterSpec.of(W, H, fps).withCodec(Codec.FFV1))) {
            for (int i = 0; i < frames.size(); i++) {
                w.write(frames.get(i), Math.round(i * 1e6 / fps));
            }
            w.finish();
        }
    }

    static double mse(byte[] a, byte[] b) {
        return SyntheticClips.mse(a, b);
    }

    static Set<String> ourTempDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("dipstream-"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void restoresANoisyClipThroughBrokerAndMiniCluster() throws Exception {
        List<byte[]> clean = cleanClip();
        List<byte[]> noisy = noisy(clean, 25);
        Path in = dir.resolve("noisy.mkv");
        Path out = dir.resolve("restored.mkv");
        write(in, noisy, 10);
        Path cleanFile = dir.resolve("clean.mkv");
        write(cleanFile, clean, 10);
        Set<String> tempBefore = ourTempDirs();

        int rc =
                Main.run(
                        "restore",
                        "-i",
                        in.toString(),
                        "-o",
                        out.toString(),
                        "--preset",
                        "fast",
                        "--first-iterations",
                        "150",
                        "--frame-iterations",
                        "30",
                        "--no-progress",
                        "--report",
                        "--reference",
                        cleanFile.toString());

        assertThat(rc).isZero();
        Path report = dir.resolve("restored.report.html");
        assertThat(report).exists();
        assertThat(Files.readString(report)).contains("data:image/png;base64,", "preset");
        try (VideoSource s = VideoSource.open(out)) {
            VideoInfo info = s.info();
            assertThat(info.width()).isEqualTo(W);
            assertThat(info.height()).isEqualTo(H);
            assertThat(info.fps()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
        }
        List<byte[]> restored = TestMedia.rgbFrames(out);
        assertThat(restored).hasSize(FRAMES);
        double noisyMse = 0;
        double restoredMse = 0;
        for (int i = 0; i < FRAMES; i++) {
            noisyMse += mse(noisy.get(i), clean.get(i));
            restoredMse += mse(restored.get(i), clean.get(i));
            // In order: each output frame is closest to its own clean frame.
            for (int j = 0; j < FRAMES; j++) {
                if (j != i) {
                    assertThat(mse(restored.get(i), clean.get(i)))
                            .as("frame %d vs clean frame %d", i, j)
                            .isLessThan(mse(restored.get(i), clean.get(j)));
                }
            }
        }
        assertThat(restoredMse).as("restored MSE vs noisy MSE").isLessThan(noisyMse / 2);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "noisy.mkv", "clean.mkv", "restored.mkv", "restored.report.html");
        }
        assertThat(ourTempDirs()).isSubsetOf(tempBefore);
    }

    /**
     * A clip of two scenes, the pattern drifting a pixel per frame and then its colour negative:
     * the frame after the cut starts from fresh weights on the long schedule, the frames around it
     * are warm-started, and each scene's first frames are restored again from warmed weights.
     */
    @Test
    void aSceneCutRestartsTheLongSchedule() throws Exception {
        List<byte[]> frames = cleanClip(1);
        int cut = FRAMES / 2;
        for (int t = cut; t < FRAMES; t++) {
            byte[] f = frames.get(t);
            for (int i = 0; i < f.length; i++) {
                f[i] = (byte) (255 - (f[i] & 0xff));
            }
        }
        Path in = dir.resolve("two-scenes.mkv");
        write(in, noisy(frames, 25), 10);
        Path log = dir.resolve("frames.csv");
        int rc =
                Main.run(
                        "restore",
                        "-i",
                        in.toString(),
                        "-o",
                        dir.resolve("restored.mkv").toString(),
                        "--preset",
                        "fast",
                        "--first-iterations",
                        "40",
                        "--frame-iterations",
                        "8",
                        "--no-progress",
                        "--frame-log",
                        log.toString());
        assertThat(rc).isZero();
        List<String> rows = Files.readAllLines(log);
        List<String> header = List.of(rows.get(0).split(","));
        int coldCol = header.indexOf("cold");
        int cutCol = header.indexOf("scene_cut");
        int itCol = header.indexOf("iterations");
        int rewoundCol = header.indexOf("rewound");
        assertThat(rows).hasSize(FRAMES + 1);
        for (int i = 0; i < FRAMES; i++) {
            String[] r = rows.get(i + 1).split(",");
            boolean atCut = i == cut;
            assertThat(Boolean.parseBoolean(r[cutCol]))
                    .as("scene cut at frame %d", i)
                    .isEqualTo(atCut);
            assertThat(Boolean.parseBoolean(r[coldCol]))
                    .as("cold at frame %d", i)
                    .isEqualTo(i == 0 || atCut);
            // Both scenes are shorter than the default pre-roll of 4: every frame is held and
            // restored a second time, warm, and its iterations count both fits.
            assertThat(Boolean.parseBoolean(r[rewoundCol])).as("rewound frame %d", i).isTrue();
            int iterations = Integer.parseInt(r[itCol]);
            if (i == 0 || atCut) {
                assertThat(iterations).as("iterations of cold frame %d", i).isBetween(45, 48);
            } else {
                assertThat(iterations).as("iterations of warm frame %d", i).isBetween(10, 16);
            }
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * A video cut short (its end bytes lost) decodes to fewer frames than its duration says: by
     * default the stream stops as bad input, naming how many decoded, with nothing written; with
     * --on-decode-error skip the frames that decode are restored.
     */
    @Test
    void aTruncatedVideoIsRefusedUnlessTheUserAsksForWhatDecodes() throws Exception {
        Path whole = MovingClip.write(dir.resolve("whole.mkv"), 40);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut =
                Files.write(
                        dir.resolve("cut.mkv"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Path outDir = Files.createDirectory(dir.resolve("out"));
        Path out = outDir.resolve("restored.mkv");
        String[] args = {
            "restore",
            "-i",
            cut.toString(),
            "-o",
            out.toString(),
            "--task",
            "passthrough",
            "--no-progress"
        };

        CapturedRun refused = CapturedRun.of(args);
        assertThat(refused.rc()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err())
                .containsPattern(
                        "cut.mkv: decoded \\d+ of the 40 frames its duration implies: the file is truncated")
                .contains("--on-decode-error skip");
        try (Stream<Path> s = Files.list(outDir)) {
            assertThat(s).as("nothing written, no work left").isEmpty();
        }

        CapturedRun skipped = CapturedRun.of(concat(args, "--on-decode-error", "skip"));
        assertThat(skipped.rc()).as(skipped.err()).isZero();
        List<byte[]> got = TestMedia.rgbFrames(out);
        assertThat(got.size()).isBetween(1, 39);
        assertThat(skipped.out()).contains("frames=" + got.size());
    }

    @Test
    void passThroughKeepsFramesRateAndSound() throws Exception {
        Path in = Path.of("../sample-videos/pan.mp4");
        Path out = dir.resolve("same.mp4");
        int rc =
                Main.run(
                        "restore",
                        "-i",
                        in.toString(),
                        "-o",
                        out.toString(),
                        "--task",
                        "passthrough",
                        "--no-progress");
        assertThat(rc).isZero();
        try (VideoSource src = VideoSource.open(in);
                VideoSource s = VideoSource.open(out)) {
            assertThat(s.info().width()).isEqualTo(src.info().width());
            assertThat(s.info().height()).isEqualTo(src.info().height());
            assertThat(s.info().fps()).isEqualTo(src.info().fps());
            assertThat(s.info().hasAudio()).isTrue();
        }
        assertThat(TestMedia.rgbFrames(out)).hasSize(TestMedia.rgbFrames(in).size());
    }

    @Test
    void refusesBadInputBeforeAnyWork() throws Exception {
        Path out = dir.resolve("x.mp4");
        assertThat(
                        Main.run(
                                "restore",
                                "-i",
                                dir.resolve("missing.mp4").toString(),
                                "-o",
                                out.toString()))
                .isEqualTo(Main.BAD_INPUT);
        Files.writeString(dir.resolve("text.mp4"), "not a video");
        assertThat(
                        Main.run(
                                "restore",
                                "-i",
                                dir.resolve("text.mp4").toString(),
                                "-o",
                                out.toString()))
                .isEqualTo(Main.BAD_INPUT);
        Files.writeString(out, "existing");
        assertThat(Main.run("restore", "-i", "../sample-videos/pan.mp4", "-o", out.toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(Files.readString(out)).isEqualTo("existing");
        assertThat(
                        Main.run(
                                "restore",
                                "-i",
                                "../sample-videos/pan.mp4",
                                "-o",
                                dir.resolve("x.avi").toString()))
                .isEqualTo(Main.BAD_INPUT);
        assertThat(
                        Main.run(
                                "restore",
                                "-i",
                                "../sample-videos/pan.mp4",
                                "-o",
                                dir.resolve("y.mp4").toString(),
                                "--task",
                                "inpaint"))
                .isEqualTo(Main.BAD_INPUT);
        for (String[] bad :
                List.of(
                        new String[] {"--reference", "../sample-videos/pan.mp4"},
                        new String[] {"--report", "--compare-ffmpeg"},
                        new String[] {"--report", "--reference", "missing.mp4"},
                        new String[] {"--scene-cut-threshold", "2"},
                        new String[] {"--temporal-blend", "1"},
                        new String[] {
                            "--frame-iterations", "20", "--min-frame-iterations", "30"
                        })) {
            String[] args = {
                "restore", "-i", "../sample-videos/pan.mp4", "-o", dir.resolve("z.mp4").toString()
            };
            assertThat(Main.run(concat(args, bad)))
                    .as(String.join(" ", bad))
                    .isEqualTo(Main.BAD_INPUT);
        }
        assertThat(dir.resolve("z.mp4")).doesNotExist();
    }
}
