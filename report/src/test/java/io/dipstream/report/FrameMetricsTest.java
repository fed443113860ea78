package io.dipstream.report;

import static io.dipstream.report.Synthetic.H;
import static io.dipstream.report.Synthetic.W;
import static io.dipstream.report.Synthetic.db;
import static io.dipstream.report.Synthetic.mat;
import static io.dipstream.report.Synthetic.plus;
import static io.dipstream.report.Synthetic.texture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class FrameMetricsTest {
    @Test
    void constantOffsetOfKLevelsHasPsnr20Log10Of255OverK() {
        byte[] ref = texture(W, H, 0);
        for (int k : new int[] {1, 5, 17}) {
            try (Mat r = mat(ref, W, H);
                    Mat x = mat(plus(ref, k), W, H)) {
                assertThat(FrameMetrics.psnr(x, r)).isCloseTo(db(k * k), within(1e-9));
            }
        }
    }

    @Test
    void identicalFramesAreCappedAt100Db() {
        byte[] ref = texture(W, H, 3);
        try (Mat r = mat(ref, W, H);
                Mat x = mat(ref.clone(), W, H)) {
            assertThat(FrameMetrics.psnr(x, r)).isEqualTo(FrameMetrics.PSNR_CAP_DB);
            assertThat(FrameMetrics.ssim(x, r)).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void ssimDropsBelowOneForAnotherFrame() {
        try (Mat r = mat(texture(W, H, 0), W, H);
                Mat x = mat(texture(W, H, 3), W, H)) {
            assertThat(FrameMetrics.ssim(x, r)).isLessThan(0.99).isGreaterThan(-1.0);
        }
    }

    @Test
    void sameDifferencesGiveCappedTdPsnrEvenWithAnOffset() {
        byte[] r0 = texture(W, H, 0);
        byte[] r1 = texture(W, H, 1);
        try (Mat ref0 = mat(r0, W, H);
                Mat ref1 = mat(r1, W, H);
                Mat x0 = mat(plus(r0, 9), W, H);
                Mat x1 = mat(plus(r1, 9), W, H)) {
            assertThat(FrameMetrics.differencePsnr(x1, x0, ref1, ref0))
                    .isEqualTo(FrameMetrics.PSNR_CAP_DB);
        }
    }

    @Test
    void alternatingOffsetsGiveTdPsnrOfTwiceTheOffset() {
        // x_t − x_{t−1} − (r_t − r_{t−1}) = −k − (+k) = −2k everywhere: MSE 4k².
        byte[] r0 = texture(W, H, 0);
        byte[] r1 = texture(W, H, 1);
        int k = 6;
        try (Mat ref0 = mat(r0, W, H);
                Mat ref1 = mat(r1, W, H);
                Mat x0 = mat(plus(r0, k), W, H);
                Mat x1 = mat(plus(r1, -k), W, H)) {
            assertThat(FrameMetrics.differencePsnr(x1, x0, ref1, ref0))
                    .isCloseTo(db(4.0 * k * k), within(1e-6));
        }
    }
}
