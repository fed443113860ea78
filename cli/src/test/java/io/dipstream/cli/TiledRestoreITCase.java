package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.sink.Codec;
import io.dipstream.sink.VideoWriter;
import io.dipstream.sink.WriterSpec;
import io.dipstream.testing.SyntheticClips;
import io.dipstream.testing.TestMedia;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dipstream restore --tile-size}: every tile its own key through the real broker and
 * MiniCluster, the sink putting the frames back together.
 */
class TiledRestoreITCase {
    static final int W = 160;
    static final int H = 96;
    static final int FRAMES = 5;

    @TempDir Path dir;

    static List<byte[]> clip() {
        return SyntheticClips.driftingTexture(W, H, FRAMES);
    }

    static void write(Path p, List<byte[]> frames) {
        try (VideoWriter w = VideoWriter.open(p, WriterSpec.of(W, H, 10).withCodec(Codec.FFV1))) {
            for (int i = 0; i < frames.size(); i++) {
                w.write(frames.get(i), i * 100_000L);
            }
            w.finish();
        }
    }

    @Test
    void tiledPassThroughGivesBackTheExactFrames() throws Exception {
        List<byte[]> clean = clip();
        Path in = dir.resolve("in.mkv");
        Path out = dir.resolve("out.mkv");
        write(in, clean);
        CapturedRun r =
                CapturedRun.of(
                        "restore",
                        "-i",
                        in.toString(),
                        "-o",
                        out.toString(),
                        "--task",
                        "passthrough",
                        "--tile-size",
                        "64",
                        "--tile-overlap",
                        "16",
                        "--no-progress");
        assertThat(r.rc()).as(r.err()).isZero();
        // 160 = 3 tiles of 64 across, 96 = 2 down.
        assertThat(r.out()).contains("width=160 height=96 tiles=6 ");
        List<byte[]> got = TestMedia.rgbFrames(out);
        assertThat(got).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(got.get(i)).as("frame %d", i).isEqualTo(clean.get(i));
        }
    }

    @Test
    void tiledDenoisingOnTwoWorkersRestoresEveryFrameInOrder() throws Exception {
        List<byte[]> clean = clip();
        List<byte[]> noisy = RestorePipelineITCase.noisy(clean, 25);
        Path in = dir.resolve("noisy.mkv");
        Path out = dir.resolve("restored.mkv");
        write(in, noisy);
        CapturedRun r =
                CapturedRun.of(
                        "restore",
                        "-i",
                        in.toString(),
                        "-o",
                        out.toString(),
                        "--preset",
                        "fast",
                        "--first-iterations",
                        "80",
                        "--frame-iterations",
                        "10",
                        "--temporal-radius",
                        "1",
                        "--pre-roll",
                        "0",
                        "--tile-size",
                        "96",
                        "--tile-overlap",
                        "24",
                        "--parallelism",
                        "2",
                        "--no-progress");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).contains("tiles=2 workers=2 threads=1 ");
        List<byte[]> got = TestMedia.rgbFrames(out);
        assertThat(got).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            double restored = RestorePipelineITCase.mse(got.get(i), clean.get(i));
            assertThat(restored)
                    .as("frame %d", i)
                    .isLessThan(RestorePipelineITCase.mse(noisy.get(i), clean.get(i)) / 2);
            for (int j = 0; j < FRAMES; j++) {
                if (j != i) {
                    assertThat(restored)
                            .isLessThan(RestorePipelineITCase.mse(got.get(i), clean.get(j)));
                }
            }
        }
    }

    @Test
    void timeSegmentsAndTilesTogetherGiveBackEveryFrameOnce() throws Exception {
        List<byte[]> clean = clip();
        Path in = dir.resolve("in.mkv");
        Path out = dir.resolve("out.mkv");
        write(in, clean);
        CapturedRun r =
                CapturedRun.of(
                        "restore",
                        "-i",
                        in.toString(),
                        "-o",
                        out.toString(),
                        "--task",
                        "passthrough",
                        "--segments",
                        "2",
                        "--tile-size",
                        "96",
                        "--tile-overlap",
                        "16",
                        "--no-progress");
        assertThat(r.rc()).as(r.err()).isZero();
        List<byte[]> got = TestMedia.rgbFrames(out);
        assertThat(got).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(got.get(i)).as("frame %d", i).isEqualTo(clean.get(i));
        }
    }

    @Test
    void segmentsWarmUpOnFramesTheyDoNotEmit() throws Exception {
        List<byte[]> clean = clip();
        List<byte[]> noisy = RestorePipelineITCase.noisy(clean, 25);
        Path in = dir.resolve("noisy.mkv");
        Path out = dir.resolve("restored.mkv");
        write(in, noisy);
        CapturedRun r =
                CapturedRun.of(
                        "restore",
                        "-i",
                        in.toString(),
                        "-o",
                        out.toString(),
                        "--preset",
                        "fast",
                        "--first-iterations",
                        "60",
                        "--frame-iterations",
                        "8",
                        "--temporal-radius",
                        "1",
                        "--pre-roll",
                        "2",
                        "--segment-frames",
                        "3",
                        "--tile-size",
                        "0",
                        "--parallelism",
                        "2",
                        "--frame-log",
                        dir.resolve("frames.csv").toString(),
                        "--no-progress");
        assertThat(r.rc()).as(r.err()).isZero();
        List<byte[]> got = TestMedia.rgbFrames(out);
        assertThat(got).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(RestorePipelineITCase.mse(got.get(i), clean.get(i)))
                    .as("frame %d", i)
                    .isLessThan(RestorePipelineITCase.mse(noisy.get(i), clean.get(i)) / 2);
        }
        // Segment 1 (frames 3-4) starts cold at frame 1 and warms up on frames 1-2: its first
        // emitted frame is warm; the log has each frame once, in order.
        List<String> log = java.nio.file.Files.readAllLines(dir.resolve("frames.csv"));
        assertThat(log).hasSize(FRAMES + 1);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(log.get(i + 1)).startsWith(i + ",");
        }
        assertThat(log.get(4).split(",")[2]).as("frame 3 cold?").isEqualTo("false");
    }
}
