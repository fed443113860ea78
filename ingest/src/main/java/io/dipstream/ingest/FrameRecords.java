package io.dipstream.ingest;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.motion.TemporalTarget;
import io.dipstream.frames.noise.NoiseLevel;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.TaskKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the decoded frames of one input into its frame records: the frame's pixels plus the planes
 * its task needs. Inpainting gets a mask on every frame, the union of the user's mask (one image or
 * a mask video), the simulated drop-outs of {@link IngestSpec#dropFraction()} (whose pixels are
 * also zeroed in the RGB plane) and the defects {@link DefectDetector} finds; flash/no-flash gets
 * the flash frame; denoising with a temporal radius k gets its multi-frame target ({@link
 * TemporalTarget}: the frame averaged with its 2k nearest neighbours where they agree: t−k … t+k
 * inside the clip, shifted inwards at its ends so that the first and last frames get as many
 * neighbours as the rest), which costs k frames of look-ahead (2k at the clip's start).
 *
 * <p>Everything a file can be checked for up front (sizes, stated frame counts) is checked when
 * opening, before any record exists; the rest where it shows.
 */
final class FrameRecords implements AutoCloseable {
    /**
     * The smallest frame side accepted: below it the network sees too little context for its prior
     * to tell structure from noise, and such inputs are mistakes (a 1×1 video), not footage.
     */
    static final int MIN_SIDE = 8;

    private final VideoSource video;
    private final FrameWindow window;
    private final MaskSource mask;
    private final PixelDropper dropper;
    private final DefectDetector detector;
    private final CompanionVideo guide;
    private final int temporalRadius;
    private long count;

    private FrameRecords(
            VideoSource video,
            MaskSource mask,
            PixelDropper dropper,
            DefectDetector detector,
            CompanionVideo guide,
            int temporalRadius) {
        this.video = video;
        this.temporalRadius = temporalRadius;
        // Detection looks two frames ahead at a clip's start (see damage()); the target 2k.
        this.window =
                new FrameWindow(video, Math.max(detector != null ? 2 : 0, 2 * temporalRadius));
        this.mask = mask;
        this.dropper = dropper;
        this.detector = detector;
        this.guide = guide;
    }

    /** Opens the task's extra inputs for {@code video}, the opened {@code spec.input()}. */
    static FrameRecords open(IngestSpec spec, VideoSource video) {
        VideoInfo info = video.info();
        if (info.width() < MIN_SIDE || info.height() < MIN_SIDE) {
            throw new BadInputException(
                    String.format(
                            "%s: frames are %dx%d; restoring needs at least %dx%d pixels",
                            spec.input(), info.width(), info.height(), MIN_SIDE, MIN_SIDE));
        }
        TaskKind task = spec.settings().getTask();
        if (task == TaskKind.FLASH) {
            return new FrameRecords(
                    video,
                    null,
                    null,
                    null,
                    CompanionVideo.open(
                            spec.guide(), "flash and no-flash videos", spec.input(), info),
                    0);
        }
        if (task != TaskKind.INPAINT) {
            int radius = task == TaskKind.DENOISE ? spec.settings().getTemporalRadius() : 0;
            return new FrameRecords(video, null, null, null, null, radius);
        }
        return new FrameRecords(
                video,
                spec.mask() == null ? null : MaskSource.open(spec.mask(), spec.input(), info),
                spec.dropFraction() > 0
                        ? new PixelDropper(spec.dropFraction(), spec.settings().getSeed())
                        : null,
                spec.detectDefects() ? new DefectDetector(DefectThresholds.DEFAULT) : null,
                null,
                0);
    }

    VideoInfo info() {
        return video.info();
    }

    /**
     * The next frame's record, or null after the last frame (once the mask or flash video is
     * checked to end there too).
     */
    FrameRecord next() {
        if (!window.advance()) {
            if (mask != null) {
                mask.checkExhausted(count);
            }
            if (guide != null) {
                guide.checkExhausted(count);
            }
            return null;
        }
        DecodedFrame f = window.at(0);
        FrameRecord.Builder b =
                FrameRecord.newBuilder().setIndex(f.index()).setPtsMicros(f.ptsMicros());
        byte[] rgb = f.rgb();
        if (mask != null || dropper != null || detector != null) {
            byte[] damage = new byte[f.width() * f.height()];
            if (mask != null) {
                or(damage, mask.next(f.index()));
            }
            if (detector != null) {
                or(damage, defects(f));
            }
            if (dropper != null) {
                byte[] dropped = dropper.mask(f.index(), damage.length);
                or(damage, dropped);
                // A copy: the window still needs the intact frame as the next one's neighbour.
                rgb = rgb.clone();
                PixelDropper.blank(rgb, dropped);
            }
            b.setMask(PlaneCodec.encode(damage, f.width(), f.height(), 1));
        }
        b.setRgb(PlaneCodec.encode(rgb, f.width(), f.height(), 3));
        if (temporalRadius > 0) {
            TemporalTarget.Result t = target(f);
            b.setTarget(PlaneCodec.encode(t.rgb(), f.width(), f.height(), 3))
                    .setTargetNoiseFraction((float) t.noiseFraction());
        }
        if (guide != null) {
            DecodedFrame g = guide.next(f.index());
            b.setGuide(PlaneCodec.encode(g.rgb(), g.width(), g.height(), 3));
        }
        count++;
        return b.build();
    }

    /**
     * Defects of the current frame, judged against its neighbours. The detector treats both alike,
     * so at a clip's ends the two nearest frames on the one side stand in: with a single neighbour
     * a speck in that neighbour would mark the same place here too.
     */
    private byte[] defects(DecodedFrame f) {
        DecodedFrame before = window.at(-1) != null ? window.at(-1) : window.at(2);
        DecodedFrame after = window.at(1) != null ? window.at(1) : window.at(-2);
        return detector.detect(f.width(), f.height(), rgbOf(before), f.rgb(), rgbOf(after));
    }

    /**
     * The current frame averaged with its 2k nearest neighbours in the clip, judged by its own
     * noise level. Nearest first (t−1, t+1, t−2, …): inside the clip that is t−k … t+k; near its
     * start or end the missing side is made up from further frames on the other, since a frame with
     * half the neighbours keeps about a third more of the noise (the first frames were measurably
     * the clip's worst).
     */
    private TemporalTarget.Result target(DecodedFrame f) {
        int wanted = 2 * temporalRadius;
        List<TemporalTarget.Neighbour> neighbours = new ArrayList<>(wanted);
        for (int d = 1; d <= wanted && neighbours.size() < wanted; d++) {
            for (int offset : new int[] {-d, d}) {
                DecodedFrame n = window.at(offset);
                if (n != null && neighbours.size() < wanted) {
                    neighbours.add(new TemporalTarget.Neighbour(offset, n.rgb()));
                }
            }
        }
        double sigma = NoiseLevel.sigma(f.rgb(), f.width(), f.height());
        return TemporalTarget.of(f.rgb(), neighbours, f.width(), f.height(), sigma);
    }

    private static byte[] rgbOf(DecodedFrame f) {
        return f == null ? null : f.rgb();
    }

    private static void or(byte[] into, byte[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] |= from[i];
        }
    }

    @Override
    public void close() {
        if (mask != null) {
            mask.close();
        }
        if (guide != null) {
            guide.close();
        }
    }
}
