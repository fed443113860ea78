package io.dipstream.ingest;

import io.dipstream.frames.BadInputException;
import java.nio.file.Path;

/**
 * The inpainting mask the user gave: one image used for every frame, or a mask video (or image
 * sequence) read frame by frame with the input. Which one is decided by what the file holds: a
 * directory or a sequence pattern, or a file with more than one frame, is a video.
 *
 * <p>Masks are binarised: a pixel whose mean RGB is at least 128 is to be filled (255), any other
 * is known (0). Sizes and frame counts are checked as for {@link CompanionVideo}.
 */
final class MaskSource implements AutoCloseable {
    private final byte[] still;
    private final CompanionVideo video;

    private MaskSource(byte[] still, CompanionVideo video) {
        this.still = still;
        this.video = video;
    }

    static MaskSource open(Path mask, Path input, VideoInfo info) {
        if (!ImageSequence.isSequence(mask)) {
            try (VideoSource m = VideoSource.open(mask)) {
                VideoInfo mi = m.info();
                if (mi.width() != info.width() || mi.height() != info.height()) {
                    throw new BadInputException(
                            String.format(
                                    "%s is %dx%d but %s is %dx%d: the mask must have the frames'"
                                            + " size",
                                    mask,
                                    mi.width(),
                                    mi.height(),
                                    input,
                                    info.width(),
                                    info.height()));
                }
                DecodedFrame first = m.next();
                if (first == null) {
                    throw new BadInputException(mask + ": mask has no image");
                }
                // Containers that do not state a count (Matroska, single images) are asked by
                // decoding one more frame.
                long n = mi.frameCount();
                if (n >= 0 ? n <= 1 : m.next() == null) {
                    return new MaskSource(binarise(first.rgb()), null);
                }
            }
        }
        return new MaskSource(
                null, CompanionVideo.open(mask, "a mask video and its input", input, info));
    }

    /** The mask of frame {@code index}, 0/255 per pixel; read-only (the still mask is shared). */
    byte[] next(long index) {
        return still != null ? still : binarise(video.next(index).rgb());
    }

    /** Fails when a mask video has frames left after the input's {@code n}. */
    void checkExhausted(long n) {
        if (video != null) {
            video.checkExhausted(n);
        }
    }

    @Override
    public void close() {
        if (video != null) {
            video.close();
        }
    }

    static byte[] binarise(byte[] rgb) {
        byte[] gray = new byte[rgb.length / 3];
        for (int i = 0; i < gray.length; i++) {
            int sum = (rgb[3 * i] & 0xff) + (rgb[3 * i + 1] & 0xff) + (rgb[3 * i + 2] & 0xff);
            gray[i] = (byte) (sum / 3 >= 128 ? 255 : 0);
        }
        return gray;
    }
}
