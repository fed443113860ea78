package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.dip.NativeRuntime;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** oneDNN's convolution gives libnd4j's conv2d and conv2d_bp results, forward and backward. */
class DnnlConvTest {
    @Test
    void matchesLibnd4jForStrideOneAndTwoAndEveryKernel() {
        NativeRuntime.configure();
        for (int[] c : new int[][] {{32, 16, 3, 1}, {16, 16, 3, 2}, {20, 4, 1, 1}, {8, 3, 1, 1}}) {
            compare(c[0], c[1], c[2], c[3], 23, 30);
        }
    }

    @Test
    void wideThreeByThreeLayersRunWinogradOnAvx512AndMatchDirect() {
        String ext = NativeRuntime.configure();
        // oneDNN 2.5 has float32 Winograd kernels for AVX-512 only.
        int wide =
                ext.contains("avx512")
                        ? org.bytedeco.dnnl.global.dnnl.dnnl_convolution_winograd
                        : org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
        assertThat(algorithm(64, 64, 3, 1, 34, 34)).isEqualTo(wide);
        int direct = org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
        assertThat(algorithm(16, 16, 3, 1, 66, 66)).as("narrow").isEqualTo(direct);
        assertThat(algorithm(128, 128, 3, 1, 18, 18)).as("small plane").isEqualTo(direct);
        assertThat(algorithm(128, 128, 3, 2, 66, 66)).as("stride 2").isEqualTo(direct);
        assertThat(algorithm(128, 128, 1, 1, 64, 64)).as("1x1").isEqualTo(direct);
        // Wide layers, where Winograd's transforms add the most rounding.
        compare(128, 128, 3, 1, 34, 36);
        compare(132, 64, 3, 1, 36, 34);
    }

    private static int algorithm(int inC, int outC, int k, int stride, int h, int w) {
        long oh = (h - k) / stride + 1;
        long ow = (w - k) / stride + 1;
        return new DnnlConv(
                        Nd4j.create(DataType.FLOAT, 1, inC, h, w),
                        Nd4j.create(DataType.FLOAT, outC, inC, k, k),
                        Nd4j.create(DataType.FLOAT, outC),
                        Nd4j.create(DataType.FLOAT, 1, outC, oh, ow),
                        stride)
                .algorithm();
    }

    @Test
    void oneDnnTakesFloatOnTheCpuBackendOnly() {
        NativeRuntime.configure();
        assertThat(Dnnl.serves(Nd4j.create(DataType.FLOAT, 2, 2))).isTrue();
        assertThat(Dnnl.serves(Nd4j.create(DataType.DOUBLE, 2, 2))).isFalse();
        assertThat(
                        ConvKernel.of(
                                Nd4j.create(DataType.DOUBLE, 1, 2, 5, 5),
                                Nd4j.create(DataType.DOUBLE, 3, 2, 3, 3),
                                Nd4j.create(DataType.DOUBLE, 3),
                                Nd4j.create(DataType.DOUBLE, 1, 3, 3, 3),
                                1))
                .isInstanceOf(Nd4jConv.class);
    }

    static void compare(int inC, int outC, int k, int stride, int h, int w) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, inC, h, w).subi(0.5);
        // Weights and bias as the engine has them: views into one flat parameter buffer.
        int nw = outC * inC * k * k;
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 7 + nw + outC).subi(0.5);
        INDArray wt =
                flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 7 + nw))
                        .reshape(outC, inC, k, k);
        INDArray b = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(7 + nw, 7 + nw + outC));
        assertThat(wt.offset()).isPositive();
        assertThat(b.offset()).isPositive();
        long oh = (h - k) / stride + 1;
        long ow = (w - k) / stride + 1;
        INDArray g = Nd4j.rand(DataType.FLOAT, 1, outC, oh, ow).subi(0.5);
        long[] args = {k, k, stride, stride, 0, 0, 1, 1, 0, 0, 1};
        INDArray out1 = Nd4j.create(DataType.FLOAT, 1, outC, oh, ow);
        Ops.of("conv2d", new INDArray[] {x, wt, b}, new INDArray[] {out1}, new double[0], args)
                .run();
        INDArray gx1 = Nd4j.create(DataType.FLOAT, x.shape());
        INDArray gw1 = Nd4j.create(DataType.FLOAT, wt.shape());
        INDArray gb1 = Nd4j.create(DataType.FLOAT, b.shape());
        Ops.of(
                        "conv2d_bp",
                        new INDArray[] {x, wt, b, g},
                        new INDArray[] {gx1, gw1, gb1},
                        new double[0],
                        args)
                .run();
        INDArray out2 = Nd4j.create(DataType.FLOAT, out1.shape());
        INDArray gx2 = Nd4j.create(DataType.FLOAT, x.shape());
        INDArray gw2 = Nd4j.create(DataType.FLOAT, wt.shape());
        INDArray gb2 = Nd4j.create(DataType.FLOAT, b.shape());
        DnnlConv conv = new DnnlConv(x, wt, b, out2, stride);
        conv.bindBackward(g, gx2, gw2, gb2);
        conv.forward();
        conv.backward();
        String what = inC + "->" + outC + " k" + k + " s" + stride;
        assertClose(what + " out", out1, out2);
        assertClose(what + " grad input", gx1, gx2);
        assertClose(what + " grad weight", gw1, gw2);
        assertClose(what + " grad bias", gb1, gb2);
    }

    private static void assertClose(String what, INDArray want, INDArray got) {
        double scale = want.norm2Number().doubleValue() / Math.sqrt(want.length());
        double err = want.sub(got).norm2Number().doubleValue() / Math.sqrt(want.length());
        assertThat(err).as(what).isLessThan(1e-5 * Math.max(1, scale));
    }
}
