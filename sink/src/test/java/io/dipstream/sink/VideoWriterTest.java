package io.dipstream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dipstream.frames.BadInputException;
import io.dipstream.ingest.DecodedFrame;
import io.dipstream.ingest.VideoInfo;
import io.dipstream.ingest.VideoSource;
import io.dipstream.testing.TestMedia;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoWriterTest {

    @TempDir Path tmp;

    @Test
    void ffv1InMkvRoundTripsRgbBitExactly() throws IOException {
        List<byte[]> frames = TestMedia.randomFrames(40, 22, 4, 42);
        Path out = tmp.resolve("lossless.mkv");
        // With audio, so the Matroska duration repair pass is covered too.
        Path audio = TestMedia.colourClip(tmp.resolve("audio.mp4"), 16, 16, 2, 10, true);

        try (VideoWriter w =
                VideoWriter.open(out, WriterSpec.of(40, 22, 24).withAudioSource(audio))) {
            for (int i = 0; i < frames.size(); i++) {
                w.write(frames.get(i), i * 1_000_000L / 24);
            }
            w.finish();
        }

        List<DecodedFrame> decoded = decode(out);
        assertThat(decoded).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(decoded.get(i).rgb()).as("frame %d", i).isEqualTo(frames.get(i));
        }
        assertThat(onlyFiles()).containsExactly("audio.mp4", "lossless.mkv");
    }

    @Test
    void ffv1PadsAnOddWidthAndKeepsTheOriginalPixelsExact() {
        List<byte[]> frames = TestMedia.randomFrames(37, 21, 2, 3);
        Path out = tmp.resolve("odd.mkv");
        try (VideoWriter w = VideoWriter.open(out, WriterSpec.of(37, 21, 25))) {
            assertThat(w.encodedWidth()).isEqualTo(38);
            assertThat(w.encodedHeight()).as("FFV1 keeps odd heights").isEqualTo(21);
            w.write(frames.get(0), 0);
            w.write(frames.get(1), 40_000);
            w.finish();
        }
        List<DecodedFrame> decoded = decode(out);
        assertThat(decoded).hasSize(2);
        for (int i = 0; i < 2; i++) {
            DecodedFrame d = decoded.get(i);
            assertThat(d.width()).isEqualTo(38);
            assertThat(d.height()).isEqualTo(21);
            for (int y = 0; y < 21; y++) {
                for (int x = 0; x < 38; x++) {
                    assertThat(TestMedia.pixel(d.rgb(), 38, x, y))
                            .as("frame %d (%d,%d)", i, x, y)
                            .containsExactly(
                                    TestMedia.pixel(frames.get(i), 37, Math.min(x, 36), y));
                }
            }
        }
    }

    @Test
    void mp4KeepsFrameCountSizeRateTimestampsAndAudio() throws IOException {
        Path clip = TestMedia.colourClip(tmp.resolve("source.mp4"), 64, 48, 10, 10, true);
        Path out = tmp.resolve("restored.mp4");

        List<Long> sourcePts = new ArrayList<>();
        try (VideoSource src = VideoSource.open(clip)) {
            VideoInfo info = src.info();
            WriterSpec spec =
                    WriterSpec.of(info.width(), info.height(), info.fps())
                            .withX264Preset("ultrafast")
                            .withAudioSource(clip);
            try (VideoWriter w = VideoWriter.open(out, spec)) {
                for (DecodedFrame f = src.next(); f != null; f = src.next()) {
                    sourcePts.add(f.ptsMicros());
                    w.write(f.rgb(), f.ptsMicros());
                }
                w.finish();
            }
        }

        try (VideoSource result = VideoSource.open(out)) {
            VideoInfo info = result.info();
            assertThat(info.width()).isEqualTo(64);
            assertThat(info.height()).isEqualTo(48);
            assertThat(info.fps()).isCloseTo(10.0, within(0.01));
            assertThat(info.hasAudio()).isTrue();
            assertThat(info.audioChannels()).isEqualTo(1);
            assertThat(info.sampleRate()).isEqualTo(TestMedia.SAMPLE_RATE);
            List<DecodedFrame> frames = TestMedia.decodeAll(result);
            assertThat(frames).hasSize(10);
            assertThat(frames)
                    .extracting(DecodedFrame::ptsMicros)
                    .containsExactlyElementsOf(sourcePts);
            for (int i = 0; i < frames.size(); i++) {
                int[] centre = TestMedia.pixel(frames.get(i).rgb(), 64, 32, 24);
                int[] expected = TestMedia.colorOf(i);
                for (int c = 0; c < 3; c++) {
                    assertThat(centre[c])
                            .as("frame %d channel %d", i, c)
                            .isCloseTo(expected[c], within(16));
                }
            }
        }
        assertThat(containerDurationMicros(out))
                .as("container duration")
                .isCloseTo(1_000_000L, within(50_000L));
        assertThat(onlyFiles()).containsExactlyInAnyOrder("source.mp4", "restored.mp4");
    }

    @Test
    void mkvGetsLosslessAudioFromTheAudioSource() throws IOException {
        Path clip = TestMedia.colourClip(tmp.resolve("source.mp4"), 32, 16, 5, 10, true);
        Path out = tmp.resolve("out.mkv");
        try (VideoWriter w =
                VideoWriter.open(out, WriterSpec.of(32, 16, 10).withAudioSource(clip))) {
            for (int i = 0; i < 5; i++) {
                w.write(TestMedia.flat(32, 16, TestMedia.colorOf(i)), i * 100_000L);
            }
            w.finish();
        }
        try (VideoSource result = VideoSource.open(out)) {
            assertThat(result.info().hasAudio()).isTrue();
            assertThat(TestMedia.decodeAll(result)).hasSize(5);
        }
        assertThat(containerDurationMicros(out))
                .as("container duration")
                .isCloseTo(500_000L, within(50_000L));
        assertThat(onlyFiles()).containsExactlyInAnyOrder("source.mp4", "out.mkv");
    }

    private static long containerDurationMicros(Path file) throws IOException {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toString())) {
            g.start();
            return g.getLengthInTime();
        }
    }

    @Test
    void anAudioSourceWithoutAudioGivesVideoOnly() throws IOException {
        Path silent = TestMedia.colourClip(tmp.resolve("silent.mp4"), 32, 16, 3, 10, false);
        Path out = tmp.resolve("out.mov");
        try (VideoWriter w =
                VideoWriter.open(
                        out,
                        WriterSpec.of(32, 16, 10)
                                .withX264Preset("ultrafast")
                                .withAudioSource(silent))) {
            for (int i = 0; i < 3; i++) {
                w.write(TestMedia.flat(32, 16, TestMedia.colorOf(i)), i * 100_000L);
            }
            w.finish();
        }
        try (VideoSource result = VideoSource.open(out)) {
            assertThat(result.info().hasAudio()).isFalse();
            assertThat(TestMedia.decodeAll(result)).hasSize(3);
        }
    }

    @Test
    void h264PadsOddSizesToEven() {
        Path out = tmp.resolve("odd.mp4");
        try (VideoWriter w =
                VideoWriter.open(out, WriterSpec.of(37, 21, 25).withX264Preset("ultrafast"))) {
            assertThat(w.encodedWidth()).isEqualTo(38);
            assertThat(w.encodedHeight()).isEqualTo(22);
            for (int i = 0; i < 3; i++) {
                w.write(TestMedia.flat(37, 21, TestMedia.colorOf(i)), i * 40_000L);
            }
            w.finish();
        }
        List<DecodedFrame> decoded = decode(out);
        assertThat(decoded).hasSize(3);
        assertThat(decoded.get(0).width()).isEqualTo(38);
        assertThat(decoded.get(0).height()).isEqualTo(22);
    }

    @Test
    void keepsEveryFrameWhenTimestampsCollide() {
        Path out = tmp.resolve("vfr.mkv");
        long[] pts = {0, 10_000, 20_000, 100_000, 100_000, 400_000};
        try (VideoWriter w = VideoWriter.open(out, WriterSpec.of(32, 16, 10))) {
            for (long t : pts) {
                w.write(TestMedia.flat(32, 16, TestMedia.colorOf(0)), t);
            }
            w.finish();
        }
        assertThat(decode(out)).hasSize(pts.length);
    }

    @Test
    void closeWithoutFinishLeavesNothingBehind() {
        Path out = tmp.resolve("abandoned.mp4");
        try (VideoWriter w =
                VideoWriter.open(out, WriterSpec.of(32, 16, 10).withX264Preset("ultrafast"))) {
            w.write(TestMedia.flat(32, 16, TestMedia.colorOf(0)), 0);
            assertThat(onlyFiles())
                    .as("writes go to a hidden partial file")
                    .singleElement()
                    .asString()
                    .startsWith(".abandoned.mp4.partial-")
                    .endsWith(".mp4");
        }
        assertThat(out).doesNotExist();
        assertThat(onlyFiles()).isEmpty();
    }

    @Test
    void finishReplacesAnExistingOutput() throws IOException {
        Path out = Files.writeString(tmp.resolve("again.mkv"), "old");
        try (VideoWriter w = VideoWriter.open(out, WriterSpec.of(32, 16, 10))) {
            w.write(TestMedia.flat(32, 16, TestMedia.colorOf(1)), 0);
            assertThat(Files.readString(out)).as("untouched until finish").isEqualTo("old");
            w.finish();
        }
        assertThat(decode(out)).hasSize(1);
        assertThat(onlyFiles()).containsExactly("again.mkv");
    }

    @Test
    void rejectsBadRequestsBeforeWritingAnything() {
        WriterSpec spec = WriterSpec.of(32, 16, 10);
        Path avi = tmp.resolve("out.avi");
        assertThatThrownBy(() -> VideoWriter.open(avi, spec))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(avi.toString())
                .hasMessageContaining(".mp4, .mov, .m4v, .mkv");
        Path mp4 = tmp.resolve("out.mp4");
        assertThatThrownBy(() -> VideoWriter.open(mp4, spec.withCodec(Codec.FFV1)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(mp4.toString())
                .hasMessageContaining("FFV1");
        Path nowhere = tmp.resolve("missing/dir/out.mkv");
        assertThatThrownBy(() -> VideoWriter.open(nowhere, spec))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(nowhere.toString())
                .hasMessageContaining("does not exist");
        Path noAudio = tmp.resolve("no-such-audio.wav");
        assertThatThrownBy(
                        () -> VideoWriter.open(tmp.resolve("x.mkv"), spec.withAudioSource(noAudio)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(noAudio.toString());
        assertThatThrownBy(() -> VideoWriter.open(tmp, spec)).isInstanceOf(BadInputException.class);
        assertThat(onlyFiles()).isEmpty();
    }

    @Test
    void h264InMkvIsAllowed() {
        Path out = tmp.resolve("h264.mkv");
        try (VideoWriter w =
                VideoWriter.open(
                        out,
                        WriterSpec.of(32, 16, 10)
                                .withCodec(Codec.H264)
                                .withX264Preset("ultrafast"))) {
            w.write(TestMedia.flat(32, 16, TestMedia.colorOf(2)), 0);
            w.write(TestMedia.flat(32, 16, TestMedia.colorOf(3)), 100_000);
            w.finish();
        }
        assertThat(decode(out)).hasSize(2);
    }

    @Test
    void misuseIsReported() {
        Path out = tmp.resolve("misuse.mkv");
        VideoWriter w = VideoWriter.open(out, WriterSpec.of(32, 16, 10));
        assertThatThrownBy(() -> w.write(new byte[5], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(w::finish)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no frames");
        assertThatThrownBy(() -> w.write(new byte[32 * 16 * 3], 0))
                .isInstanceOf(IllegalStateException.class);
        w.close();
        assertThat(onlyFiles()).isEmpty();
    }

    @Test
    void specAndCodecValidation() {
        assertThat(Codec.parse("H264")).isEqualTo(Codec.H264);
        assertThat(Codec.parse(" ffv1 ")).isEqualTo(Codec.FFV1);
        assertThat(Codec.parse("auto")).isEqualTo(Codec.AUTO);
        assertThatThrownBy(() -> Codec.parse("vp9"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("vp9");
        WriterSpec d = WriterSpec.of(32, 16, 25);
        assertThat(d.codec()).isEqualTo(Codec.AUTO);
        assertThat(d.crf()).isEqualTo(18);
        assertThat(d.x264Preset()).isEqualTo("medium");
        assertThat(new WriterSpec(32, 16, 25, null, 18, null, null).x264Preset())
                .isEqualTo("medium");
        assertThatThrownBy(() -> d.withCrf(52))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("crf");
        assertThatThrownBy(() -> d.withX264Preset("quick"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("preset");
        assertThatThrownBy(() -> WriterSpec.of(0, 8, 25))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> WriterSpec.of(8, 8, Double.POSITIVE_INFINITY))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("fps");
    }

    private List<String> onlyFiles() {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<DecodedFrame> decode(Path file) {
        try (VideoSource s = VideoSource.open(file)) {
            return TestMedia.decodeAll(s);
        }
    }
}
