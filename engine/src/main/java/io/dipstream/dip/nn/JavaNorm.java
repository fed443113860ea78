package io.dipstream.dip.nn;

import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NormKernel} as Java loops, two passes over memory per direction, one channel per task, in
 * any data type (double for the gradient checks). Statistics accumulate in double precision over
 * each channel copied into plain arrays (per-element access to native memory made this layer 45% of
 * an iteration). The activation's derivative is taken from the output (LeakyReLU keeps the sign),
 * so no pre-activation copy is kept; the normalised input x̂ is kept for the backward pass.
 */
final class JavaNorm implements NormKernel {
    private final boolean act;
    private final int c;
    private final int m;
    private final Vec x;
    private final Vec y;
    private final Vec xhat;
    private final Vec gIn;
    private final double[] invStd;
    private final Vec gammaV;
    private final Vec betaV;
    private final Vec dGamma;
    private final Vec dBeta;
    private final IntConsumer forwardChannel = this::forwardChannel;
    private final IntConsumer backwardChannel = this::backwardChannel;
    private Vec gradOut;

    JavaNorm(
            INDArray input,
            INDArray out,
            INDArray gradIn,
            ParamStore.Slot gamma,
            ParamStore.Slot beta,
            boolean act) {
        this.act = act;
        this.c = Math.toIntExact(input.size(1));
        this.m = Math.toIntExact(input.size(2) * input.size(3));
        this.x = Vec.of(input);
        this.y = Vec.of(out);
        this.xhat = Vec.of(Nd4j.create(input.dataType(), input.shape()));
        this.gIn = Vec.of(gradIn);
        this.invStd = new double[c];
        this.gammaV = Vec.of(gamma.value());
        this.betaV = Vec.of(beta.value());
        this.dGamma = Vec.of(gamma.grad());
        this.dBeta = Vec.of(beta.grad());
    }

    @Override
    public void forward() {
        ChannelLoop.forEach(c, (long) c * m, forwardChannel);
    }

    @Override
    public void bindBackward(INDArray g) {
        gradOut = Vec.of(g);
    }

    @Override
    public void backward() {
        ChannelLoop.forEach(c, (long) c * m, backwardChannel);
    }

    private void forwardChannel(int ch) {
        int b = ch * m;
        double[] v = Scratch.doubles(0, m);
        double[] o = Scratch.doubles(1, m);
        x.read(b, v, m);
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += v[i];
        }
        double mean = s / m;
        double ss = 0;
        for (int i = 0; i < m; i++) {
            double d = v[i] - mean;
            ss += d * d;
        }
        double is = 1.0 / Math.sqrt(ss / m + BatchNormAct.EPS);
        invStd[ch] = is;
        double g = gammaV.get(ch);
        double bt = betaV.get(ch);
        for (int i = 0; i < m; i++) {
            double h = (v[i] - mean) * is;
            v[i] = h;
            double z = h * g + bt;
            o[i] = act && z <= 0 ? BatchNormAct.SLOPE * z : z;
        }
        xhat.write(b, v, m);
        y.write(b, o, m);
    }

    private void backwardChannel(int ch) {
        int b = ch * m;
        double[] dz = Scratch.doubles(0, m);
        double[] h = Scratch.doubles(1, m);
        gradOut.read(b, dz, m);
        if (act) {
            double[] o = Scratch.doubles(2, m);
            y.read(b, o, m);
            for (int i = 0; i < m; i++) {
                if (o[i] <= 0) {
                    dz[i] *= BatchNormAct.SLOPE;
                }
            }
        }
        xhat.read(b, h, m);
        double db = 0;
        double dg = 0;
        for (int i = 0; i < m; i++) {
            db += dz[i];
            dg += dz[i] * h[i];
        }
        dGamma.put(ch, dg);
        dBeta.put(ch, db);
        // dx = k·(dz − dβ/M − x̂·dγ/M) with k = γ/σ
        double k = gammaV.get(ch) * invStd[ch];
        double mb = db / m;
        double mg = dg / m;
        for (int i = 0; i < m; i++) {
            dz[i] = k * (dz[i] - mb - h[i] * mg);
        }
        gIn.write(b, dz, m);
    }
}
