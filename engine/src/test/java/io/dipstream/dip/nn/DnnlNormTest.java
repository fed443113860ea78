package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.dip.NativeRuntime;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * oneDNN's batch norm + LeakyReLU gives the Java loops' results (themselves checked against finite
 * differences in {@link LayerGradientTest}), forward and backward, with and without the activation,
 * with the output a channel range of a wider buffer and the parameters at offsets in a flat store.
 */
class DnnlNormTest {
    @Test
    void matchesTheJavaLoops() {
        NativeRuntime.configure();
        for (boolean act : new boolean[] {true, false}) {
            // Whole blocks; fewer channels than a block; 4 + 128 and 4 + 16 (split in two).
            for (int[] s : new int[][] {{16, 23, 30}, {4, 8, 8}, {132, 5, 7}, {20, 9, 6}}) {
                compare(s[0], s[1], s[2], act);
            }
        }
    }

    @Test
    void concatenationsSplitOffTheChannelsThatDoNotFillABlock() {
        NativeRuntime.configure();
        ParamStore store = new ParamStore(DataType.FLOAT);
        ParamStore.Slot gamma = store.reserve("gamma", 132);
        ParamStore.Slot beta = store.reserve("beta", 132);
        ParamStore.Slot gamma2 = store.reserve("gamma2", 128);
        ParamStore.Slot beta2 = store.reserve("beta2", 128);
        store.seal();
        INDArray x = Nd4j.create(DataType.FLOAT, 1, 132, 4, 4);
        NormKernel k = NormKernel.of(x, x.dup(), x.dup(), gamma, beta, false, null);
        assertThat(k).isInstanceOf(SplitNorm.class);
        INDArray y = Nd4j.create(DataType.FLOAT, 1, 128, 4, 4);
        assertThat(NormKernel.of(y, y.dup(), y.dup(), gamma2, beta2, true, null))
                .isInstanceOf(DnnlNorm.class);
    }

    private static void compare(int c, int h, int w, boolean act) {
        Nd4j.getRandom().setSeed(11);
        // Statistics far from 0 and 1, as a convolution's output has them.
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, c, h, w).muli(3).addi(1.5);
        INDArray g = Nd4j.rand(DataType.FLOAT, 1, c, h, w).subi(0.5);
        String what = c + "x" + h + "x" + w + (act ? " with LeakyReLU" : "");
        Result java = run(x, g, act, false);
        Result dnnl = run(x, g, act, true);
        assertClose(what + " out", java.out, dnnl.out);
        assertClose(what + " grad input", java.gradIn, dnnl.gradIn);
        assertClose(what + " grad gamma", java.dGamma, dnnl.dGamma);
        assertClose(what + " grad beta", java.dBeta, dnnl.dBeta);
    }

    private record Result(INDArray out, INDArray gradIn, INDArray dGamma, INDArray dBeta) {}

    private static Result run(INDArray x, INDArray g, boolean act, boolean dnnl) {
        long c = x.size(1);
        ParamStore store = new ParamStore(DataType.FLOAT);
        store.reserve("before", 5);
        ParamStore.Slot gamma = store.reserve("gamma", c);
        ParamStore.Slot beta = store.reserve("beta", c);
        store.seal();
        Nd4j.getRandom().setSeed(3);
        gamma.value().assign(Nd4j.rand(DataType.FLOAT, c).addi(0.5));
        beta.value().assign(Nd4j.rand(DataType.FLOAT, c).subi(0.5));
        assertThat(gamma.value().offset()).isPositive();
        INDArray wide = Nd4j.create(DataType.FLOAT, 1, c + 3, x.size(2), x.size(3));
        INDArray out = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 3 + c));
        assertThat(out.offset()).isPositive();
        INDArray gradIn = Nd4j.create(DataType.FLOAT, x.shape());
        NormKernel k =
                dnnl
                        ? NormKernel.of(x, out, gradIn, gamma, beta, act, null)
                        : new JavaNorm(x, out, gradIn, gamma, beta, act);
        k.bindBackward(g);
        k.forward();
        k.backward();
        return new Result(out.dup(), gradIn, gamma.grad().dup(), beta.grad().dup());
    }

    private static void assertClose(String what, INDArray want, INDArray got) {
        double scale = want.norm2Number().doubleValue() / Math.sqrt(want.length());
        double err = want.sub(got).norm2Number().doubleValue() / Math.sqrt(want.length());
        assertThat(scale).as(what + " is not all zero").isGreaterThan(1e-3);
        assertThat(err).as(what).isLessThan(1e-5 * Math.max(1, scale));
    }
}
