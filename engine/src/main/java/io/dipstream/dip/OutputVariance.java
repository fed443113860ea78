package io.dipstream.dip;

import io.dipstream.dip.nn.Ops;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exponential running variance of a run's outputs and the decision of a {@link StopRule}. EMA_t
 * = EMA_{t−1} + α(x_t − EMA_{t−1}); EMV_t = (1−α)(EMV_{t−1} + α·mean((x_t − EMA_{t−1})²)). Buffers
 * are allocated once per run; an update is three native ops and a dot product.
 */
final class OutputVariance {
    private final StopRule rule;
    private final INDArray out;
    private final INDArray mean;
    private final INDArray diffFlat;
    private final Ops subtract;
    private final Ops scale;
    private final Ops accumulate;
    private final double count;
    private boolean started;
    private double emv;
    private double decay = 1;
    private double best = Double.POSITIVE_INFINITY;
    private int bestAt;

    /** Tracks the outputs written to {@code out}. */
    OutputVariance(INDArray out, StopRule rule) {
        this.rule = rule;
        this.out = out;
        this.mean = Nd4j.create(DataType.FLOAT, out.shape());
        INDArray diff = Nd4j.create(DataType.FLOAT, out.shape());
        this.diffFlat = diff.reshape(diff.length());
        this.count = diff.length();
        this.subtract = Ops.binary("subtract", out, mean, diff);
        this.scale = Ops.scalar("multiply", diff, rule.alpha(), diff);
        this.accumulate = Ops.binary("add", mean, diff, mean);
    }

    /**
     * Folds the current output in after iteration {@code done} (1-based) and says whether the run
     * should stop now.
     */
    boolean updateAndCheck(int done) {
        if (!started) {
            mean.assign(out);
            started = true;
        } else {
            subtract.run();
            double a = rule.alpha();
            double d2 = Nd4j.getBlasWrapper().dot(diffFlat, diffFlat) / count;
            emv = (1 - a) * (emv + a * d2);
            decay *= 1 - a;
            scale.run();
            accumulate.run();
        }
        if (done < rule.minIterations() || decay == 1) {
            return false;
        }
        double v = variance();
        if (v < best) {
            best = v;
            bestAt = done;
            return false;
        }
        return done - bestAt >= rule.patience();
    }

    /** The current running variance (mean over values), bias-corrected. */
    double variance() {
        return decay == 1 ? 0 : emv / (1 - decay);
    }
}
