package io.dipstream.dip.nn;

import io.dipstream.dip.NativeRuntime;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times reflection padding by one pixel and its fold at the network's shapes (a benchmark, not a
 * test): {@code java -cp ... PadBench}.
 */
public final class PadBench {
    public static void main(String[] a) {
        NativeRuntime.configure();
        for (int[] s :
                new int[][] {
                    {16, 8, 8}, {16, 32, 32}, {16, 128, 128}, {128, 64, 64}, {132, 128, 128}
                }) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 1, s[0], s[1], s[2]);
            INDArray p = Nd4j.create(DataType.FLOAT, 1, s[0], s[1] + 2, s[2] + 2);
            ReflectionPad r = ReflectionPad.pad(x, p, 1);
            INDArray g = Nd4j.create(DataType.FLOAT, x.shape());
            ReflectionPad f = ReflectionPad.fold(p, g, 1);
            System.out.printf(
                    "%dx%dx%d pad %.3f fold %.3f ms%n",
                    s[0], s[1], s[2], DnnlConvBench.time(r::run), DnnlConvBench.time(f::run));
        }
    }
}
