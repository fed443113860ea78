package io.dipstream.dip;

import io.dipstream.dip.nn.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba) over one flat parameter array, PyTorch's defaults (β1 0.9, β2 0.999, eps
 * 1e-8, no weight decay), on libnd4j's {@code adam_updater} op.
 *
 * <p>Lifecycle: construct for a parameter array and its gradient array → {@link #step} … → {@link
 * #reset()} or {@link #load}. The moment arrays are allocated once; a step allocates nothing.
 */
public final class Adam {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final INDArray m;
    private final INDArray v;
    private final Ops update;
    private final Ops apply;
    private double learningRate = 0.01;
    private int steps;

    /**
     * An optimiser for {@code params}, whose gradients will be in {@code grads} (same length) when
     * {@link #step} is called.
     */
    public Adam(INDArray params, INDArray grads) {
        this.m = Nd4j.zeros(params.dataType(), params.length());
        this.v = Nd4j.zeros(params.dataType(), params.length());
        // adam_updater: inputs gradient, v, m; outputs the update (over the gradient), v, m
        this.update =
                Ops.of(
                        "adam_updater",
                        new INDArray[] {grads, v, m},
                        new INDArray[] {grads, v, m},
                        new double[] {learningRate, BETA1, BETA2, EPS},
                        new long[] {0});
        this.apply = Ops.binary("subtract", params, grads, params);
    }

    /** params −= Adam(grads) with step size {@code lr}; overwrites the gradients. */
    public void step(double lr) {
        if (lr != learningRate) {
            learningRate = lr;
            update.setDoubleArgs(lr, BETA1, BETA2, EPS);
        }
        update.setIntArgs(steps);
        update.run();
        apply.run();
        steps++;
    }

    /** Forgets the moments: the next step is a first step. */
    public void reset() {
        m.assign(0);
        v.assign(0);
        steps = 0;
    }

    /** Number of steps taken since construction or the last reset. */
    public int steps() {
        return steps;
    }

    /** First moments (live view; copy before keeping). */
    public INDArray firstMoment() {
        return m;
    }

    /** Second moments (live view; copy before keeping). */
    public INDArray secondMoment() {
        return v;
    }

    /** Restores moments and step count, e.g. from a snapshot or the previous frame. */
    public void load(INDArray firstMoment, INDArray secondMoment, int stepCount) {
        m.assign(firstMoment);
        v.assign(secondMoment);
        steps = stepCount;
    }
}
