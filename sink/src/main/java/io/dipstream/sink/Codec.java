package io.dipstream.sink;

import io.dipstream.frames.BadInputException;
import java.util.Locale;

/** Video codec choice for {@link VideoWriter}. */
public enum Codec {
    /** Chosen by the output extension: H.264 for .mp4/.mov/.m4v, FFV1 for .mkv. */
    AUTO,
    /** H.264, yuv420p, lossy (CRF); allowed in .mp4, .mov, .m4v and .mkv. */
    H264,
    /** FFV1 with an RGB pixel format: bit-exact RGB; .mkv only. */
    FFV1;

    /**
     * Parses a user-supplied codec name, case-insensitively ({@code auto}, {@code h264}, {@code
     * ffv1}; {@code x264}, {@code avc} and {@code libx264} are accepted for H.264).
     *
     * @throws BadInputException for anything else, naming the accepted values
     */
    public static Codec parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "auto" -> AUTO;
            case "h264", "h.264", "x264", "libx264", "avc" -> H264;
            case "ffv1" -> FFV1;
            default ->
                    throw new BadInputException(
                            "unknown codec '" + name + "'; use auto, h264 or ffv1");
        };
    }
}
