package io.dipstream.testing;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FFV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MPEG4;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_S16LE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.dipstream.ingest.DecodedFrame;
import io.dipstream.ingest.FfmpegLogging;
import io.dipstream.ingest.VideoSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Tiny synthetic media made on the fly, so tests need no fixture files. */
public final class TestMedia {

    /**
     * Saturated-ish, well separated colours that survive YUV 4:2:0 and a lossy codec within a small
     * tolerance.
     */
    public static final int[][] COLORS = {
        {200, 40, 40}, {40, 200, 40}, {40, 40, 200}, {200, 200, 40}, {40, 200, 200},
        {200, 40, 200}, {230, 230, 230}, {20, 20, 20}, {128, 64, 0}, {0, 128, 160},
    };

    public static final int SAMPLE_RATE = 44_100;

    static {
        FfmpegLogging.install();
    }

    private TestMedia() {}

    public static int[] colorOf(int frame) {
        return COLORS[frame % COLORS.length];
    }

    public static byte[] flat(int width, int height, int[] rgb) {
        byte[] out = new byte[width * height * 3];
        for (int i = 0; i < out.length; i += 3) {
            out[i] = (byte) rgb[0];
            out[i + 1] = (byte) rgb[1];
            out[i + 2] = (byte) rgb[2];
        }
        return out;
    }

    public static List<byte[]> randomFrames(int width, int height, int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] f = new byte[width * height * 3];
            random.nextBytes(f);
            frames.add(f);
        }
        return frames;
    }

    /**
     * MP4 (MPEG-4 Part 2, available in every FFmpeg build) whose frame i is flat {@link
     * #colorOf(int)}, with an optional mono 440 Hz sine AAC track as long as the video.
     */
    public static Path colourClip(
            Path file, int width, int height, int frames, double fps, boolean audio)
            throws IOException {
        try (FFmpegFrameRecorder r =
                new FFmpegFrameRecorder(file.toString(), width, height, audio ? 1 : 0)) {
            r.setFormat("mp4");
            r.setVideoCodec(AV_CODEC_ID_MPEG4);
            r.setPixelFormat(AV_PIX_FMT_YUV420P);
            r.setFrameRate(fps);
            r.setVideoQuality(2);
            if (audio) {
                r.setAudioCodec(AV_CODEC_ID_AAC);
                r.setSampleRate(SAMPLE_RATE);
                r.setAudioBitrate(64_000);
            }
            r.start();
            int samplesPerFrame = (int) Math.round(SAMPLE_RATE / fps);
            long sample = 0;
            for (int i = 0; i < frames; i++) {
                recordRgb(r, width, height, flat(width, height, colorOf(i)));
                if (audio) {
                    short[] s = new short[samplesPerFrame];
                    for (int k = 0; k < s.length; k++, sample++) {
                        s[k] = (short) (8000 * Math.sin(2 * Math.PI * 440 * sample / SAMPLE_RATE));
                    }
                    r.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(s));
                }
            }
            r.stop();
        }
        return file;
    }

    /**
     * Lossless FFV1/Matroska clip of exactly these RGB frames, written without the class under
     * test.
     */
    public static Path ffv1Clip(Path file, int width, int height, double fps, List<byte[]> frames)
            throws IOException {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), width, height, 0)) {
            r.setFormat("matroska");
            r.setVideoCodec(AV_CODEC_ID_FFV1);
            r.setPixelFormat(AV_PIX_FMT_BGR0);
            r.setFrameRate(fps);
            r.start();
            for (byte[] f : frames) {
                recordRgb(r, width, height, f);
            }
            r.stop();
        }
        return file;
    }

    /** One second of mono 16-bit PCM in a WAV file: a valid media file with no video stream. */
    public static Path wav(Path file) throws IOException {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), 1)) {
            r.setFormat("wav");
            r.setAudioCodec(AV_CODEC_ID_PCM_S16LE);
            r.setSampleRate(SAMPLE_RATE);
            r.start();
            r.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(new short[SAMPLE_RATE]));
            r.stop();
        }
        return file;
    }

    public static void writeImage(Path file, String format, int width, int height, byte[] rgb)
            throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                img.setRGB(
                        x,
                        y,
                        (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
            }
        }
        if (!ImageIO.write(img, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
    }

    /** The RGB of pixel (x, y) of a packed RGB24 frame. */
    public static int[] pixel(byte[] rgb, int width, int x, int y) {
        int i = (y * width + x) * 3;
        return new int[] {rgb[i] & 0xff, rgb[i + 1] & 0xff, rgb[i + 2] & 0xff};
    }

    private static void recordRgb(FFmpegFrameRecorder r, int width, int height, byte[] rgb)
            throws FFmpegFrameRecorder.Exception {
        ByteBuffer buf = ByteBuffer.allocateDirect(rgb.length).put(rgb).flip();
        r.recordImage(width, height, Frame.DEPTH_UBYTE, 3, width * 3, AV_PIX_FMT_RGB24, buf);
    }

    /** Every frame {@code source} has left, in order. */
    public static List<DecodedFrame> decodeAll(VideoSource source) {
        List<DecodedFrame> frames = new ArrayList<>();
        for (DecodedFrame f = source.next(); f != null; f = source.next()) {
            frames.add(f);
        }
        return frames;
    }

    /** The RGB samples of every frame of {@code file}. */
    public static List<byte[]> rgbFrames(Path file) {
        try (VideoSource s = VideoSource.open(file)) {
            return decodeAll(s).stream().map(DecodedFrame::rgb).toList();
        }
    }
}
