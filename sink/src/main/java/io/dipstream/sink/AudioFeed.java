package io.dipstream.sink;

import io.dipstream.frames.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio of {@link WriterSpec#audioSource()}, decoded and handed to a {@link VideoWriter}'s
 * recorder in timestamp order, interleaved with the video frames (re-encoded, not copied: JavaCV
 * 1.5.7 cannot mix copied packets with encoded frames).
 */
final class AudioFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AudioFeed.class);

    private final Path source;
    private final FFmpegFrameGrabber grabber;
    final int channels;
    final int sampleRate;

    /**
     * Grabbed but not yet due; the grabber reuses its buffers, so this is recorded before the next
     * grab.
     */
    private Frame pending;

    private long firstTimestamp = Long.MIN_VALUE;
    private boolean exhausted;

    private AudioFeed(Path source, FFmpegFrameGrabber grabber) {
        this.source = source;
        this.grabber = grabber;
        this.channels = grabber.getAudioChannels();
        this.sampleRate = grabber.getSampleRate();
    }

    /**
     * Returns null (and logs) when the file has no audio; throws BadInputException when it cannot
     * be read.
     */
    static AudioFeed open(Path source) {
        if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
            throw new BadInputException(source + ": audio source not found or not readable");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toString());
        try {
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            throw new BadInputException(
                    source + ": FFmpeg cannot read the audio source (" + VideoWriter.clean(e) + ")",
                    e);
        }
        if (!grabber.hasAudio()
                || grabber.getAudioChannels() <= 0
                || grabber.getSampleRate() <= 0) {
            LOG.info("{}: no audio stream; writing video only", source);
            closeQuietly(grabber);
            return null;
        }
        return new AudioFeed(source, grabber);
    }

    /**
     * Records every pending audio frame whose timestamp, relative to the first, is at most {@code
     * micros}.
     */
    void recordUpTo(FFmpegFrameRecorder recorder, long micros) throws FrameRecorder.Exception {
        while (!exhausted) {
            if (pending == null) {
                try {
                    pending = grabber.grabSamples();
                } catch (FrameGrabber.Exception e) {
                    throw new BadInputException(
                            source + ": decoding audio failed: " + VideoWriter.clean(e), e);
                }
                if (pending == null) {
                    exhausted = true;
                    return;
                }
                if (pending.samples == null) {
                    pending = null;
                    continue;
                }
                if (firstTimestamp == Long.MIN_VALUE) {
                    firstTimestamp = pending.timestamp;
                }
            }
            if (pending.timestamp - firstTimestamp > micros) {
                return;
            }
            recorder.recordSamples(pending.sampleRate, pending.audioChannels, pending.samples);
            pending = null;
        }
    }

    @Override
    public void close() {
        closeQuietly(grabber);
    }

    static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception e) {
            LOG.debug("ignoring failure while closing the audio decoder", e);
        }
    }
}
