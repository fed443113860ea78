package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import io.dipstream.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records ingest builds for each frame, read without Kafka. */
class FrameRecordsTest {
    private static final int W = 20;
    private static final int H = 12;

    @TempDir Path dir;

    static StreamHeader inpaint(long seed) {
        return IngestTest.settings().toBuilder().setTask(TaskKind.INPAINT).setSeed(seed).build();
    }

    static IngestSpec spec(Path clip, Path mask, double drop, boolean detect, long seed) {
        return new IngestSpec(
                clip, "s", inpaint(seed), mask, drop, detect, null, SizeLimits.DEFAULT);
    }

    static List<FrameRecord> records(IngestSpec spec) {
        List<FrameRecord> out = new ArrayList<>();
        try (VideoSource v = VideoSource.open(spec.input());
                FrameRecords records = FrameRecords.open(spec, v)) {
            for (FrameRecord r = records.next(); r != null; r = records.next()) {
                out.add(r);
            }
        }
        return out;
    }

    Path clip(String name, int frames) throws IOException {
        return TestMedia.ffv1Clip(
                dir.resolve(name), W, H, 8, TestMedia.randomFrames(W, H, frames, 3));
    }

    /** Mask frame i: the pixels of column i white-ish (200), the rest dark grey (100). */
    static List<byte[]> maskFrames(int count) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] f = TestMedia.flat(W, H, new int[] {100, 100, 100});
            for (int y = 0; y < H; y++) {
                for (int ch = 0; ch < 3; ch++) {
                    f[3 * (y * W + i) + ch] = (byte) 200;
                }
            }
            frames.add(f);
        }
        return frames;
    }

    static byte[] expectedMask(int i) {
        byte[] m = new byte[W * H];
        for (int y = 0; y < H; y++) {
            m[y * W + i] = (byte) 255;
        }
        return m;
    }

    @Test
    void usesOneMaskImageForEveryFrame() throws Exception {
        Path mask = dir.resolve("mask.png");
        TestMedia.writeImage(mask, "png", W, H, maskFrames(3).get(2));
        List<FrameRecord> rs = records(spec(clip("c.mkv", 3), mask, 0, false, 1));
        assertThat(rs).hasSize(3);
        for (FrameRecord r : rs) {
            assertThat(PlaneCodec.decode(r.getMask())).isEqualTo(expectedMask(2));
        }
    }

    @Test
    void readsAMaskVideoFrameByFrame() throws Exception {
        // Matroska states no frame count: the decision rests on decoding a second frame.
        Path mask = TestMedia.ffv1Clip(dir.resolve("mask.mkv"), W, H, 8, maskFrames(4));
        List<FrameRecord> rs = records(spec(clip("c.mkv", 4), mask, 0, false, 1));
        assertThat(rs).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(PlaneCodec.decode(rs.get(i).getMask())).isEqualTo(expectedMask(i));
        }
    }

    @Test
    void readsADirectoryOfMaskImagesFrameByFrame() throws Exception {
        Path masks = Files.createDirectory(dir.resolve("masks"));
        List<byte[]> frames = maskFrames(3);
        for (int i = 0; i < 3; i++) {
            TestMedia.writeImage(masks.resolve("m" + i + ".png"), "png", W, H, frames.get(i));
        }
        List<FrameRecord> rs = records(spec(clip("c.mkv", 3), masks, 0, false, 1));
        for (int i = 0; i < 3; i++) {
            assertThat(PlaneCodec.decode(rs.get(i).getMask())).isEqualTo(expectedMask(i));
        }
    }

    @Test
    void refusesAMaskVideoWithAnotherStatedFrameCountBeforeAnyFrame() throws Exception {
        Path clip = TestMedia.colourClip(dir.resolve("c.mp4"), W, H, 4, 8, false);
        Path mask = TestMedia.colourClip(dir.resolve("m.mp4"), W, H, 5, 8, false);
        IngestSpec spec = spec(clip, mask, 0, false, 1);
        try (VideoSource v = VideoSource.open(clip)) {
            assertThatThrownBy(() -> FrameRecords.open(spec, v))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(mask + " has 5 frames")
                    .hasMessageContaining(clip + " has 4");
        }
    }

    @Test
    void refusesAMaskVideoWithFewerFramesByTheirDurationsBeforeAnyFrame() throws Exception {
        Path clip = clip("c.mkv", 4);
        Path mask = TestMedia.ffv1Clip(dir.resolve("m.mkv"), W, H, 8, maskFrames(2));
        assertThatThrownBy(() -> records(spec(clip, mask, 0, false, 1)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(
                        mask + " has 2 frames but " + clip + " has 4 (by their durations)");
    }

    @Test
    void refusesAMaskVideoWithMoreFramesByTheirDurationsBeforeAnyFrame() throws Exception {
        Path clip = clip("c.mkv", 3);
        Path mask = TestMedia.ffv1Clip(dir.resolve("m.mkv"), W, H, 8, maskFrames(5));
        assertThatThrownBy(() -> records(spec(clip, mask, 0, false, 1)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(
                        mask + " has 5 frames but " + clip + " has 3 (by their durations)");
    }

    @Test
    void refusesAMaskVideoOfAnotherSizeNamingBoth() throws Exception {
        Path clip = clip("c.mkv", 3);
        Path mask =
                TestMedia.ffv1Clip(
                        dir.resolve("m.mkv"), 10, 10, 8, TestMedia.randomFrames(10, 10, 3, 1));
        IngestSpec spec = spec(clip, mask, 0, false, 1);
        try (VideoSource v = VideoSource.open(clip)) {
            assertThatThrownBy(() -> FrameRecords.open(spec, v))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(mask + " is 10x10")
                    .hasMessageContaining(clip + " is 20x12");
        }
    }

    @Test
    void dropsTheAskedFractionOfPixelsDifferentlyPerFrameButReproducibly() throws Exception {
        int w = 40;
        int h = 30;
        List<byte[]> frames = TestMedia.randomFrames(w, h, 3, 5);
        Path clip = TestMedia.ffv1Clip(dir.resolve("c.mkv"), w, h, 8, frames);
        List<FrameRecord> rs = records(spec(clip, null, 0.3, false, 11));
        List<byte[]> masks = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            byte[] mask = PlaneCodec.decode(rs.get(i).getMask());
            byte[] rgb = PlaneCodec.decode(rs.get(i).getRgb());
            int dropped = 0;
            for (int p = 0; p < w * h; p++) {
                boolean drop = mask[p] != 0;
                dropped += drop ? 1 : 0;
                for (int ch = 0; ch < 3; ch++) {
                    assertThat(rgb[3 * p + ch]).isEqualTo(drop ? 0 : frames.get(i)[3 * p + ch]);
                }
            }
            assertThat((double) dropped / (w * h))
                    .isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.02));
            masks.add(mask);
        }
        assertThat(masks.get(0)).isNotEqualTo(masks.get(1));
        List<FrameRecord> again = records(spec(clip, null, 0.3, false, 11));
        assertThat(PlaneCodec.decode(again.get(1).getMask())).isEqualTo(masks.get(1));
        List<FrameRecord> otherSeed = records(spec(clip, null, 0.3, false, 12));
        assertThat(PlaneCodec.decode(otherSeed.get(1).getMask())).isNotEqualTo(masks.get(1));
    }

    @Test
    void unitesTheGivenMaskWithTheDroppedPixels() throws Exception {
        Path mask = dir.resolve("mask.png");
        TestMedia.writeImage(mask, "png", W, H, maskFrames(1).get(0));
        List<FrameRecord> rs = records(spec(clip("c.mkv", 2), mask, 0.5, false, 1));
        byte[] m = PlaneCodec.decode(rs.get(0).getMask());
        byte[] rgb = PlaneCodec.decode(rs.get(0).getRgb());
        int marked = 0;
        for (int p = 0; p < W * H; p++) {
            marked += m[p] != 0 ? 1 : 0;
            if (p % W == 0) {
                assertThat(m[p]).as("the given mask's column").isEqualTo((byte) 255);
            }
        }
        // Half dropped, plus the column's pixels that were not dropped anyway.
        assertThat(marked).isBetween(W * H / 2, W * H / 2 + H);
        // Only dropped pixels are zeroed: the given mask leaves the pixels as they are.
        int zeroed = 0;
        for (int p = 0; p < W * H; p++) {
            zeroed += rgb[3 * p] == 0 && rgb[3 * p + 1] == 0 && rgb[3 * p + 2] == 0 ? 1 : 0;
        }
        assertThat(zeroed).isBetween(W * H / 2, W * H / 2 + 3);
    }

    @Test
    void marksADustSpeckInItsFrameOnly() throws Exception {
        List<byte[]> frames = new ArrayList<>(DefectScene.pan(5, 1, 0, false, 3, 2).frames);
        frames.set(2, DefectDetectorTest.withSpeck(frames.get(2), 70, 40, 4, 250));
        Path clip =
                TestMedia.ffv1Clip(
                        dir.resolve("dust.mkv"), DefectScene.W, DefectScene.H, 8, frames);
        List<FrameRecord> rs = records(spec(clip, null, 0, true, 1));
        assertThat(rs).hasSize(5);
        for (int i = 0; i < 5; i++) {
            byte[] m = PlaneCodec.decode(rs.get(i).getMask());
            int inSpeck = 0;
            int elsewhere = 0;
            for (int y = 0; y < DefectScene.H; y++) {
                for (int x = 0; x < DefectScene.W; x++) {
                    boolean speck = x >= 70 && x < 74 && y >= 40 && y < 44;
                    int marked = m[y * DefectScene.W + x] != 0 ? 1 : 0;
                    inSpeck += speck ? marked : 0;
                    elsewhere += speck ? 0 : marked;
                }
            }
            assertThat(inSpeck).as("speck pixels marked in frame %d", i).isEqualTo(i == 2 ? 16 : 0);
            assertThat(elsewhere)
                    .as("other pixels marked in frame %d", i)
                    .isLessThanOrEqualTo(i == 2 ? 20 : 0);
            // Detection alone changes no pixel.
            assertThat(PlaneCodec.decode(rs.get(i).getRgb())).isEqualTo(frames.get(i));
        }
    }

    @Test
    void denoisingWithATemporalRadiusSendsEachFrameItsMultiFrameTarget() throws Exception {
        // A still scene with independent noise per frame: the neighbours all agree. Large
        // enough for the noise estimate's tiles.
        int w = 64;
        int h = 48;
        List<byte[]> frames = new ArrayList<>();
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 5; i++) {
            byte[] f = TestMedia.flat(w, h, new int[] {120, 90, 60});
            for (int k = 0; k < f.length; k++) {
                f[k] = (byte) ((f[k] & 0xff) + (int) Math.round(10 * r.nextGaussian()));
            }
            frames.add(f);
        }
        Path clip = TestMedia.ffv1Clip(dir.resolve("still.mkv"), w, h, 8, frames);
        StreamHeader denoise = IngestTest.settings().toBuilder().setTemporalRadius(2).build();
        List<FrameRecord> out =
                records(new IngestSpec(clip, "s", denoise, null, null, SizeLimits.DEFAULT));
        assertThat(out).hasSize(5).allSatisfy(f -> assertThat(f.hasTarget()).isTrue());
        // Every frame has four neighbours: the first and last borrow them from one side.
        for (FrameRecord f : out) {
            assertThat(f.getTargetNoiseFraction()).as("frame %d", f.getIndex()).isLessThan(0.3f);
        }
        StreamHeader one = IngestTest.settings().toBuilder().setTemporalRadius(1).build();
        List<FrameRecord> near =
                records(new IngestSpec(clip, "s", one, null, null, SizeLimits.DEFAULT));
        for (FrameRecord f : near) {
            assertThat(f.getTargetNoiseFraction())
                    .as("frame %d", f.getIndex())
                    .isBetween(0.3f, 0.45f);
        }
        assertThat(PlaneCodec.decode(out.get(2).getRgb())).isEqualTo(frames.get(2));
        StreamHeader alone = IngestTest.settings();
        assertThat(records(new IngestSpec(clip, "s", alone, null, null, SizeLimits.DEFAULT)))
                .noneMatch(FrameRecord::hasTarget);
    }
}
