package io.dipstream.ingest;

import java.util.Objects;

/**
 * What {@link VideoSource} knows about its input before decoding.
 *
 * <p>Construction rejects impossible values with an {@link IllegalArgumentException} naming the
 * field, so a {@code VideoInfo} in hand always has a positive size, a positive finite frame rate
 * and a positive time base.
 *
 * @param width frame width in pixels, &gt; 0
 * @param height frame height in pixels, &gt; 0
 * @param fps nominal frame rate, finite and &gt; 0
 * @param timeBaseNum numerator of the video stream's time base, &gt; 0
 * @param timeBaseDen denominator of the video stream's time base, &gt; 0
 * @param frameCount number of video frames when the container states it (or the sequence length for
 *     image sequences), {@code -1} when unknown; a hint, the decoded count is authoritative
 * @param hasAudio whether the input has an audio stream
 * @param audioChannels channel count of that stream, 0 without audio
 * @param sampleRate sample rate in Hz of that stream, 0 without audio
 * @param formatName FFmpeg's demuxer name, e.g. {@code "mov,mp4,m4a,3gp,3g2,mj2"} or {@code
 *     "image2"} for image sequences
 * @param estimatedFrames {@code frameCount} where stated, else the container's duration times the
 *     frame rate (Matroska states no count), {@code -1} when neither is known; for planning only
 */
public record VideoInfo(
        int width,
        int height,
        double fps,
        int timeBaseNum,
        int timeBaseDen,
        long frameCount,
        boolean hasAudio,
        int audioChannels,
        int sampleRate,
        String formatName,
        long estimatedFrames) {

    public VideoInfo {
        requirePositive("width", width);
        requirePositive("height", height);
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be positive and finite, got " + fps);
        }
        requirePositive("timeBaseNum", timeBaseNum);
        requirePositive("timeBaseDen", timeBaseDen);
        if (frameCount < -1) {
            throw new IllegalArgumentException(
                    "frameCount must be >= 0 or -1 (unknown), got " + frameCount);
        }
        if (hasAudio) {
            requirePositive("audioChannels", audioChannels);
            requirePositive("sampleRate", sampleRate);
        } else if (audioChannels != 0 || sampleRate != 0) {
            throw new IllegalArgumentException(
                    "audioChannels and sampleRate must be 0 without audio, got "
                            + audioChannels
                            + " and "
                            + sampleRate);
        }
        Objects.requireNonNull(formatName, "formatName");
        if (estimatedFrames < -1 || (frameCount >= 0 && estimatedFrames != frameCount)) {
            throw new IllegalArgumentException(
                    "estimatedFrames must be the stated count, or >= -1 without one, got "
                            + estimatedFrames);
        }
    }

    /** Without an estimate beyond the stated count. */
    public VideoInfo(
            int width,
            int height,
            double fps,
            int timeBaseNum,
            int timeBaseDen,
            long frameCount,
            boolean hasAudio,
            int audioChannels,
            int sampleRate,
            String formatName) {
        this(
                width,
                height,
                fps,
                timeBaseNum,
                timeBaseDen,
                frameCount,
                hasAudio,
                audioChannels,
                sampleRate,
                formatName,
                frameCount);
    }

    private static void requirePositive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + value);
        }
    }
}
