package io.dipstream.restore;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.frames.PlaneCodec;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PreRollTest {
    static final int W = 24;
    static final int H = 20;

    static StreamHeader header(int preRoll, float cut) {
        return TestStreams.hashed(
                TestStreams.header(TaskKind.DENOISE, W, H).toBuilder()
                        .setSceneCutThreshold(cut)
                        .setPreRoll(preRoll)
                        .build());
    }

    /** Frame {@code index} of a flat noisy scene of grey {@code level}. */
    static FrameRecord frame(long index, int level) {
        Random r = new Random(index);
        byte[] rgb = new byte[W * H * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) Math.max(0, Math.min(255, level + (int) (20 * r.nextGaussian())));
        }
        return FrameRecord.newBuilder()
                .setIndex(index)
                .setRgb(PlaneCodec.encode(rgb, W, H, 3))
                .build();
    }

    /** Every frame's emitted record, in the order emitted; the steps' emitted counts in sizes. */
    static List<FrameRecord> run(StreamHeader h, int[] levels, List<Integer> sizes)
            throws Exception {
        PreRoll p = new PreRoll(new FrameRestorer());
        PreRoll.State s = PreRoll.State.NONE;
        List<FrameRecord> out = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            PreRoll.Step step = p.accept(h, frame(i, levels[i]), s, (it, n, l) -> {});
            s = step.next();
            out.addAll(step.emitted());
            sizes.add(step.emitted().size());
        }
        PreRoll.Step end = p.flush(h, s);
        out.addAll(end.emitted());
        sizes.add(end.emitted().size());
        assertThat(end.next().held()).isEmpty();
        return out;
    }

    @Test
    void theFirstFramesAreHeldAndRestoredAgainFromTheWarmedWeights() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        List<FrameRecord> out = run(header(3, 0), new int[] {100, 100, 100, 100, 100}, sizes);
        assertThat(sizes).containsExactly(0, 0, 3, 1, 1, 0);
        assertThat(out).extracting(FrameRecord::getIndex).containsExactly(0L, 1L, 2L, 3L, 4L);
        var first = out.get(0).getStats();
        assertThat(first.getRewound()).isTrue();
        assertThat(first.getCold()).isTrue();
        // Its cold forward fit and its warm second one.
        assertThat(first.getIterations()).isEqualTo(12 + 4);
        assertThat(out.get(2).getStats().getIterations()).isEqualTo(4 + 4);
        assertThat(out.get(3).getStats().getRewound()).isFalse();
        assertThat(out.get(3).getStats().getIterations()).isEqualTo(4);

        // The stream after the window goes on from the forward pass: frames 3 and 4 are those of
        // a run without a pre-roll; frame 0 is not (it was restored again).
        List<FrameRecord> plain = run(header(0, 0), new int[] {100, 100, 100, 100, 100}, sizes);
        assertThat(pixels(out.get(3))).isEqualTo(pixels(plain.get(3)));
        assertThat(pixels(out.get(4))).isEqualTo(pixels(plain.get(4)));
        assertThat(pixels(out.get(0))).isNotEqualTo(pixels(plain.get(0)));
    }

    @Test
    void aCutClosesTheWindowAndOpensAnotherAndTheEndFlushesIt() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        List<FrameRecord> out = run(header(4, 0.06f), new int[] {60, 61, 200, 201}, sizes);
        // Frames 0-1 held until the cut at 2; 2-3 held until the end.
        assertThat(sizes).containsExactly(0, 0, 2, 0, 2);
        assertThat(out).extracting(FrameRecord::getIndex).containsExactly(0L, 1L, 2L, 3L);
        assertThat(out).allSatisfy(f -> assertThat(f.getStats().getRewound()).isTrue());
        assertThat(out.get(2).getStats().getSceneCut()).isTrue();
        assertThat(out.get(2).getStats().getCold()).isTrue();
        assertThat(out.get(3).getStats().getSceneCut()).isFalse();
    }

    @Test
    void offItRestoresFrameByFrame() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        List<FrameRecord> out = run(header(1, 0), new int[] {100, 100}, sizes);
        assertThat(sizes).containsExactly(1, 1, 0);
        assertThat(out).noneMatch(f -> f.getStats().getRewound());
    }

    static byte[] pixels(FrameRecord f) throws Exception {
        return PlaneCodec.decode(f.getRgb());
    }
}
