package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm2d in training mode (statistics of the one image, every iteration, biased variance, eps
 * 1e-5, affine) optionally followed by LeakyReLU(0.2), as the reference uses them.
 *
 * <p>Fused into two passes over memory per direction, one channel per task: ND4J's {@code
 * batchnorm_bp} and {@code lrelu} are slow (DESIGN §8), and even a chain of fast ND4J ops needs
 * about ten passes, which made this layer ~30% of an iteration. Statistics accumulate in double
 * precision, over each channel copied into plain arrays (per-element access to native memory made
 * this layer 45% of an iteration). The activation's derivative is taken from the output (LeakyReLU
 * keeps the sign), so no pre-activation copy is kept; the normalised input x̂ is kept for the
 * backward pass.
 */
final class BatchNormAct extends Layer {
    static final double EPS = 1e-5;
    static final double SLOPE = 0.2;

    private final boolean act;
    private final int c;
    private final int m;
    private final INDArray out;
    private final INDArray gradIn;
    private final Vec x;
    private final Vec y;
    private final Vec xhat;
    private final Vec gIn;
    private final double[] invStd;
    private final ParamStore.Slot gamma;
    private final ParamStore.Slot beta;
    private Vec gammaV;
    private Vec betaV;
    private Vec dGamma;
    private Vec dBeta;

    /**
     * @param out buffer for the result, same shape as {@code input}, or {@code null} to allocate
     */
    BatchNormAct(ParamStore store, String name, INDArray input, boolean act, INDArray out) {
        this.act = act;
        this.c = Math.toIntExact(input.size(1));
        this.m = Math.toIntExact(input.size(2) * input.size(3));
        this.out = out != null ? out : Nd4j.create(input.dataType(), input.shape());
        this.gradIn = Nd4j.create(input.dataType(), input.shape());
        this.x = Vec.of(input);
        this.y = Vec.of(this.out);
        this.xhat = Vec.of(Nd4j.create(input.dataType(), input.shape()));
        this.gIn = Vec.of(gradIn);
        this.invStd = new double[c];
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
        if (gammaV == null) {
            gammaV = Vec.of(gamma.value());
            betaV = Vec.of(beta.value());
            dGamma = Vec.of(gamma.grad());
            dBeta = Vec.of(beta.grad());
        }
        ChannelLoop.forEach(c, this::forwardChannel);
    }

    @Override
    public void backward() {
        Vec g = gradOutVec();
        ChannelLoop.forEach(c, ch -> backwardChannel(ch, g));
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
        double is = 1.0 / Math.sqrt(ss / m + EPS);
        invStd[ch] = is;
        double g = gammaV.get(ch);
        double bt = betaV.get(ch);
        for (int i = 0; i < m; i++) {
            double h = (v[i] - mean) * is;
            v[i] = h;
            double z = h * g + bt;
            o[i] = act && z <= 0 ? SLOPE * z : z;
        }
        xhat.write(b, v, m);
        y.write(b, o, m);
    }

    private void backwardChannel(int ch, Vec g) {
        int b = ch * m;
        double[] dz = Scratch.doubles(0, m);
        double[] h = Scratch.doubles(1, m);
        g.read(b, dz, m);
        if (act) {
            double[] o = Scratch.doubles(2, m);
            y.read(b, o, m);
            for (int i = 0; i < m; i++) {
                if (o[i] <= 0) {
                    dz[i] *= SLOPE;
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

    @Override
    public INDArray out() {
        return out;
    }

    @Override
    public INDArray gradIn() {
        return gradIn;
    }
}
