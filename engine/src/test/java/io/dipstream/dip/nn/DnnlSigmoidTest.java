package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.dip.NativeRuntime;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The float32 sigmoid on oneDNN gives the Java loop's results (whose gradient {@link
 * LayerGradientTest} checks in double), forward and backward.
 */
class DnnlSigmoidTest {
    @Test
    void matchesTheJavaLoop() {
        NativeRuntime.configure();
        Nd4j.getRandom().setSeed(9);
        // Pre-activations as wide as a head's get, saturating at both ends.
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, 3, 17, 11).subi(0.5).muli(30);
        INDArray g = Nd4j.rand(DataType.FLOAT, 1, 3, 17, 11).subi(0.5);
        INDArray[] java = run(x.castTo(DataType.DOUBLE), g.castTo(DataType.DOUBLE));
        INDArray[] dnnl = run(x, g);
        for (int i = 0; i < 2; i++) {
            INDArray want = java[i];
            INDArray got = dnnl[i].castTo(DataType.DOUBLE);
            double scale = want.norm2Number().doubleValue() / Math.sqrt(want.length());
            double err = want.sub(got).norm2Number().doubleValue() / Math.sqrt(want.length());
            assertThat(scale).as(i + " is not all zero").isGreaterThan(1e-3);
            assertThat(err).as(i == 0 ? "out" : "grad input").isLessThan(1e-6);
        }
    }

    private static INDArray[] run(INDArray x, INDArray g) {
        Sigmoid s = new Sigmoid(x);
        s.bindGradOut(g);
        s.forward();
        s.backward();
        return new INDArray[] {s.out().dup(), s.gradIn().dup()};
    }
}
