package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm2d in training mode (statistics of the one image, every iteration, biased variance, eps
 * 1e-5, affine) optionally followed by LeakyReLU(0.2), as the reference uses them, on a {@link
 * NormKernel} built on first use (after the {@link ParamStore} is sealed).
 *
 * <p>ND4J's {@code batchnorm_bp} and {@code lrelu} are slow (DESIGN §8) and a chain of ND4J ops
 * needs about ten passes over memory; oneDNN's batch norm and eltwise primitives (float32) or the
 * fused Java loops (double) need two or three per direction.
 */
final class BatchNormAct extends Layer {
    static final double EPS = 1e-5;
    static final double SLOPE = 0.2;

    private final boolean act;
    private final INDArray input;
    private final INDArray out;
    private final INDArray gradIn;
    private final ParamStore.Slot gamma;
    private final ParamStore.Slot beta;
    private NormKernel kernel;
    private boolean backwardBound;

    /**
     * @param out buffer for the result, same shape as {@code input}, or {@code null} to allocate
     */
    BatchNormAct(ParamStore store, String name, INDArray input, boolean act, INDArray out) {
        this.act = act;
        this.input = input;
        this.out = out != null ? out : Nd4j.create(input.dataType(), input.shape());
        this.gradIn = Nd4j.create(input.dataType(), input.shape());
        long c = input.size(1);
        this.gamma = store.reserve(name + ".gamma", c);
        this.beta = store.reserve(name + ".beta", c);
    }

    ParamStore.Slot gamma() {
        return gamma;
    }

    ParamStore.Slot beta() {
        return beta;
    }

    @Override
    public void forward() {
        if (kernel == null) {
            kernel = NormKernel.of(input, out, gradIn, gamma, beta, act);
        }
        kernel.forward();
    }

    @Override
    public void backward() {
        if (!backwardBound) {
            kernel.bindBackward(gradOut());
            backwardBound = true;
        }
        kernel.backward();
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
