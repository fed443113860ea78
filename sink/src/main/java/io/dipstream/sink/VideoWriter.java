package io.dipstream.sink;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FFV1;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_FLAC;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.SWS_FULL_CHR_H_INP;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.files.AtomicOutput;
import io.dipstream.ingest.FfmpegLogging;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes packed RGB24 frames into a video file, optionally with the audio of another file.
 *
 * <p><b>Formats.</b> {@code .mp4}, {@code .mov}, {@code .m4v}: H.264 (libx264, CRF and preset from
 * the spec), yuv420p, audio AAC. {@code .mkv}: FFV1 with pixel format bgr0, which carries RGB
 * bit-exactly, audio FLAC (lossless, like the video); H.264 in .mkv on request (audio still FLAC).
 * FFV1 in an MP4/MOV container is refused. When the FFmpeg build has no libx264 (the LGPL {@code
 * linux-x86_64} artifact), H.264 falls back to libopenh264 with a high bitrate; CRF and preset are
 * then ignored and a warning is logged.
 *
 * <p><b>Odd sizes.</b> Odd dimensions are padded by one column/row that repeats the edge pixels,
 * never scaled: an odd width always (FFmpegFrameRecorder cannot encode odd widths), an odd height
 * only for H.264 (yuv420p needs it even). The file is then 1 pixel wider/taller than the spec
 * ({@link #encodedWidth()}, {@link #encodedHeight()}); the spec's pixels stay at the top left, and
 * with FFV1 they round-trip bit-exactly.
 *
 * <p><b>Timing.</b> The stream runs at {@code spec.fps()}; the frame written with timestamp {@code
 * t} gets frame slot {@code round(t * fps / 1e6)}, so a constant-rate source keeps its timestamps.
 * Every written frame is kept: a timestamp that would land on an already used slot is moved to the
 * next free one (logged once).
 *
 * <p><b>Audio.</b> The first audio stream of {@code spec.audioSource()} is decoded and re-encoded,
 * interleaved by timestamp as video is written, and the rest is appended by {@link #finish()}. It
 * is laid out contiguously from time 0, i.e. it is assumed to start with the video; a file without
 * audio yields a video-only output. Known JavaCV 1.5.7 limits: the AAC encoder's last frame (at
 * most 1024 samples, ~23 ms) is not flushed; and because the recorder hands Matroska audio packets
 * with unscaled durations, an .mkv with audio is copied once more (packets only, no re-encode) in
 * {@link #finish()} so that its duration is right.
 *
 * <p><b>Atomicity.</b> {@link #open} validates everything it can before creating any file; then all
 * bytes go to {@code .<name>.partial-<pid><ext>} in the output directory, and only {@link
 * #finish()} renames it to the output (atomically where the file system allows). A {@link #close()}
 * without {@code finish()} deletes the partial file, so a half-written output never appears under
 * the real name. Not thread-safe.
 */
public final class VideoWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VideoWriter.class);
    private static final String SUPPORTED = ".mp4, .mov, .m4v, .mkv";
    private static final String FFMPEG_HINT =
            " (For more details, make sure FFmpegLogCallback.set() has been called.)";

    /** Output containers by extension. */
    private enum Container {
        MP4("mp4", false),
        MOV("mov", false),
        MKV("matroska", true);

        final String ffmpegFormat;
        final boolean lossless;

        Container(String ffmpegFormat, boolean lossless) {
            this.ffmpegFormat = ffmpegFormat;
            this.lossless = lossless;
        }
    }

    private final Path output;
    private final Path partial;
    private final Container container;
    private final WriterSpec spec;
    private final FFmpegFrameRecorder recorder;
    private final AudioFeed audio;
    private final int encodedWidth;
    private final int encodedHeight;
    private final ByteBuffer frameBuffer;

    private long lastSlot = -1;
    private long framesWritten;
    private boolean warnedRetimed;
    private boolean finished;
    private boolean closed;

    private VideoWriter(
            Path output,
            Path partial,
            Container container,
            WriterSpec spec,
            FFmpegFrameRecorder recorder,
            AudioFeed audio,
            int encodedWidth,
            int encodedHeight) {
        this.output = output;
        this.partial = partial;
        this.container = container;
        this.spec = spec;
        this.recorder = recorder;
        this.audio = audio;
        this.encodedWidth = encodedWidth;
        this.encodedHeight = encodedHeight;
        this.frameBuffer = ByteBuffer.allocateDirect(encodedWidth * encodedHeight * 3);
    }

    /**
     * Fails with {@link BadInputException} when {@link #open} would refuse {@code output} with
     * {@code codec} (extension, codec/container pair, directory); writes nothing. For checking
     * before long work.
     */
    public static void check(Path output, Codec codec) {
        resolveCodec(codec, containerOf(output), output);
        checkDestination(output);
    }

    /**
     * Validates the request and starts encoding into a partial file next to {@code output}.
     *
     * @throws BadInputException for an unsupported extension, FFV1 in MP4/MOV, a missing or
     *     read-only output directory, an output path that is a directory, or an unreadable audio
     *     source; nothing has been written then
     * @throws UncheckedIOException when FFmpeg cannot start the encoder or create the file
     */
    public static VideoWriter open(Path output, WriterSpec spec) {
        FfmpegLogging.install();
        Container container = containerOf(output);
        Codec codec = resolveCodec(spec.codec(), container, output);
        Path dir = checkDestination(output);

        // FFmpegFrameRecorder itself would turn an odd width into width+1 and *rescale* the height,
        // for every codec;
        // padding first keeps pixels unscaled. yuv420p also needs an even height (2x2 chroma); bgr0
        // does not.
        int encW = roundUpToEven(spec.width());
        int encH = codec == Codec.H264 ? roundUpToEven(spec.height()) : spec.height();
        if (encW != spec.width() || encH != spec.height()) {
            LOG.warn(
                    "{}: padding {}x{} to {}x{} by repeating the last column/row ({} needs even {})",
                    output,
                    spec.width(),
                    spec.height(),
                    encW,
                    encH,
                    codec,
                    codec == Codec.H264 ? "width and height" : "width");
        }

        AudioFeed audio = spec.audioSource() == null ? null : AudioFeed.open(spec.audioSource());
        String name = output.getFileName().toString();
        Path partial = AtomicOutput.partialFor(output);
        FFmpegFrameRecorder recorder =
                new FFmpegFrameRecorder(
                        partial.toString(), encW, encH, audio == null ? 0 : audio.channels);
        try {
            configureVideo(recorder, container, codec, spec, encW, encH);
            if (audio != null) {
                configureAudio(recorder, container, audio);
            }
            recorder.start();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            releaseQuietly(recorder);
            deleteQuietly(partial);
            if (audio != null) {
                audio.close();
            }
            if (e instanceof BadInputException bad) {
                throw bad;
            }
            throw new UncheckedIOException(
                    new IOException(
                            output + ": cannot start the " + codec + " encoder: " + clean(e), e));
        }
        LOG.debug(
                "writing {} ({} {}x{} @ {} fps, audio: {}) via {}",
                output,
                codec,
                encW,
                encH,
                spec.fps(),
                audio == null ? "none" : audio.channels + "ch " + audio.sampleRate + " Hz",
                partial);
        return new VideoWriter(output, partial, container, spec, recorder, audio, encW, encH);
    }

    /** Width actually encoded: the spec's width, plus one padding column when it is odd. */
    public int encodedWidth() {
        return encodedWidth;
    }

    /**
     * Height actually encoded: the spec's height, plus one padding row for odd heights with H.264.
     */
    public int encodedHeight() {
        return encodedHeight;
    }

    /**
     * Appends one frame.
     *
     * @param rgb {@code width*height*3} bytes of packed RGB24 at the spec's size; not retained
     * @param ptsMicros presentation time relative to the first frame; non-decreasing
     */
    public void write(byte[] rgb, long ptsMicros) {
        requireWritable();
        long expected = (long) spec.width() * spec.height() * 3;
        if (rgb == null || rgb.length != expected) {
            throw new IllegalArgumentException(
                    "frame must hold width*height*3 = "
                            + expected
                            + " bytes, got "
                            + (rgb == null ? "null" : rgb.length));
        }
        long slot = Math.max(0, Math.round(ptsMicros * spec.fps() / 1_000_000.0));
        if (slot <= lastSlot) {
            if (!warnedRetimed) {
                LOG.warn(
                        "{}: input is not at a constant {} fps; frames whose time slot is taken are shifted "
                                + "to the next slot so that none is dropped",
                        output,
                        spec.fps());
                warnedRetimed = true;
            }
            slot = lastSlot + 1;
        }
        try {
            if (audio != null) {
                audio.recordUpTo(recorder, ptsMicros);
            }
            fillFrameBuffer(rgb);
            recorder.setFrameNumber(Math.toIntExact(slot));
            recorder.recordImage(
                    encodedWidth,
                    encodedHeight,
                    Frame.DEPTH_UBYTE,
                    3,
                    encodedWidth * 3,
                    AV_PIX_FMT_RGB24,
                    frameBuffer);
        } catch (FrameRecorder.Exception e) {
            throw new UncheckedIOException(
                    new IOException(
                            output + ": encoding frame " + framesWritten + " failed: " + clean(e),
                            e));
        }
        lastSlot = slot;
        framesWritten++;
    }

    /**
     * Writes the remaining audio, completes the file and moves it to the output path, replacing any
     * existing file there.
     *
     * @throws IllegalStateException when no frame was written (the partial file is discarded)
     */
    public void finish() {
        requireWritable();
        if (framesWritten == 0) {
            close();
            throw new IllegalStateException(output + ": no frames were written; output discarded");
        }
        try {
            if (audio != null) {
                audio.recordUpTo(recorder, Long.MAX_VALUE);
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            close();
            throw new UncheckedIOException(
                    new IOException(output + ": finishing the file failed: " + clean(e), e));
        }
        if (audio != null) {
            audio.close();
        }
        try {
            if (audio != null && container == Container.MKV) {
                rewriteWithCorrectDurations();
            }
            moveIntoPlace();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(
                    output + ": cannot move the finished file into place", e);
        }
        finished = true;
        closed = true;
        LOG.info("wrote {} ({} frames)", output, framesWritten);
    }

    /**
     * Without a prior {@link #finish()}: abandons the output and deletes the partial file.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // release(), not stop(): flushing the encoder and writing a trailer is wasted work for a
        // file we delete.
        releaseQuietly(recorder);
        if (audio != null) {
            audio.close();
        }
        deleteQuietly(partial);
        if (!finished) {
            LOG.debug("{}: discarded unfinished output after {} frames", output, framesWritten);
        }
    }

    /**
     * FFmpegFrameRecorder 1.5.7 passes encoded audio packets to the muxer with their duration still
     * in the encoder's time base (1/sample rate). MP4/MOV use that same time base for audio, but
     * Matroska uses 1/1000, so a 4608-sample FLAC frame counts as 4.6 s and the file claims to be
     * seconds longer than it is. Copying the packets into a fresh file through recordPacket(),
     * which does rescale durations, repairs that without touching the payload.
     */
    private void rewriteWithCorrectDurations() throws IOException {
        String name = partial.getFileName().toString();
        Path fixed = partial.resolveSibling(name.substring(0, name.length() - 4) + "-remux.mkv");
        FFmpegFrameGrabber in = new FFmpegFrameGrabber(partial.toString());
        FFmpegFrameRecorder out = null;
        try {
            in.setFormat(Container.MKV.ffmpegFormat);
            in.start();
            out =
                    new FFmpegFrameRecorder(
                            fixed.toString(),
                            in.getImageWidth(),
                            in.getImageHeight(),
                            in.getAudioChannels());
            out.setFormat(Container.MKV.ffmpegFormat);
            out.start(in.getFormatContext());
            for (AVPacket packet = in.grabPacket(); packet != null; packet = in.grabPacket()) {
                out.recordPacket(packet);
            }
            out.stop();
            in.stop();
            Files.move(fixed, partial, StandardCopyOption.REPLACE_EXISTING);
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new IOException("rewriting " + partial + " failed: " + clean(e), e);
        } finally {
            if (out != null) {
                releaseQuietly(out);
            }
            AudioFeed.closeQuietly(in);
            deleteQuietly(fixed);
        }
    }

    private void moveIntoPlace() throws IOException {
        AtomicOutput.commit(partial, output);
    }

    private void fillFrameBuffer(byte[] rgb) {
        int rowBytes = spec.width() * 3;
        int encRowBytes = encodedWidth * 3;
        for (int y = 0; y < spec.height(); y++) {
            frameBuffer.put(y * encRowBytes, rgb, y * rowBytes, rowBytes);
            if (encodedWidth > spec.width()) {
                frameBuffer.put(y * encRowBytes + rowBytes, rgb, y * rowBytes + rowBytes - 3, 3);
            }
        }
        if (encodedHeight > spec.height()) {
            int last = (spec.height() - 1) * encRowBytes;
            frameBuffer.put(spec.height() * encRowBytes, frameBuffer, last, encRowBytes);
        }
    }

    private void requireWritable() {
        if (closed) {
            throw new IllegalStateException(
                    "VideoWriter for "
                            + output
                            + " is already "
                            + (finished ? "finished" : "closed"));
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Container containerOf(Path output) {
        return switch (extensionOf(
                output.getFileName() == null ? "" : output.getFileName().toString())) {
            case ".mp4", ".m4v" -> Container.MP4;
            case ".mov" -> Container.MOV;
            case ".mkv" -> Container.MKV;
            default ->
                    throw new BadInputException(
                            output + ": unsupported output extension; use one of " + SUPPORTED);
        };
    }

    private static Codec resolveCodec(Codec requested, Container container, Path output) {
        if (requested == Codec.AUTO) {
            return container.lossless ? Codec.FFV1 : Codec.H264;
        }
        if (requested == Codec.FFV1 && !container.lossless) {
            throw new BadInputException(
                    output
                            + ": FFV1 cannot be stored in ."
                            + container.name().toLowerCase(Locale.ROOT)
                            + "; use a .mkv output for FFV1 or choose codec h264");
        }
        return requested;
    }

    private static Path checkDestination(Path output) {
        if (Files.isDirectory(output)) {
            throw new BadInputException(output + ": output path is a directory");
        }
        Path dir = output.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException(output + ": output directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new BadInputException(output + ": output directory " + dir + " is not writable");
        }
        return dir;
    }

    private static void configureVideo(
            FFmpegFrameRecorder r,
            Container container,
            Codec codec,
            WriterSpec spec,
            int width,
            int height) {
        r.setFormat(container.ffmpegFormat);
        r.setFrameRate(spec.fps());
        if (codec == Codec.FFV1) {
            r.setVideoCodec(AV_CODEC_ID_FFV1);
            r.setPixelFormat(AV_PIX_FMT_BGR0);
            r.setVideoBitrate(0);
            // Version 3 adds per-slice CRCs (damage is detectable) and slice threading.
            r.setVideoOption("level", "3");
            r.setVideoOption("slicecrc", "1");
            // FFV1 is the slowest step of a pass-through at 720p on one thread: slices let it use
            // every core.
            r.setVideoOption("slices", "4");
            r.setVideoOption("threads", "auto");
        } else {
            r.setPixelFormat(AV_PIX_FMT_YUV420P);
            // swscale converts RGB with the BT.601 matrix; say so, or players guess BT.709 for HD
            // and shift colours.
            r.setVideoOption("colorspace", "smpte170m");
            r.setVideoOption("color_range", "tv");
            if (avcodec_find_encoder_by_name("libx264") != null) {
                r.setVideoCodecName("libx264");
                // A bitrate would compete with CRF; 0 leaves rate control to CRF alone.
                r.setVideoBitrate(0);
                r.setVideoOption("crf", Integer.toString(spec.crf()));
                r.setVideoOption("preset", spec.x264Preset());
            } else {
                if (width < 16 || height < 16) {
                    throw new BadInputException(
                            "frames of "
                                    + width
                                    + "x"
                                    + height
                                    + " are too small for libopenh264 "
                                    + "(at least 16x16); write .mkv, or use an FFmpeg build with libx264");
                }
                LOG.warn(
                        "this FFmpeg build has no libx264 (use the org.bytedeco:ffmpeg '-gpl' artifact); "
                                + "encoding H.264 with libopenh264 at a fixed high bitrate, crf and preset are ignored");
                r.setVideoCodecName("libopenh264");
                // About 0.25 bit per pixel: generous, because restored output should not lose
                // detail to the encoder.
                r.setVideoBitrate(
                        (int)
                                Math.min(
                                        Integer.MAX_VALUE,
                                        Math.max(
                                                1_000_000L,
                                                Math.round(
                                                        width
                                                                * (double) height
                                                                * spec.fps()
                                                                * 0.25))));
            }
        }
        // Full chroma input keeps the RGB->YUV step from softening restored colour edges;
        // SWS_ACCURATE_RND is left out: it disables swscale's SIMD paths (4x slower at 720p) for a
        // rounding difference of at most one level.
        r.setImageScalingFlags(SWS_BICUBIC | SWS_FULL_CHR_H_INP);
    }

    private static void configureAudio(
            FFmpegFrameRecorder r, Container container, AudioFeed audio) {
        r.setAudioChannels(audio.channels);
        r.setSampleRate(audio.sampleRate);
        if (container.lossless) {
            r.setAudioCodec(AV_CODEC_ID_FLAC);
            // Only nominal (FLAC ignores it), but the recorder adds no audio stream without a
            // positive bitrate.
            r.setAudioBitrate(audio.sampleRate * audio.channels * 16);
        } else {
            r.setAudioCodec(AV_CODEC_ID_AAC);
            r.setAudioBitrate(96_000 * Math.min(audio.channels, 8));
        }
    }

    private static int roundUpToEven(int v) {
        return v + (v & 1);
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    static String clean(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.endsWith(FFMPEG_HINT) ? m.substring(0, m.length() - FFMPEG_HINT.length()) : m;
    }

    private static void releaseQuietly(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            LOG.debug("ignoring failure while releasing the encoder", e);
        }
    }

    /**
     * Deletes the partial files that killed processes left for {@code output} (a process that is
     * still running keeps its own); returns how many.
     */
    public static int deleteStalePartials(Path output) {
        return AtomicOutput.deleteStalePartials(output);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete partial output {}", file, e);
        }
    }
}
