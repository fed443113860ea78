package io.dipstream.sink;

import io.dipstream.frames.BadInputException;
import java.nio.file.Path;
import java.util.Set;

/**
 * What {@link VideoWriter} should produce. Validated on construction: a bad value throws {@link
 * BadInputException} naming the field, since crf, preset and codec come straight from the command
 * line.
 *
 * @param width frame width in pixels, &gt; 0 (odd sizes get padded, see {@link VideoWriter})
 * @param height frame height in pixels, &gt; 0
 * @param fps output frame rate, finite and &gt; 0; pass the source's rate to keep its timing
 * @param codec video codec; {@code null} means {@link Codec#AUTO}
 * @param crf H.264 constant rate factor 0..51 (lower is better; 18 is visually lossless for most
 *     content); ignored by FFV1
 * @param x264Preset x264 speed preset, {@code ultrafast} .. {@code placebo}; {@code null} means
 *     {@code medium}; ignored by FFV1
 * @param audioSource file whose audio track is copied (re-encoded) into the output; {@code null}
 *     for video only
 */
public record WriterSpec(
        int width,
        int height,
        double fps,
        Codec codec,
        int crf,
        String x264Preset,
        Path audioSource) {

    public static final int DEFAULT_CRF = 18;
    public static final String DEFAULT_PRESET = "medium";
    private static final Set<String> PRESETS =
            Set.of(
                    "ultrafast",
                    "superfast",
                    "veryfast",
                    "faster",
                    "fast",
                    "medium",
                    "slow",
                    "slower",
                    "veryslow",
                    "placebo");

    public WriterSpec {
        if (width <= 0 || height <= 0) {
            throw new BadInputException(
                    "output size must be positive, got " + width + "x" + height);
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new BadInputException("output fps must be positive and finite, got " + fps);
        }
        if (codec == null) {
            codec = Codec.AUTO;
        }
        if (crf < 0 || crf > 51) {
            throw new BadInputException("crf must be between 0 and 51, got " + crf);
        }
        if (x264Preset == null) {
            x264Preset = DEFAULT_PRESET;
        }
        if (!PRESETS.contains(x264Preset)) {
            throw new BadInputException(
                    "unknown x264 preset '"
                            + x264Preset
                            + "'; use one of "
                            + "ultrafast, superfast, veryfast, faster, fast, medium, slow, slower, veryslow, placebo");
        }
    }

    /** Codec AUTO, crf 18, preset medium, no audio. */
    public static WriterSpec of(int width, int height, double fps) {
        return new WriterSpec(width, height, fps, Codec.AUTO, DEFAULT_CRF, DEFAULT_PRESET, null);
    }

    public WriterSpec withCodec(Codec c) {
        return new WriterSpec(width, height, fps, c, crf, x264Preset, audioSource);
    }

    public WriterSpec withCrf(int q) {
        return new WriterSpec(width, height, fps, codec, q, x264Preset, audioSource);
    }

    public WriterSpec withX264Preset(String preset) {
        return new WriterSpec(width, height, fps, codec, crf, preset, audioSource);
    }

    public WriterSpec withAudioSource(Path audio) {
        return new WriterSpec(width, height, fps, codec, crf, x264Preset, audio);
    }
}
