package io.dipstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dipstream.frames.BadInputException;
import io.dipstream.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoSourceTest {

    @TempDir Path tmp;

    @Test
    void decodesEveryFrameOfAContainerWithItsMetadata() throws IOException {
        Path clip = TestMedia.colourClip(tmp.resolve("clip.mp4"), 64, 48, 10, 10, true);

        try (VideoSource source = VideoSource.open(clip)) {
            VideoInfo info = source.info();
            assertThat(info.width()).isEqualTo(64);
            assertThat(info.height()).isEqualTo(48);
            assertThat(info.fps()).isCloseTo(10.0, within(0.01));
            assertThat(info.hasAudio()).isTrue();
            assertThat(info.audioChannels()).isEqualTo(1);
            assertThat(info.sampleRate()).isEqualTo(TestMedia.SAMPLE_RATE);
            assertThat(info.frameCount()).isIn(10L, -1L);
            assertThat(info.formatName()).contains("mp4");

            List<DecodedFrame> frames = TestMedia.decodeAll(source);
            assertThat(frames).hasSize(10);
            for (int i = 0; i < frames.size(); i++) {
                DecodedFrame f = frames.get(i);
                assertThat(f.index()).isEqualTo(i);
                assertThat(f.ptsMicros()).isCloseTo(i * 100_000L, within(1_000L));
                assertThat(f.rgb()).hasSize(64 * 48 * 3);
                int[] centre = TestMedia.pixel(f.rgb(), 64, 32, 24);
                int[] expected = TestMedia.colorOf(i);
                for (int c = 0; c < 3; c++) {
                    assertThat(centre[c])
                            .as("frame %d channel %d", i, c)
                            .isCloseTo(expected[c], within(12));
                }
            }
            assertThat(frames.get(0).ptsMicros()).isZero();
            assertThat(source.next()).as("stays at end").isNull();
        }
    }

    @Test
    void copiesPixelsExactlyWhenRowsArePadded() throws IOException {
        // 38*3 = 114 bytes per row: swscale aligns rows to 32 bytes, so the stride is 128.
        // (FFmpegFrameRecorder
        // cannot write odd widths at all, so the width stays even.)
        List<byte[]> expected = TestMedia.randomFrames(38, 21, 3, 7);
        Path clip = TestMedia.ffv1Clip(tmp.resolve("odd.mkv"), 38, 21, 25, expected);

        try (VideoSource source = VideoSource.open(clip)) {
            assertThat(source.info().hasAudio()).isFalse();
            List<DecodedFrame> frames = TestMedia.decodeAll(source);
            assertThat(frames).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(frames.get(i).rgb()).as("frame %d", i).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void readsADirectoryOfImagesInNaturalNameOrder() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("frames"));
        // Unpadded names: plain string order would put f10 before f2.
        for (int i = 1; i <= 11; i++) {
            TestMedia.writeImage(
                    dir.resolve("f" + i + ".png"),
                    "png",
                    20,
                    12,
                    TestMedia.flat(20, 12, TestMedia.colorOf(i)));
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Files.writeString(dir.resolve("._f1.png"), "macOS resource fork, not a PNG");

        try (VideoSource source = VideoSource.open(dir, OptionalDouble.of(12.5))) {
            assertThat(source.info().width()).isEqualTo(20);
            assertThat(source.info().height()).isEqualTo(12);
            assertThat(source.info().fps()).isEqualTo(12.5);
            assertThat(source.info().frameCount()).isEqualTo(11);
            List<DecodedFrame> frames = TestMedia.decodeAll(source);
            assertThat(frames).hasSize(11);
            for (int i = 0; i < frames.size(); i++) {
                assertThat(TestMedia.pixel(frames.get(i).rgb(), 20, 3, 3))
                        .as("frame %d", i)
                        .containsExactly(TestMedia.colorOf(i + 1));
                assertThat(frames.get(i).ptsMicros()).isEqualTo(i * 80_000L);
            }
        }
    }

    @Test
    void readsAPrintfPatternSequenceAt25FpsByDefault() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("seq"));
        for (int i = 1; i <= 4; i++) {
            TestMedia.writeImage(
                    dir.resolve(String.format("frame%04d.png", i)),
                    "png",
                    16,
                    10,
                    TestMedia.flat(16, 10, TestMedia.colorOf(i)));
        }

        try (VideoSource source = VideoSource.open(dir.resolve("frame%04d.png"))) {
            assertThat(source.info().width()).isEqualTo(16);
            assertThat(source.info().height()).isEqualTo(10);
            assertThat(source.info().fps()).isEqualTo(25.0);
            assertThat(source.info().frameCount()).isEqualTo(4);
            List<DecodedFrame> frames = TestMedia.decodeAll(source);
            assertThat(frames).hasSize(4);
            assertThat(frames)
                    .extracting(DecodedFrame::ptsMicros)
                    .containsExactly(0L, 40_000L, 80_000L, 120_000L);
            assertThat(TestMedia.pixel(frames.get(0).rgb(), 16, 1, 1))
                    .containsExactly(TestMedia.colorOf(1));
        }
    }

    @Test
    void directoryInputLeavesNoTemporaryListBehind() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("one"));
        TestMedia.writeImage(
                dir.resolve("a.bmp"), "bmp", 8, 8, TestMedia.flat(8, 8, TestMedia.colorOf(0)));
        List<Path> before = tempLists();
        try (VideoSource source = VideoSource.open(dir)) {
            assertThat(TestMedia.decodeAll(source)).hasSize(1);
        }
        assertThat(tempLists()).isEqualTo(before);
    }

    @Test
    void rejectsAMissingFile() {
        Path missing = tmp.resolve("nope.mp4");
        assertThatThrownBy(() -> VideoSource.open(missing))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found");
    }

    @Test
    void rejectsTextFiles() throws IOException {
        for (String name : List.of("notes.txt", "fake.mp4", "README")) {
            Path text =
                    Files.writeString(
                            tmp.resolve(name),
                            "just some words\nnothing to decode here\n".repeat(20));
            assertThatThrownBy(() -> VideoSource.open(text))
                    .as(name)
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(text.toString());
        }
    }

    @Test
    void rejectsAnEmptyDirectory() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThatThrownBy(() -> VideoSource.open(empty))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("no images");
    }

    @Test
    void rejectsADirectoryMixingImageTypes() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("mixed"));
        TestMedia.writeImage(
                dir.resolve("a.png"), "png", 8, 8, TestMedia.flat(8, 8, TestMedia.colorOf(0)));
        TestMedia.writeImage(
                dir.resolve("b.bmp"), "bmp", 8, 8, TestMedia.flat(8, 8, TestMedia.colorOf(1)));
        assertThatThrownBy(() -> VideoSource.open(dir))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("mixes");
    }

    @Test
    void rejectsAPatternMatchingNothing() throws IOException {
        Path pattern = Files.createDirectory(tmp.resolve("nothing")).resolve("frame%04d.png");
        assertThatThrownBy(() -> VideoSource.open(pattern))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(pattern.toString())
                .hasMessageContaining("no files match");
    }

    @Test
    void rejectsAFileWithoutVideo() throws IOException {
        Path wav = TestMedia.wav(tmp.resolve("tone.wav"));
        assertThatThrownBy(() -> VideoSource.open(wav))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(wav.toString())
                .hasMessageContaining("no video stream");
    }

    @Test
    void rejectsANonPositiveFrameRate() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("fps"));
        assertThatThrownBy(() -> VideoSource.open(dir, OptionalDouble.of(0)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("frame rate");
    }

    @Test
    void naturalOrderComparesDigitRunsByValue() {
        List<String> names =
                new ArrayList<>(
                        List.of("f10.png", "f2.png", "f1.png", "f02.png", "a.png", "f1b.png"));
        names.sort(ImageSequence::compareNatural);
        assertThat(names)
                .containsExactly("a.png", "f1.png", "f1b.png", "f02.png", "f2.png", "f10.png");
    }

    @Test
    void videoInfoNamesTheBadField() {
        assertThatThrownBy(() -> new VideoInfo(0, 10, 25, 1, 25, -1, false, 0, 0, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width");
        assertThatThrownBy(() -> new VideoInfo(10, 10, Double.NaN, 1, 25, -1, false, 0, 0, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fps");
        assertThatThrownBy(() -> new VideoInfo(10, 10, 25, 1, 25, -1, true, 0, 48000, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audioChannels");
        assertThatThrownBy(() -> new DecodedFrame(0, 0, 2, 2, new byte[11]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rgb");
    }

    private static List<Path> tempLists() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("dipstream-sequence-"))
                    .sorted()
                    .toList();
        }
    }
}
