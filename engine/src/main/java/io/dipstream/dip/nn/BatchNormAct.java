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
    private final Conv2d producer;
    private NormKernel kernel;
    private DnnlConv linked;
    private DnnlNorm linkedNorm;
    private boolean backwardBound;

    /**
     * @param out buffer for the result, same shape as {@code input}, or {@code null} to allocate
     */
    BatchNormAct(ParamStore store, String name, INDArray input, boolean act, INDArray out) {
        this(store, name, input, null, act, out);
    }

    /**
     * The batch norm of {@code producer}'s output, which nothing else reads: on oneDNN the two hand
     * the activation and its gradient to each other in the convolution's blocked layout, and
     * neither the convolution's NCHW output nor this layer's NCHW input gradient is written.
     */
    BatchNormAct(ParamStore store, String name, Conv2d producer, boolean act, INDArray out) {
        this(store, name, producer.out(), producer, act, out);
    }

    private BatchNormAct(
            ParamStore store,
            String name,
            INDArray input,
            Conv2d producer,
            boolean act,
            INDArray out) {
        this.producer = producer;
        this.act = act;
        this.input = input;
        this.out = out != null ? out : Nd4j.create(input.dataType(), input.shape());
        this.gradIn = Nd4j.create(input.dataType(), input.shape());
        long c = input.size(1);
        this.gamma = store.reserve(name + ".gamma", c);
        this.beta = store.reserve(name + ".beta", c);
    }

    /** Whether this layer and its convolution exchange blocked arrays (known after forward). */
    boolean handsOffWithItsConv() {
        return linked != null;
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
            // The convolution has run (and built its kernel) before its batch norm's first call.
            DnnlConv conv = producer != null && producer.kernel() instanceof DnnlConv d ? d : null;
            kernel =
                    NormKernel.of(
                            input,
                            out,
                            gradIn,
                            gamma,
                            beta,
                            act,
                            conv != null ? conv.blockedOutput() : null);
            if (conv != null && kernel instanceof DnnlNorm n && n.takesSource()) {
                conv.handOffOutput();
                linked = conv;
                linkedNorm = n;
            }
        }
        kernel.forward();
    }

    @Override
    public void backward() {
        if (!backwardBound) {
            kernel.bindBackward(gradOut());
            // Before the convolution's backward pass first runs, and binds.
            if (linked != null && linkedNorm.blockedGradIn() != null) {
                linked.takeGradOut(linkedNorm.blockedGradIn());
                linkedNorm.handOffGradIn();
            }
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
