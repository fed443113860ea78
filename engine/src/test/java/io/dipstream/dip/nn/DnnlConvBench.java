package io.dipstream.dip.nn;

import io.dipstream.dip.NativeRuntime;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times one convolution's forward and backward through libnd4j's conv2d/conv2d_bp and through
 * {@link DnnlConv} (a benchmark, not a test): {@code java -cp ... DnnlConvBench C O K S H W}.
 */
public final class DnnlConvBench {
    public static void main(String[] a) {
        NativeRuntime.configure();
        int inC = Integer.parseInt(a[0]);
        int outC = Integer.parseInt(a[1]);
        int k = Integer.parseInt(a[2]);
        int stride = Integer.parseInt(a[3]);
        int h = Integer.parseInt(a[4]);
        int w = Integer.parseInt(a[5]);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, inC, h, w);
        INDArray wt = Nd4j.rand(DataType.FLOAT, outC, inC, k, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, outC);
        long oh = (h - k) / stride + 1;
        long ow = (w - k) / stride + 1;
        INDArray g = Nd4j.rand(DataType.FLOAT, 1, outC, oh, ow);
        INDArray out = Nd4j.create(DataType.FLOAT, 1, outC, oh, ow);
        INDArray gx = Nd4j.create(DataType.FLOAT, x.shape());
        INDArray gw = Nd4j.create(DataType.FLOAT, wt.shape());
        INDArray gb = Nd4j.create(DataType.FLOAT, b.shape());
        long[] args = {k, k, stride, stride, 0, 0, 1, 1, 0, 0, 1};
        Ops f =
                Ops.of(
                        "conv2d",
                        new INDArray[] {x, wt, b},
                        new INDArray[] {out},
                        new double[0],
                        args);
        Ops bp =
                Ops.of(
                        "conv2d_bp",
                        new INDArray[] {x, wt, b, g},
                        new INDArray[] {gx, gw, gb},
                        new double[0],
                        args);
        DnnlConv d = new DnnlConv(x, wt, b, out, stride);
        d.bindBackward(g, gx, gw, gb);
        for (int round = 0; round < 3; round++) {
            System.out.printf(
                    "%d->%d k%d s%d %dx%d  libnd4j fwd %.1f bwd %.1f ms   oneDNN fwd %.1f bwd %.1f ms%n",
                    inC,
                    outC,
                    k,
                    stride,
                    h,
                    w,
                    time(f::run),
                    time(bp::run),
                    time(d::forward),
                    time(d::backward));
        }
    }

    /** Median of 15 timed calls after 20 untimed ones, in milliseconds. */
    static double time(Runnable r) {
        for (int i = 0; i < 20; i++) {
            r.run();
        }
        double[] t = new double[15];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
