package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.dip.NativeRuntime;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution and its batch norm that hand the activation and its gradient to each other in
 * oneDNN's blocked layout give what the two give through NCHW arrays, over several iterations (the
 * hand-off starts after the first).
 */
class ConvNormHandOffTest {
    @Test
    void handingOffInTheBlockedLayoutChangesNoResult() {
        NativeRuntime.configure();
        // Wide 3x3 (Winograd on AVX-512), strided, 1x1; and 4 channels, which stay on NCHW.
        for (int[] c :
                new int[][] {{16, 128, 3, 1}, {32, 16, 3, 2}, {64, 64, 1, 1}, {8, 4, 1, 1}}) {
            Nd4j.getRandom().setSeed(21);
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, c[0], 34, 36).subi(0.5);
            INDArray g = Nd4j.rand(DataType.FLOAT, 1, c[1], 34 / c[3], 36 / c[3]).subi(0.5);
            Pair linked = new Pair(x, c, true);
            Pair plain = new Pair(x, c, false);
            for (int i = 0; i < 3; i++) {
                linked.iterate(g);
                plain.iterate(g);
            }
            String what = c[0] + "->" + c[1] + " k" + c[2] + " s" + c[3];
            assertClose(what + " out", plain.bn.out(), linked.bn.out());
            assertClose(what + " grad input", plain.conv.gradIn(), linked.conv.gradIn());
            assertClose(what + " grad params", plain.store.grads(), linked.store.grads());
            // Whole blocks hand off; 4 channels go through NCHW (the batch norm's own layout).
            assertThat(linked.bn.handsOffWithItsConv())
                    .as(what + " hands off")
                    .isEqualTo(c[1] % Dnnl.blockSize() == 0);
            assertThat(plain.bn.handsOffWithItsConv()).isFalse();
        }
    }

    /** Conv2d → BatchNormAct with LeakyReLU, linked or through the conv's output array. */
    private static final class Pair {
        final ParamStore store = new ParamStore(DataType.FLOAT);
        final Conv2d conv;
        final BatchNormAct bn;

        Pair(INDArray x, int[] c, boolean linked) {
            conv = new Conv2d(store, "conv", x, c[1], c[2], c[3], null, true);
            bn =
                    linked
                            ? new BatchNormAct(store, "bn", conv, true, null)
                            : new BatchNormAct(store, "bn", conv.out(), true, null);
            store.seal();
            Nd4j.getRandom().setSeed(4);
            store.params().assign(Nd4j.rand(DataType.FLOAT, store.params().shape()).subi(0.5));
            conv.bindGradOut(bn.gradIn());
        }

        void iterate(INDArray g) {
            bn.bindGradOut(g);
            conv.forward();
            bn.forward();
            bn.backward();
            conv.backward();
            // A gradient step, so each iteration's activations differ from the last: a layer
            // reading a stale array would show.
            store.params().subi(store.grads().mul(0.05));
        }
    }

    private static void assertClose(String what, INDArray want, INDArray got) {
        double scale = want.norm2Number().doubleValue() / Math.sqrt(want.length());
        double err = want.sub(got).norm2Number().doubleValue() / Math.sqrt(want.length());
        assertThat(scale).as(what + " is not all zero").isGreaterThan(1e-4);
        assertThat(err).as(what).isLessThan(1e-6 * Math.max(1, scale));
    }
}
