package io.dipstream.ingest;

import io.dipstream.frames.BadInputException;
import java.nio.file.Path;

/**
 * A video read frame by frame alongside the input (the flash video of flash/no-flash, a mask
 * video), whose size and frame count must match the input's. Mismatches are refused with a {@link
 * BadInputException} naming both files and both sizes or counts: on opening where the containers
 * state them, otherwise at the frame where one of the two runs out.
 */
final class CompanionVideo implements AutoCloseable {
    private final Path file;
    private final Path input;
    private final String pair;
    private final VideoSource video;

    private CompanionVideo(Path file, Path input, String pair, VideoSource video) {
        this.file = file;
        this.input = input;
        this.pair = pair;
        this.video = video;
    }

    /**
     * Opens {@code file} to accompany {@code input}, whose format is {@code info}.
     *
     * @param pair what the two are, for messages: "flash and no-flash videos"
     */
    static CompanionVideo open(Path file, String pair, Path input, VideoInfo info) {
        VideoSource video = VideoSource.open(file);
        try {
            VideoInfo c = video.info();
            if (c.width() != info.width() || c.height() != info.height()) {
                throw new BadInputException(
                        String.format(
                                "%s is %dx%d but %s is %dx%d: %s must have the same size",
                                file,
                                c.width(),
                                c.height(),
                                input,
                                info.width(),
                                info.height(),
                                pair));
            }
            checkCounts(file, c, input, info, pair);
            return new CompanionVideo(file, input, pair, video);
        } catch (RuntimeException e) {
            video.close();
            throw e;
        }
    }

    /**
     * Compares the two frame counts where both are known: exactly where both containers state them,
     * else within what a duration-based estimate may be off (2%, at least one frame).
     */
    private static void checkCounts(
            Path file, VideoInfo c, Path input, VideoInfo info, String pair) {
        long a = c.estimatedFrames();
        long b = info.estimatedFrames();
        if (a <= 0 || b <= 0) {
            return;
        }
        boolean stated = c.frameCount() >= 0 && info.frameCount() >= 0;
        long slack = stated ? 0 : Math.max(1, Math.max(a, b) / 50);
        if (Math.abs(a - b) > slack) {
            throw new BadInputException(
                    String.format(
                            "%s has %d frames but %s has %d%s: %s must have the same frame count",
                            file, a, input, b, stated ? "" : " (by their durations)", pair));
        }
    }

    /** The next frame, which must be frame {@code index} of the input's. */
    DecodedFrame next(long index) {
        DecodedFrame f = video.next();
        if (f == null) {
            throw new BadInputException(
                    String.format(
                            "%s ends after %d frames but %s has more: %s must have the same frame"
                                    + " count",
                            file, index, input, pair));
        }
        return f;
    }

    /** Fails when this video has frames left after the input's {@code n}. */
    void checkExhausted(long n) {
        if (video.next() != null) {
            throw new BadInputException(
                    String.format(
                            "%s has more frames than the %d of %s: %s must have the same frame"
                                    + " count",
                            file, n, input, pair));
        }
    }

    @Override
    public void close() {
        video.close();
    }
}
