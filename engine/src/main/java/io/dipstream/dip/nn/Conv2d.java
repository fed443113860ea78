package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A k×k convolution with bias, stride 1 or 2, reflection padding of (k-1)/2 (the reference's {@code
 * conv()}), on ND4J's {@code conv2d}/{@code conv2d_bp} with PyTorch's [out,in,kH,kW] weight layout.
 * The ops are built once, on first use (after the {@link ParamStore} is sealed and the output
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
    private Ops fwd;
    private Ops bwd;

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
        if (fwd == null) {
            fwd =
                    Ops.of(
                            "conv2d",
                            new INDArray[] {padded, weight.value(), bias.value()},
                            new INDArray[] {out},
                            new double[0],
                            args);
        }
        if (pad != null) {
            pad.run();
        }
        fwd.run();
    }

    @Override
    public void backward() {
        if (bwd == null) {
            bwd =
                    Ops.of(
                            "conv2d_bp",
                            new INDArray[] {padded, weight.value(), bias.value(), gradOut()},
                            new INDArray[] {gradPadded, weight.grad(), bias.grad()},
                            new double[0],
                            args);
        }
        bwd.run();
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
