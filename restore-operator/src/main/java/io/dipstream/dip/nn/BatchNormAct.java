package io.dipstream.dip.nn;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm2d in training mode (statistics of the one image, every iteration, biased variance, eps
 * 1e-5, affine) optionally followed by LeakyReLU(0.2), as the reference uses them.
 *
 * <p>Fused into two passes over memory per direction, one channel per task: ND4J's {@code
 * batchnorm_bp} and {@code lrelu} are slow (DESIGN §8), and even a chain of fast ND4J ops needs
 * about ten passes, which made this layer ~30% of an iteration. Statistics accumulate in double
 * precision. The activation's derivative is taken from the output (LeakyReLU keeps the sign), so no
 * pre-activation copy is kept; the normalised input x̂ is kept for the backward pass.
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
        IntStream.range(0, c).parallel().forEach(this::forwardChannel);
    }

    @Override
    public void backward() {
        Vec g = gradOutVec();
        IntStream.range(0, c).parallel().forEach(ch -> backwardChannel(ch, g));
    }

    private void forwardChannel(int ch) {
        int b = ch * m;
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += x.get(b + i);
        }
        double mean = s / m;
        double ss = 0;
        for (int i = 0; i < m; i++) {
            double d = x.get(b + i) - mean;
            ss += d * d;
        }
        double is = 1.0 / Math.sqrt(ss / m + EPS);
        invStd[ch] = is;
        double g = gammaV.get(ch);
        double bt = betaV.get(ch);
        for (int i = 0; i < m; i++) {
            double h = (x.get(b + i) - mean) * is;
            xhat.put(b + i, h);
            double v = h * g + bt;
            y.put(b + i, act && v <= 0 ? SLOPE * v : v);
        }
    }

    private void backwardChannel(int ch, Vec g) {
        int b = ch * m;
        double db = 0;
        double dg = 0;
        for (int i = 0; i < m; i++) {
            double dz = dz(g, b + i);
            db += dz;
            dg += dz * xhat.get(b + i);
        }
        dGamma.put(ch, dg);
        dBeta.put(ch, db);
        // dx = k·(dz − dβ/M − x̂·dγ/M) with k = γ/σ
        double k = gammaV.get(ch) * invStd[ch];
        double mb = db / m;
        double mg = dg / m;
        for (int i = 0; i < m; i++) {
            gIn.put(b + i, k * (dz(g, b + i) - mb - xhat.get(b + i) * mg));
        }
    }

    private double dz(Vec gradOut, int i) {
        double g = gradOut.get(i);
        return act && y.get(i) <= 0 ? SLOPE * g : g;
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
