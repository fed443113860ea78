package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A k×k convolution with bias, stride 1 or 2, reflection padding of (k-1)/2 (the reference's {@code
 * conv()}), PyTorch's [out,in,kH,kW] weight layout, on a {@link ConvKernel} (oneDNN's primitives
 * for float32) built once, on first use (after the {@link ParamStore} is sealed and the output
 * gradient bound), and re-executed every iteration.
 */
final class Conv2d extends Layer {
    private final INDArray input;
    private final INDArray padded;
    private final INDArray gradPadded;
    private final ReflectionPad pad;
    private final ReflectionPad gradPad;
    private final INDArray out;
    private final INDArray gradIn;
    private final ParamStore.Slot weight;
    private final ParamStore.Slot bias;
    private final long[] args;
    private final int stride;
    private final boolean needGradIn;
    private ConvKernel conv;
    private boolean backwardBound;

    /**
     * @param input [1,inC,H,W]
     * @param out [1,outC,H/stride,W/stride] buffer to write, or {@code null} to allocate one
     * @param needGradIn false for the first layer, whose input is not trained
     */
    Conv2d(
            ParamStore store,
            String name,
            INDArray input,
            int outC,
            int k,
            int stride,
            INDArray out,
            boolean needGradIn) {
        if (k % 2 != 1 || (stride != 1 && stride != 2)) {
            throw new IllegalArgumentException(name + ": kernel must be odd and stride 1 or 2");
        }
        this.input = input;
        long inC = input.size(1);
        long h = input.size(2);
        long w = input.size(3);
        int p = (k - 1) / 2;
        long oh = (h + 2L * p - k) / stride + 1;
        long ow = (w + 2L * p - k) / stride + 1;
        this.out = out != null ? out : Nd4j.create(input.dataType(), 1, outC, oh, ow);
        if (this.out.size(1) != outC || this.out.size(2) != oh || this.out.size(3) != ow) {
            throw new IllegalArgumentException(name + ": output buffer has the wrong shape");
        }
        this.weight = store.reserve(name + ".weight", outC, inC, k, k);
        this.bias = store.reserve(name + ".bias", outC);
        this.args = new long[] {k, k, stride, stride, 0, 0, 1, 1, 0, 0, 1};
        this.stride = stride;
        this.needGradIn = needGradIn;
        this.gradPadded = Nd4j.create(input.dataType(), 1, inC, h + 2L * p, w + 2L * p);
        if (p > 0) {
            padded = Nd4j.create(input.dataType(), 1, inC, h + 2L * p, w + 2L * p);
            pad = ReflectionPad.pad(input, padded, p);
            gradIn = needGradIn ? Nd4j.create(input.dataType(), 1, inC, h, w) : null;
            gradPad = needGradIn ? ReflectionPad.fold(gradPadded, gradIn, p) : null;
        } else {
            padded = input;
            pad = null;
            gradPad = null;
            gradIn = needGradIn ? gradPadded : null;
        }
    }

    /** The kernel, once the first forward pass has built it; null before. */
    ConvKernel kernel() {
        return conv;
    }

    /** Fan-in of the weight, for PyTorch's default initialisation. */
    long fanIn() {
        return input.size(1) * args[0] * args[1];
    }

    ParamStore.Slot weight() {
        return weight;
    }

    ParamStore.Slot bias() {
        return bias;
    }

    @Override
    public void forward() {
        if (conv == null) {
            conv = ConvKernel.of(padded, weight.value(), bias.value(), out, stride);
        }
        if (pad != null) {
            pad.run();
        }
        conv.forward();
    }

    @Override
    public void backward() {
        if (!backwardBound) {
            // The first layer's input is not trained: no gradient into it.
            conv.bindBackward(
                    gradOut(), needGradIn ? gradPadded : null, weight.grad(), bias.grad());
            backwardBound = true;
        }
        conv.backward();
        if (gradPad != null) {
            gradPad.run();
        }
    }

    @Override
    public INDArray out() {
        return out;
    }

    @Override
    public INDArray gradIn() {
        return gradIn;
    }
}
