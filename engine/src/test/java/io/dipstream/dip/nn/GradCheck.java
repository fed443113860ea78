package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.dip.NativeRuntime;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences in double precision for a scalar loss L = Σ out ⊙ R with a fixed
 * random R, so that dL/dout = R.
 */
final class GradCheck {
    static final double H = 1e-6;
    static final double TOLERANCE = 1e-4;
    static final double ABS_FLOOR = 1e-8;

    static {
        NativeRuntime.configure();
    }

    private GradCheck() {}

    static INDArray random(SplittableRandom rng, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        double[] v = new double[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() * 2 - 1;
        }
        a.assign(Nd4j.createFromArray(v).reshape(shape));
        return a;
    }

    static double loss(Supplier<INDArray> forward, INDArray r) {
        return forward.get().mul(r).sumNumber().doubleValue();
    }

    /**
     * Compares analytic gradient entries {@code analytic} of variable {@code x} with central
     * differences of the loss, at up to {@code samples} positions; returns the worst relative
     * error.
     */
    static double check(
            INDArray x, INDArray analytic, Supplier<INDArray> forward, INDArray r, int samples) {
        INDArray flatX = x.reshape(x.length());
        INDArray flatG = analytic.dup().reshape(analytic.length());
        long n = x.length();
        long step = Math.max(1, n / samples);
        double worst = 0;
        for (long i = 0; i < n; i += step) {
            double orig = flatX.getDouble(i);
            flatX.putScalar(i, orig + H);
            double lp = loss(forward, r);
            flatX.putScalar(i, orig - H);
            double lm = loss(forward, r);
            flatX.putScalar(i, orig);
            double num = (lp - lm) / (2 * H);
            double ana = flatG.getDouble(i);
            // Both essentially zero (a bias in front of batch norm): finite-difference noise.
            double rel =
                    Math.abs(num - ana) < ABS_FLOOR
                            ? 0
                            : Math.abs(num - ana) / (Math.abs(num) + Math.abs(ana));
            assertThat(rel)
                    .as("gradient at %d: numeric %.10g analytic %.10g", i, num, ana)
                    .isLessThan(TOLERANCE);
            worst = Math.max(worst, rel);
        }
        return worst;
    }
}
