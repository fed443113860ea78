package io.dipstream.report;

import io.dipstream.frames.BadInputException;
import io.dipstream.ingest.DecodedFrame;
import io.dipstream.ingest.VideoInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes input, restored and (optionally) reference once, in lockstep, and measures every frame as
 * it goes: only the current and previous frame of each clip and the still are held.
 */
final class MeasurementPass {
    private static final int INPUT = 0;
    private static final int RESTORED = 1;
    private static final int REFERENCE = 2;

    private MeasurementPass() {}

    static Measurements run(ReportSpec spec) {
        List<AlignedClips.Clip> clips = clips(spec);
        try (AlignedClips aligned = AlignedClips.open(clips)) {
            VideoInfo in = aligned.info(INPUT);
            VideoInfo out = aligned.info(RESTORED);
            VideoInfo ref = spec.reference() != null ? aligned.info(REFERENCE) : null;
            ClipSizes.check(
                    clips.get(INPUT),
                    in,
                    clips.get(RESTORED),
                    out,
                    ref != null ? clips.get(REFERENCE) : null,
                    ref);
            long stillIndex =
                    spec.stillFrame() >= 0
                            ? spec.stillFrame()
                            : out.frameCount() > 0 ? out.frameCount() / 2 : -1;
            int w = out.width();
            int h = out.height();
            SeriesScorer outVsRef = new SeriesScorer("restored", true);
            SeriesScorer inVsRef = new SeriesScorer("input", true);
            SeriesScorer outVsIn = new SeriesScorer("restored vs input", false);
            Still still = null;
            try (RollingFrame input = new RollingFrame(w, h);
                    RollingFrame restored = new RollingFrame(w, h);
                    RollingFrame reference = new RollingFrame(w, h)) {
                for (DecodedFrame[] f = aligned.next(); f != null; f = aligned.next()) {
                    input.push(f[INPUT].rgb(), in.width(), in.height());
                    restored.push(f[RESTORED].rgb(), w, h);
                    outVsIn.add(restored, input);
                    if (ref != null) {
                        reference.push(f[REFERENCE].rgb(), w, h);
                        outVsRef.add(restored, reference);
                        inVsRef.add(input, reference);
                    }
                    if (f[RESTORED].index() == stillIndex) {
                        still = new Still(stillIndex, f[INPUT], f[RESTORED], at(f, REFERENCE));
                    }
                }
            }
            long frames = aligned.frames();
            if (frames == 0) {
                throw new BadInputException(clips.get(RESTORED) + " has no frames");
            }
            if (still == null) {
                still = stillOnSecondPass(clips, spec.stillFrame(), frames);
            }
            return new Measurements(
                    in,
                    out,
                    ref,
                    frames,
                    ref != null ? outVsRef.result() : null,
                    ref != null ? inVsRef.result() : null,
                    outVsIn.result(),
                    still);
        }
    }

    /**
     * The middle frame of a clip whose container does not state its length is only known at the
     * end: decode up to it once more rather than keep every frame.
     */
    private static Still stillOnSecondPass(
            List<AlignedClips.Clip> clips, long requested, long frames) {
        if (requested >= frames) {
            throw new BadInputException(
                    "still frame "
                            + requested
                            + " is past the end of "
                            + clips.get(RESTORED)
                            + " ("
                            + frames
                            + " frames, the last is "
                            + (frames - 1)
                            + ")");
        }
        long index = requested >= 0 ? requested : frames / 2;
        try (AlignedClips again = AlignedClips.open(clips)) {
            for (DecodedFrame[] f = again.next(); f != null; f = again.next()) {
                if (f[RESTORED].index() == index) {
                    return new Still(index, f[INPUT], f[RESTORED], at(f, REFERENCE));
                }
            }
        }
        throw new IllegalStateException("frame " + index + " vanished on the second decode");
    }

    private static DecodedFrame at(DecodedFrame[] frames, int clip) {
        return clip < frames.length ? frames[clip] : null;
    }

    private static List<AlignedClips.Clip> clips(ReportSpec spec) {
        List<AlignedClips.Clip> clips = new ArrayList<>();
        clips.add(new AlignedClips.Clip("input", spec.input()));
        clips.add(new AlignedClips.Clip("restored", spec.restored()));
        if (spec.reference() != null) {
            clips.add(new AlignedClips.Clip("reference", spec.reference()));
        }
        return clips;
    }
}
