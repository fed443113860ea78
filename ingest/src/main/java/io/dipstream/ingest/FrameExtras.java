package io.dipstream.ingest;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.Plane;
import io.dipstream.frames.proto.TaskKind;
import java.nio.file.Path;

/**
 * The planes a task adds to each frame: the inpainting mask (one image for every frame) and the
 * flash frame of flash/no-flash (read frame by frame alongside the input). Sizes and frame counts
 * are checked against the input, and a mismatch names both files.
 */
final class FrameExtras implements AutoCloseable {
    private final Path input;
    private final Plane mask;
    private final Path guidePath;
    private final VideoSource guide;

    private FrameExtras(Path input, Plane mask, Path guidePath, VideoSource guide) {
        this.input = input;
        this.mask = mask;
        this.guidePath = guidePath;
        this.guide = guide;
    }

    static FrameExtras open(IngestSpec spec, VideoInfo info) {
        TaskKind task = spec.settings().getTask();
        Plane mask = task == TaskKind.INPAINT ? readMask(spec.mask(), spec.input(), info) : null;
        VideoSource guide = null;
        if (task == TaskKind.FLASH) {
            guide = VideoSource.open(spec.guide());
            VideoInfo g = guide.info();
            if (g.width() != info.width() || g.height() != info.height()) {
                guide.close();
                throw new BadInputException(
                        String.format(
                                "%s is %dx%d but %s is %dx%d: flash and no-flash videos must have"
                                        + " the same size",
                                spec.guide(),
                                g.width(),
                                g.height(),
                                spec.input(),
                                info.width(),
                                info.height()));
            }
            if (g.frameCount() > 0
                    && info.frameCount() > 0
                    && g.frameCount() != info.frameCount()) {
                guide.close();
                throw new BadInputException(
                        String.format(
                                "%s has %d frames but %s has %d: flash and no-flash videos must"
                                        + " have the same frame count",
                                spec.guide(), g.frameCount(), spec.input(), info.frameCount()));
            }
        }
        return new FrameExtras(spec.input(), mask, spec.guide(), guide);
    }

    /** Adds this task's planes to frame {@code index}. */
    void addTo(FrameRecord.Builder b, long index) {
        if (mask != null) {
            b.setMask(mask);
        }
        if (guide != null) {
            DecodedFrame g = guide.next();
            if (g == null) {
                throw new BadInputException(
                        String.format(
                                "%s ends after %d frames but %s goes on: flash and no-flash videos"
                                        + " must have the same frame count",
                                guidePath, index, input));
            }
            b.setGuide(PlaneCodec.encode(g.rgb(), g.width(), g.height(), 3));
        }
    }

    /** Fails when the flash video has frames left after the input's {@code n}. */
    void checkExhausted(long n) {
        if (guide != null && guide.next() != null) {
            throw new BadInputException(
                    String.format(
                            "%s has more frames than the %d of %s: flash and no-flash videos must"
                                    + " have the same frame count",
                            guidePath, n, input));
        }
    }

    @Override
    public void close() {
        if (guide != null) {
            guide.close();
        }
    }

    private static Plane readMask(Path maskPath, Path input, VideoInfo info) {
        try (VideoSource m = VideoSource.open(maskPath)) {
            DecodedFrame f = m.next();
            if (f == null) {
                throw new BadInputException(maskPath + ": mask has no image");
            }
            if (f.width() != info.width() || f.height() != info.height()) {
                throw new BadInputException(
                        String.format(
                                "%s is %dx%d but %s is %dx%d: the mask must have the frames' size",
                                maskPath,
                                f.width(),
                                f.height(),
                                input,
                                info.width(),
                                info.height()));
            }
            byte[] rgb = f.rgb();
            byte[] gray = new byte[f.width() * f.height()];
            for (int i = 0; i < gray.length; i++) {
                int r = rgb[3 * i] & 0xff;
                int g = rgb[3 * i + 1] & 0xff;
                int b = rgb[3 * i + 2] & 0xff;
                gray[i] = (byte) ((r + g + b) / 3 >= 128 ? 255 : 0);
            }
            return PlaneCodec.encode(gray, f.width(), f.height(), 1);
        }
    }
}
