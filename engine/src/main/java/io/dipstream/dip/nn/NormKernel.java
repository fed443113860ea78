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

    /**
     * oneDNN's kernels for float32 on the CPU, the Java loops otherwise. Batch norm's statistics
     * are per channel, so channels that do not fill a whole oneDNN block (a concatenation's 4 skip
     * channels before its 128 upsampled ones) get a kernel of their own, leaving the rest on the
     * blocked layout. {@code source} is the producing convolution's output in its own layout (or
     * null), which a whole-block {@link DnnlNorm} reads instead of {@code input}.
     */
    static NormKernel of(
            INDArray input,
            INDArray out,
            INDArray gradIn,
            ParamStore.Slot gamma,
            ParamStore.Slot beta,
            boolean act,
            Dnnl.Blocked source) {
        if (!Dnnl.serves(input)) {
            return new JavaNorm(input, out, gradIn, gamma, beta, act);
        }
        DnnlNorm.Affine affine = DnnlNorm.Affine.of(gamma, beta);
        long c = input.size(1);
        long rest = c % Dnnl.blockSize();
        if (rest == 0 || rest == c) {
            return new DnnlNorm(input, out, gradIn, affine, act, source);
        }
        return new SplitNorm(
                new DnnlNorm(
                        SplitNorm.channels(input, 0, rest),
                        SplitNorm.channels(out, 0, rest),
                        SplitNorm.channels(gradIn, 0, rest),
                        affine.channels(0, rest),
                        act,
                        null),
                new DnnlNorm(
                        SplitNorm.channels(input, rest, c),
                        SplitNorm.channels(out, rest, c),
                        SplitNorm.channels(gradIn, rest, c),
                        affine.channels(rest, c),
                        act,
                        null),
                rest,
                c);
    }
}
