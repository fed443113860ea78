package io.dipstream.dip;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba) over one flat parameter array, PyTorch's defaults (β1 0.9, β2 0.999, eps
 * 1e-8, no weight decay), on libnd4j's {@code adam_updater} op.
 *
 * <p>Lifecycle: construct for a parameter length → {@link #step} … → {@link #reset()} or {@link
 * #load}. The moment arrays are allocated once; a step allocates no native memory.
 */
public final class Adam {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    private final INDArray m;
    private final INDArray v;
    private int steps;

    public Adam(INDArray params) {
        this.m = Nd4j.zeros(params.dataType(), params.length());
        this.v = Nd4j.zeros(params.dataType(), params.length());
    }

    /** params −= Adam(grads); overwrites {@code grads} with the applied update. */
    public void step(INDArray params, INDArray grads, double learningRate) {
        Nd4j.exec(
                new AdamUpdater(grads, v, m, grads, v, m, learningRate, BETA1, BETA2, EPS, steps));
        params.subi(grads);
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
