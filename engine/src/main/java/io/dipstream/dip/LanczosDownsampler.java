package io.dipstream.dip;

import io.dipstream.dip.nn.Ops;
import io.dipstream.dip.nn.Vec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference's super-resolution degradation d (DIP-REFERENCE §1.3; {@code Downsampler(3, factor,
 * 'lanczos2', phase=0.5, preserve_size=True)}): replication padding of 3·factor/2, then a
 * per-channel separable Lanczos-2 kernel of size 4·factor, normalised to sum 1, applied with stride
 * {@code factor}. Forward and adjoint; buffers allocated once.
 */
final class LanczosDownsampler {
    private final int pad;
    private final INDArray padded;
    private final INDArray gradPadded;
    private final INDArray out;
    private final INDArray gradIn;
    private final INDArray input;
    private final Ops fwd;
    private final Ops bwd;
    private final int c;
    private final int h;
    private final int w;
    private final Vec inV;
    private final Vec padV;
    private final Vec gradPadV;
    private final Vec gradInV;

    /**
     * @param input [1,C,H,W] high-resolution array, H and W multiples of {@code factor}
     * @param gradOut [1,C,H/factor,W/factor] array that will hold the gradient of the output
     */
    LanczosDownsampler(INDArray input, int factor, INDArray gradOut) {
        this.input = input;
        this.c = (int) input.size(1);
        this.h = (int) input.size(2);
        this.w = (int) input.size(3);
        int k = 4 * factor;
        this.pad = (k - factor) / 2;
        padded = Nd4j.create(input.dataType(), 1, c, h + 2 * pad, w + 2 * pad);
        gradPadded = Nd4j.create(input.dataType(), padded.shape());
        out = Nd4j.create(input.dataType(), 1, c, h / factor, w / factor);
        gradIn = Nd4j.create(input.dataType(), input.shape());
        inV = Vec.of(input);
        padV = Vec.of(padded);
        gradPadV = Vec.of(gradPadded);
        gradInV = Vec.of(gradIn);
        double[] taps = taps(factor);
        INDArray weights = Nd4j.zeros(input.dataType(), c, c, k, k);
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    weights.putScalar(new long[] {ch, ch, i, j}, taps[i] * taps[j]);
                }
            }
        }
        INDArray bias = Nd4j.zeros(input.dataType(), c);
        long[] args = {k, k, factor, factor, 0, 0, 1, 1, 0, 0, 1};
        fwd =
                Ops.of(
                        "conv2d",
                        new INDArray[] {padded, weights, bias},
                        new INDArray[] {out},
                        new double[0],
                        args);
        bwd =
                Ops.of(
                        "conv2d_bp",
                        new INDArray[] {padded, weights, bias, gradOut},
                        new INDArray[] {
                            gradPadded,
                            Nd4j.create(weights.dataType(), weights.shape()),
                            Nd4j.create(bias.dataType(), bias.shape())
                        },
                        new double[0],
                        args);
    }

    /** The 1-D Lanczos-2 taps at phase 0.5, normalised so the 2-D kernel sums to 1. */
    static double[] taps(int factor) {
        int k = 4 * factor;
        double center = (k + 2) / 2.0;
        double[] t = new double[k];
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            double d = Math.abs(i + 0.5 - center) / factor;
            double v = 1;
            if (d != 0) {
                v =
                        2
                                * Math.sin(Math.PI * d)
                                * Math.sin(Math.PI * d / 2)
                                / (Math.PI * Math.PI * d * d);
            }
            t[i - 1] = v;
            sum += v;
        }
        for (int i = 0; i < k; i++) {
            t[i] /= sum;
        }
        return t;
    }

    /** d(input) as of now; a shared buffer. */
    INDArray forward() {
        replicate(inV, padV, false);
        fwd.run();
        return out;
    }

    /** The gradient with respect to the input, from the bound output gradient. */
    INDArray backward() {
        bwd.run();
        for (int i = 0; i < c * h * w; i++) {
            gradInV.put(i, 0);
        }
        replicate(gradInV, gradPadV, true);
        return gradIn;
    }

    /** Replication padding (adjoint = false) or its adjoint, accumulating into {@code small}. */
    private void replicate(Vec small, Vec big, boolean adjoint) {
        int hp = h + 2 * pad;
        int wp = w + 2 * pad;
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < hp; y++) {
                int sy = Math.min(Math.max(y - pad, 0), h - 1);
                for (int x = 0; x < wp; x++) {
                    int s = (ch * h + sy) * w + Math.min(Math.max(x - pad, 0), w - 1);
                    int b = (ch * hp + y) * wp + x;
                    if (adjoint) {
                        small.put(s, small.get(s) + big.get(b));
                    } else {
                        big.put(b, small.get(s));
                    }
                }
            }
        }
    }

    INDArray out() {
        return out;
    }
}
