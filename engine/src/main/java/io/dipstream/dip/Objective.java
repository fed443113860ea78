package io.dipstream.dip;

import io.dipstream.dip.nn.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The task loss E as a weighted mean squared error: E = Σ w·(d(f) − x0)² / N, where d is the
 * identity or the Lanczos downsampler, w is 0 outside the image (padding) and on unknown pixels,
 * and N counts the image's values, as the reference's {@code MSELoss} on masked tensors does.
 * Buffers allocated once.
 */
final class Objective {
    private final INDArray wd;
    private final INDArray diffFlat;
    private final INDArray wdFlat;
    private final LanczosDownsampler down;
    private final Ops subtract;
    private final Ops weigh;
    private final Ops scale;
    private final double norm;

    /**
     * @param netOut the generator's output buffer
     * @param target x0 at loss resolution, padded to it
     * @param weight per-value weights, same shape as {@code target}
     * @param norm N, the number of values in the unpadded image
     * @param factor 1, or the super-resolution factor
     */
    Objective(INDArray netOut, INDArray target, INDArray weight, double norm, int factor) {
        this.norm = norm;
        INDArray diff = Nd4j.create(target.dataType(), target.shape());
        this.wd = Nd4j.create(target.dataType(), target.shape());
        this.diffFlat = diff.reshape(diff.length());
        this.wdFlat = wd.reshape(wd.length());
        this.down = factor > 1 ? new LanczosDownsampler(netOut, factor, wd) : null;
        INDArray pred = down != null ? down.out() : netOut;
        this.subtract = Ops.binary("subtract", pred, target, diff);
        this.weigh = Ops.binary("multiply", diff, weight, wd);
        this.scale = Ops.scalar("multiply", wd, 2.0 / norm, wd);
    }

    /** E for the current output, and leaves dE/df in {@link #gradient()}. */
    double evaluate() {
        if (down != null) {
            down.forward();
        }
        subtract.run();
        weigh.run();
        double loss = Nd4j.getBlasWrapper().dot(wdFlat, diffFlat) / norm;
        scale.run();
        return loss;
    }

    /** dE/df after {@link #evaluate()}. */
    INDArray gradient() {
        return down != null ? down.backward() : wd;
    }
}
