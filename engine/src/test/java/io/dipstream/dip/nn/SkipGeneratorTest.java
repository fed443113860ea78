package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.dip.NativeRuntime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class SkipGeneratorTest {
    static {
        NativeRuntime.configure();
    }

    @Test
    void paperConfigurationHasTheReferenceParameterCount() {
        SkipGenerator g = new SkipGenerator(SkipConfig.paper(), 64, 64, 1);
        assertThat(g.params().size()).isEqualTo(2_217_831L);
    }

    @Test
    void wholeTinyNetworkMatchesFiniteDifferences() {
        SkipConfig cfg =
                new SkipConfig(
                        3,
                        3,
                        List.of(4, 5),
                        List.of(4, 3),
                        List.of(2, 0),
                        3,
                        3,
                        List.of(SkipConfig.Upsample.BILINEAR, SkipConfig.Upsample.NEAREST),
                        true);
        SkipGenerator g = new SkipGenerator(cfg, 8, 8, 3, DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(11);
        g.input().assign(GradCheck.random(rng, g.input().shape()));
        INDArray r = GradCheck.random(rng, 1, 3, 8, 8);
        g.forward();
        g.backward(r);
        INDArray grads = g.params().grads().dup();
        double worst = GradCheck.check(g.params().params(), grads, g::forward, r, 400);
        assertThat(worst).isLessThan(GradCheck.TOLERANCE);
    }

    @Test
    void outputIsInTheUnitIntervalAndSizedLikeTheInput() {
        SkipConfig cfg = SkipConfig.uniform(8, 3, 3, 8, 8, 2, SkipConfig.Upsample.BILINEAR);
        SkipGenerator g = new SkipGenerator(cfg, 16, 24, 5);
        g.input().assign(0.05);
        INDArray out = g.forward();
        assertThat(out.shape()).containsExactly(1, 3, 16, 24);
        assertThat(out.minNumber().doubleValue()).isGreaterThan(0.0);
        assertThat(out.maxNumber().doubleValue()).isLessThan(1.0);
    }

    @Test
    void refusesSizesThatAreNotAMultipleOfTheScaleFactor() {
        assertThatThrownBy(() -> new SkipGenerator(SkipConfig.paper(), 80, 64, 1))
                .hasMessageContaining("multiple of 32, at least 64");
    }

    @Test
    void configListsMustAgree() {
        assertThatThrownBy(
                        () ->
                                new SkipConfig(
                                        3,
                                        3,
                                        List.of(4, 4),
                                        List.of(4),
                                        List.of(0, 0),
                                        3,
                                        3,
                                        List.of(
                                                SkipConfig.Upsample.NEAREST,
                                                SkipConfig.Upsample.NEAREST),
                                        true))
                .hasMessageContaining("one entry per scale");
    }
}
