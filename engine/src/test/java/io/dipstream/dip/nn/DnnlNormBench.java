package io.dipstream.dip.nn;

import io.dipstream.dip.NativeRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times batch norm + LeakyReLU forward and backward in the Java loops and on oneDNN (a benchmark,
 * not a test): {@code java -cp ... DnnlNormBench C H W}.
 */
public final class DnnlNormBench {
    public static void main(String[] a) {
        NativeRuntime.configure();
        int c = Integer.parseInt(a[0]);
        int h = Integer.parseInt(a[1]);
        int w = Integer.parseInt(a[2]);
        INDArray x = Nd4j.rand(DataType.FLOAT, 1, c, h, w);
        INDArray g = Nd4j.rand(DataType.FLOAT, 1, c, h, w);
        ParamStore store = new ParamStore(DataType.FLOAT);
        ParamStore.Slot gamma = store.reserve("gamma", c);
        ParamStore.Slot beta = store.reserve("beta", c);
        store.seal();
        gamma.value().assign(1);
        NormKernel[] k = {
            new JavaNorm(x, Nd4j.create(x.shape()), Nd4j.create(x.shape()), gamma, beta, true),
            NormKernel.of(
                    x, Nd4j.create(x.shape()), Nd4j.create(x.shape()), gamma, beta, true, null)
        };
        for (NormKernel n : k) {
            n.bindBackward(g);
        }
        for (int round = 0; round < 5; round++) {
            System.out.printf(
                    "%dx%dx%d  java fwd %.2f bwd %.2f ms   oneDNN fwd %.2f bwd %.2f ms%n",
                    c,
                    h,
                    w,
                    DnnlConvBench.time(k[0]::forward),
                    DnnlConvBench.time(k[0]::backward),
                    DnnlConvBench.time(k[1]::forward),
                    DnnlConvBench.time(k[1]::backward));
        }
    }
}
