package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link ConvKernel} on libnd4j's {@code conv2d}/{@code conv2d_bp}, PyTorch's weight layout. */
final class Nd4jConv implements ConvKernel {
    private final INDArray padded;
    private final INDArray weight;
    private final INDArray bias;
    private final long[] args;
    private final Ops fwd;
    private Ops bwd;

    Nd4jConv(INDArray padded, INDArray weight, INDArray bias, INDArray out, int stride) {
        this.padded = padded;
        this.weight = weight;
        this.bias = bias;
        long k = weight.size(2);
        this.args = new long[] {k, k, stride, stride, 0, 0, 1, 1, 0, 0, 1};
        this.fwd =
                Ops.of(
                        "conv2d",
                        new INDArray[] {padded, weight, bias},
                        new INDArray[] {out},
                        new double[0],
                        args);
    }

    @Override
    public void forward() {
        fwd.run();
    }

    @Override
    public void bindBackward(
            INDArray gradOut, INDArray gradPadded, INDArray gradWeight, INDArray gradBias) {
        // conv2d_bp always computes the input's gradient.
        INDArray gIn =
                gradPadded != null ? gradPadded : Nd4j.create(padded.dataType(), padded.shape());
        bwd =
                Ops.of(
                        "conv2d_bp",
                        new INDArray[] {padded, weight, bias, gradOut},
                        new INDArray[] {gIn, gradWeight, gradBias},
                        new double[0],
                        args);
    }

    @Override
    public void backward() {
        bwd.run();
    }
}
