package io.dipstream.restore;

import io.dipstream.dip.DipEngine;
import io.dipstream.dip.DipResult;
import io.dipstream.dip.DipSettings;
import io.dipstream.dip.FitBudget;
import io.dipstream.dip.Image;
import io.dipstream.dip.IterationListener;
import io.dipstream.dip.NetworkState;
import io.dipstream.dip.Problem;
import io.dipstream.dip.Task;
import io.dipstream.dip.VideoSchedule;
import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.RejectedRecordException;
import io.dipstream.frames.noise.NoiseLevel;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.Plane;
import io.dipstream.frames.proto.RestoreStats;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Restores one frame record of a stream with Deep Image Prior, warm-started from the previous
 * frame's network state when there is one. Plain Java: the Flink operator calls it with the state
 * it keeps per stream.
 *
 * <p>Guarantees: one {@link DipEngine}, and so one network, per instance, reused for every frame
 * and every stream of the same configuration and size; the result is deterministic for a given
 * header, frame and previous state; a frame that does not fit its header is rejected with {@link
 * RejectedRecordException} naming the frame, never restored wrongly.
 */
public final class FrameRestorer {
    private final DipEngine engine = new DipEngine();

    /** Streams a subtask serves at once, at most, whose settings are kept. */
    private static final int KEPT_SETTINGS = 64;

