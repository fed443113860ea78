package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of the generator with every buffer allocated at construction.
 *
 * <p>A layer reads the input array it was built with, writes {@link #out()}, and in {@link
 * #backward()} reads the gradient of its output from the array bound by {@link #bindGradOut} and
 * writes the gradient of its input into {@link #gradIn()} (and of its parameters into their views
 * of the {@link ParamStore}). Nothing is allocated per call, so one network runs any number of
 * iterations at constant native memory.
 */
public abstract class Layer {
    private INDArray gradOut;
    private Vec gradOutVec;

    /** Computes {@link #out()} from the input array. */
    public abstract void forward();

    /** Computes {@link #gradIn()} and parameter gradients from the bound output gradient. */
    public abstract void backward();

    /** The output buffer (may be a view into a parent's concatenation buffer). */
    public abstract INDArray out();

    /** The gradient with respect to the input; {@code null} when the input needs no gradient. */
    public abstract INDArray gradIn();

    /** Binds the array that will hold the gradient of this layer's output during backward. */
    public void bindGradOut(INDArray gradOut) {
        if (!java.util.Arrays.equals(gradOut.shape(), out().shape())) {
            throw new IllegalArgumentException(
                    "gradient shape "
                            + java.util.Arrays.toString(gradOut.shape())
                            + " does not match output shape "
                            + java.util.Arrays.toString(out().shape()));
        }
        this.gradOut = gradOut;
    }

    /** The bound output gradient as direct memory, for layers whose backward is a Java loop. */
    protected Vec gradOutVec() {
        if (gradOutVec == null) {
            gradOutVec = Vec.of(gradOut());
        }
        return gradOutVec;
    }

    /** The gradient of this layer's output, as bound. */
    protected INDArray gradOut() {
        if (gradOut == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no bound gradient");
        }
        return gradOut;
    }
}
