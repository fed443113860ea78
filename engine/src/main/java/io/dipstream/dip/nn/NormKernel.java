package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch norm in training mode (the one image's statistics, biased variance, eps {@link
 * BatchNormAct#EPS}, affine) with an optional LeakyReLU({@link BatchNormAct#SLOPE}), bound once to
 * its arrays: the forward pass into the output, and the backward pass (bound on first use, when the
 * output gradient exists) into the input's gradient and the scale's and shift's, which it
 * overwrites. {@link DnnlNorm} runs float32 on oneDNN; {@link JavaNorm} any type in Java loops (the
 * double-precision gradient checks).
 */
interface NormKernel {
    void forward();

    void bindBackward(INDArray gradOut);

    void backward();

    /** oneDNN's kernels for float32 on the CPU, the Java loops otherwise. */
    static NormKernel of(
            INDArray input,
            INDArray out,
            INDArray gradIn,
            ParamStore.Slot gamma,
            ParamStore.Slot beta,
            boolean act) {
        return Dnnl.serves(input)
                ? new DnnlNorm(input, out, gradIn, gamma, beta, act)
                : new JavaNorm(input, out, gradIn, gamma, beta, act);
    }
}