    private final Map<StreamHeader, StreamSettings> settings =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<StreamHeader, StreamSettings> e) {
                    return size() > KEPT_SETTINGS;
                }
            };

    /**
     * What a stream carries from one frame to the next: the network state, the frame's scene
     * signature (null when the stream does not detect scene cuts) and the frame it emitted (null
     * when the stream does not blend frames). Any part may be null before the first frame.
     */
    public record Carry(NetworkState network, SceneSignature scene, LastOutput output) {
        /** A stream's carry before its first frame. */
        public static final Carry NONE = new Carry(null, null, null);
    }

    /** A restored frame and what to carry to the stream's next frame. */
    public record Restored(FrameRecord frame, Carry carry) {}

    /** The settings of {@code header}'s stream, built on its first frame and kept. */
    private StreamSettings settingsOf(StreamHeader header, Problem problem, long index)
            throws RejectedRecordException {
        StreamSettings s = settings.get(header);
        if (s == null) {
            try {
                s = StreamSettings.of(header, problem.task(), problem.factor());
            } catch (IllegalArgumentException e) {
                throw new RejectedRecordException(
                        "frame " + index + ": bad stream settings: " + e.getMessage(), e);
            }
            settings.put(header, s);
        }
        return s;
    }

    /** The header of the restored stream: the output size, everything else as the input's. */
    public static StreamHeader outputHeader(StreamHeader in) {
        int f = Math.max(1, in.getFactor());
        return in.toBuilder().setWidth(in.getWidth() * f).setHeight(in.getHeight() * f).build();
    }

    /**
     * Restores {@code frame}. Without a carried network state the frame is cold (fresh weights from
     * the stream's seed, the long schedule); otherwise it continues from {@code carried}'s.
     */
    public Restored restore(
            StreamHeader header, FrameRecord frame, Carry carried, IterationListener listener)
            throws RejectedRecordException {
        checkSize(header, frame.getRgb(), "rgb", frame.getIndex());
        if (header.getTask() == TaskKind.PASSTHROUGH) {
            // The pixels go on as they came; the sink decodes and checks them.
            return new Restored(frame.toBuilder().clearMask().clearGuide().build(), carried);
        }
        NetworkState previous = carried.network();
        SceneSignature previousSignature = carried.scene();
        byte[] rgb = PlaneCodec.decode(frame.getRgb());
        Problem problem = problem(header, frame, rgb);
        SceneSignature signature =
                header.getSceneCutThreshold() > 0
                        ? SceneSignature.of(rgb, header.getWidth(), header.getHeight())
                        : null;
        double distance =
                signature != null && previousSignature != null
                        ? signature.distance(previousSignature)
                        : 0;
        boolean cut =
                previous != null && distance > header.getSceneCutThreshold() && signature != null;
        boolean cold = previous == null || header.getColdEveryFrame() || cut;
        StreamSettings stream = settingsOf(header, problem, frame.getIndex());
        DipSettings settings = cold ? stream.cold() : stream.warm();
        VideoSchedule schedule = stream.schedule();
        TemporalBlend blend = stream.blend();
        if (!cold) {
            int[] shape = DipEngine.networkShape(problem, settings.net());
            engine.ensureNetwork(settings.net(), shape[0], shape[1], header.getSeed());
            engine.importState(previous);
        }
        double sigma =
                discrepancyApplies(problem)
                        ? NoiseLevel.sigma(rgb, header.getWidth(), header.getHeight())
                        : 0;
        FitBudget budget =
                new FitBudget(
                        cold ? null : schedule.laterStop(),
                        lossFloor(header, frame, problem, sigma),
                        header.getFrameSeconds());
        DipResult r =
                engine.run(
                        problem,
                        settings,
                        header.getSeed(),
                        cold,
                        !header.getCarryAdam(),
                        budget,
                        listener);
        Image out = r.image();
        byte[] pixels = Pixels.toRgb8(out);
        if (header.getResidualDetail() && problem.task() == Task.DENOISE && sigma >= 1) {
            double fraction = frame.hasTarget() ? frame.getTargetNoiseFraction() : 1;
            pixels =
                    ResidualDetail.DEFAULT.apply(
                            pixels,
                            Pixels.toRgb8(problem.degraded()),
                            out.width(),
                            out.height(),
                            sigma * sigma * fraction);
        }
        LastOutput last = carried.output();
        if (blend.strength() > 0
                && !cut
                && last != null
                && last.hasSize(out.width(), out.height())) {
            pixels = blend.apply(pixels, last.rgb(), out.width(), out.height());
        }
        if (header.getKeepKnown() && problem.task() == Task.INPAINT) {
            pixels = Pixels.keepKnown(pixels, rgb, PlaneCodec.decode(frame.getMask()));
        }
        FrameRecord restored =
                FrameRecord.newBuilder()
                        .setIndex(frame.getIndex())
                        .setPtsMicros(frame.getPtsMicros())
                        .setRgb(PlaneCodec.encode(pixels, out.width(), out.height(), 3))
                        .setStats(
                                RestoreStats.newBuilder()
                                        .setIterations(r.iterations())
                                        .setSeconds(r.seconds())
                                        .setFinalLoss(r.finalLoss())
                                        .setCold(cold)
                                        .setBacktracks(r.backtracks())
                                        .setSceneCut(cut)
                                        .setSceneDistance((float) distance)
                                        .setNoiseSigma((float) sigma)
                                        .setStopReason(
                                                r.stopReason().name().toLowerCase(Locale.ROOT))
                                        .setUnderfit(r.underfit()))
                        .build();
        LastOutput emitted =
                blend.strength() > 0 ? new LastOutput(out.width(), out.height(), pixels) : null;
        return new Restored(restored, new Carry(engine.exportState(), signature, emitted));
    }

    /**
     * The noise explains a residual where the network fits the frame's own noisy values: denoising
     * and inpainting (archival), not super-resolution or flash/no-flash.
     */
    private static boolean discrepancyApplies(Problem p) {
        return p.task() == Task.DENOISE || p.task() == Task.INPAINT;
    }

    /**
     * What the noise alone leaves of the loss (0 = no discrepancy rule): σ̂², in the loss's [0, 1]
     * units, times the target's noise fraction and the fraction of values the loss counts, times
     * the header's ratio. A frame whose noise is below one level (clean, or an estimate spoilt by
     * blanked pixels) gets none: its residual says nothing about overfitting.
     */
    private static double lossFloor(StreamHeader h, FrameRecord f, Problem p, double sigma) {
        if (h.getDiscrepancy() <= 0 || sigma < 1) {
            return 0;
        }
        double fraction = f.hasTarget() ? f.getTargetNoiseFraction() : 1;
        double counted = 1;
        if (p.known() != null) {
            double sum = 0;
            for (float k : p.known().data()) {
                sum += k;
            }
            counted = sum / p.known().data().length;
        }
        double s = sigma / 255;
        return h.getDiscrepancy() * s * s * fraction * counted;
    }

    private static Problem problem(StreamHeader h, FrameRecord f, byte[] rgb)
            throws RejectedRecordException {
        int w = h.getWidth();
        int ht = h.getHeight();
        Image degraded = Pixels.fromRgb8(rgb, w, ht);
        long i = f.getIndex();
        try {
            return problemOf(h, f, degraded, i);
        } catch (IllegalArgumentException e) {
            throw new RejectedRecordException("frame " + i + ": " + e.getMessage(), e);
        }
    }

    private static Problem problemOf(StreamHeader h, FrameRecord f, Image degraded, long i)
            throws RejectedRecordException {
        int w = h.getWidth();
        int ht = h.getHeight();
        return switch (h.getTask()) {
            case DENOISE -> {
                if (!f.hasTarget()) {
                    yield Problem.denoise(degraded);
                }
                // The multi-frame target holds less noise than the frame: the network fits it.
                checkSize(h, f.getTarget(), "target", i);
                yield Problem.denoise(Pixels.fromRgb8(PlaneCodec.decode(f.getTarget()), w, ht));
            }
            case INPAINT -> {
                if (!f.hasMask()) {
                    throw new RejectedRecordException(
                            "frame " + i + " of an inpainting stream has no mask");
                }
                checkSize(h, f.getMask(), "mask", i);
                yield Problem.inpaint(
                        degraded, Pixels.knownFromMask(PlaneCodec.decode(f.getMask()), w, ht));
            }
                // The header's factor was checked once, when it arrived (RestoreSettings).
            case SUPER_RESOLVE -> Problem.superResolve(degraded, h.getFactor());
            case FLASH -> {
                if (!f.hasGuide()) {
                    throw new RejectedRecordException(
                            "frame " + i + " of a flash stream has no flash frame");
                }
                checkSize(h, f.getGuide(), "guide", i);
                yield Problem.flash(
                        degraded, Pixels.fromRgb8(PlaneCodec.decode(f.getGuide()), w, ht));
            }
            default ->
                    throw new RejectedRecordException("task " + h.getTask() + " is not supported");
        };
    }

    private static void checkSize(StreamHeader h, Plane p, String what, long index)
            throws RejectedRecordException {
        if (p.getWidth() != h.getWidth() || p.getHeight() != h.getHeight()) {
            throw new RejectedRecordException(
                    "frame "
                            + index
                            + ": "
                            + what
                            + " is "
                            + p.getWidth()
                            + "x"
                            + p.getHeight()
                            + " but the stream header says "
                            + h.getWidth()
                            + "x"
                            + h.getHeight());
        }
    }
}
