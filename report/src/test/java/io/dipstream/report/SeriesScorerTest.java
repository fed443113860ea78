package io.dipstream.report;

import static io.dipstream.report.Synthetic.H;
import static io.dipstream.report.Synthetic.W;
import static io.dipstream.report.Synthetic.db;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesScorerTest {
    private static MetricSeries score(List<byte[]> clip, List<byte[]> reference) {
        SeriesScorer scorer = new SeriesScorer("clip", true);
        try (RollingFrame x = new RollingFrame(W, H);
                RollingFrame r = new RollingFrame(W, H)) {
            for (int t = 0; t < clip.size(); t++) {
                x.push(clip.get(t), W, H);
                r.push(reference.get(t), W, H);
                scorer.add(x, r);
            }
        }
        return scorer.result();
    }

    @Test
    void constantOffsetIsNoFlicker() {
        List<byte[]> ref = Synthetic.clean(5);
        MetricSeries s = score(Synthetic.offset(ref, 8), ref);
        assertThat(s.frames()).isEqualTo(5);
        assertThat(s.tdPsnr()[0]).isNaN();
        for (int t = 1; t < 5; t++) {
            assertThat(s.tdPsnr()[t]).isEqualTo(FrameMetrics.PSNR_CAP_DB);
        }
        assertThat(s.meanPsnr()).isCloseTo(db(64), within(1e-9));
        assertThat(s.meanTdPsnr()).isEqualTo(FrameMetrics.PSNR_CAP_DB);
        assertThat(s.meanSsim()).isLessThan(1.0);
    }

    @Test
    void alternatingOffsetIsFlickerOfTwiceTheOffset() {
        List<byte[]> ref = Synthetic.clean(6);
        int k = 5;
        MetricSeries s = score(Synthetic.alternating(ref, k), ref);
        // The per-frame error is k either way, so PSNR alone cannot tell this from an offset.
        assertThat(s.meanPsnr()).isCloseTo(db(k * k), within(1e-9));
        assertThat(s.meanTdPsnr()).isCloseTo(db(4.0 * k * k), within(1e-6));
    }

    @Test
    void oneFrameHasNoTdPsnr() {
        List<byte[]> ref = Synthetic.clean(1);
        MetricSeries s = score(ref, ref);
        assertThat(s.meanTdPsnr()).isNaN();
        assertThat(s.meanPsnr()).isEqualTo(FrameMetrics.PSNR_CAP_DB);
    }

    @Test
    void withoutSsimTheSsimSeriesIsNaN() {
        SeriesScorer scorer = new SeriesScorer("moved", false);
        try (RollingFrame x = new RollingFrame(W, H)) {
            x.push(Synthetic.texture(W, H, 0), W, H);
            scorer.add(x, x);
        }
        assertThat(scorer.result().meanSsim()).isNaN();
    }
}
