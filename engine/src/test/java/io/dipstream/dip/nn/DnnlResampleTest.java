package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.dip.NativeRuntime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Float32 upsampling on oneDNN's resampling primitive gives the Java loops' results (whose
 * gradients {@link LayerGradientTest} checks in double), forward and backward, into a channel slice
 * of a concatenation buffer as the generator uses it.
 */
class DnnlResampleTest {
    @ParameterizedTest
    @EnumSource(Upsample2x.Mode.class)
    void matchesTheJavaLoops(Upsample2x.Mode mode) {
        NativeRuntime.configure();
        for (int[] s : new int[][] {{16, 23, 30}, {3, 1, 2}, {128, 4, 4}, {5, 17, 9}}) {
            Nd4j.getRandom().setSeed(5);
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, s[0], s[1], s[2]).subi(0.5);
            INDArray g = Nd4j.rand(DataType.FLOAT, 1, s[0], 2L * s[1], 2L * s[2]).subi(0.5);
            String what = mode + " " + s[0] + "x" + s[1] + "x" + s[2];
            INDArray[] java = run(x.castTo(DataType.DOUBLE), g.castTo(DataType.DOUBLE), mode);
            INDArray[] dnnl = run(x, g, mode);
            assertClose(what + " out", java[0], dnnl[0]);
            assertClose(what + " grad input", java[1], dnnl[1]);
        }
    }

    private static INDArray[] run(INDArray x, INDArray g, Upsample2x.Mode mode) {
        long c = x.size(1);
        INDArray wide = Nd4j.create(x.dataType(), 1, c + 4, 2 * x.size(2), 2 * x.size(3));
        INDArray out = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(4, 4 + c));
        assertThat(out.offset()).isPositive();
        Upsample2x up = new Upsample2x(x, mode, out);
        up.bindGradOut(g);
        up.forward();
        up.backward();
        return new INDArray[] {out.dup(), up.gradIn().dup()};
    }

    private static void assertClose(String what, INDArray want, INDArray got) {
        INDArray w = want.castTo(DataType.DOUBLE);
        INDArray d = got.castTo(DataType.DOUBLE);
        double scale = w.norm2Number().doubleValue() / Math.sqrt(w.length());
        double err = w.sub(d).norm2Number().doubleValue() / Math.sqrt(w.length());
        assertThat(scale).as(what + " is not all zero").isGreaterThan(1e-3);
        assertThat(err).as(what).isLessThan(1e-6 * Math.max(1, scale));
    }
}
