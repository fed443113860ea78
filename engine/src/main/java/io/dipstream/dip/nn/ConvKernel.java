package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One unpadded convolution with bias, bound once to its arrays: the forward pass, and the backward
 * pass (bound on first use, when the output gradient exists) into the input's gradient (optional),
 * the weights' and the bias's. {@link DnnlConv} runs float32 on oneDNN (CPU); {@link Nd4jConv} any
 * type on libnd4j (the double-precision gradient checks, and CUDA).
 */
interface ConvKernel {
    void forward();

    void bindBackward(
            INDArray gradOut, INDArray gradPadded, INDArray gradWeight, INDArray gradBias);

    void backward();

    /** oneDNN's kernel for float32 on the CPU, libnd4j's otherwise (double, or CUDA's cuDNN). */
    static ConvKernel of(
            INDArray padded, INDArray weight, INDArray bias, INDArray out, int stride) {
        return Dnnl.serves(padded)
                ? new DnnlConv(padded, weight, bias, out, stride)
                : new Nd4jConv(padded, weight, bias, out, stride);
    }
}
