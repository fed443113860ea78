package io.dipstream.dip.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BatchNorm2d in training mode (statistics of the one image, every iteration, biased variance, eps
 * 1e-5, affine) optionally followed by LeakyReLU(0.2), as the reference uses them.
 *
 * <p>Built from {@code matmul} (per-channel sums as a matrix-vector product) and broadcasting
 * elementwise ops on [C, H·W] views, which DESIGN §8 measured faster than ND4J's {@code
 * batchnorm_bp} and {@code lrelu}. The activation is applied in place, and its derivative is taken
 * from the output (LeakyReLU keeps the sign), so no pre-activation copy is kept.
 */
final class BatchNormAct extends Layer {
    static final double EPS = 1e-5;
    static final double SLOPE = 0.2;

    private final boolean act;
    private final long c;
    private final long m;
    private final INDArray out;
    private final INDArray gradIn;
    private final INDArray x2;
    private final INDArray y2;
    private final INDArray gIn2;
    private final INDArray xhat;
    private final INDArray ones;
    private final INDArray mean;
    private final INDArray var;
    private final INDArray invStd;
    private final INDArray k;
    private final INDArray c1;
    private final INDArray c0;
    private final ParamStore.Slot gamma;
    private final ParamStore.Slot beta;
    private final Scratch scratch;
    private final INDArray mask;
    private Ops[] fwdOps;
    private Ops[] bwdOps;

    /**
     * @param out buffer for the result, same shape as {@code input}, or {@code null} to allocate
     */
    BatchNormAct(
            ParamStore store,
            Scratch scratch,
            String name,
            INDArray input,
            boolean act,
            INDArray out) {
        this.act = act;
        this.scratch = scratch;
        this.c = input.size(1);
        this.m = input.size(2) * input.size(3);
        this.out = out != null ? out : Nd4j.create(input.dataType(), input.shape());
        this.gradIn = Nd4j.create(input.dataType(), input.shape());
        this.x2 = Ops.matrix(input, c, m);
        this.y2 = Ops.matrix(this.out, c, m);
        this.gIn2 = Ops.matrix(gradIn, c, m);
        this.xhat = Nd4j.create(input.dataType(), c, m);
        this.ones = Nd4j.ones(input.dataType(), m, 1);
        this.mean = Nd4j.create(input.dataType(), c, 1);
        this.var = Nd4j.create(input.dataType(), c, 1);
        this.invStd = Nd4j.create(input.dataType(), c, 1);
        this.k = Nd4j.create(input.dataType(), c, 1);
        this.c1 = Nd4j.create(input.dataType(), c, 1);
        this.c0 = Nd4j.create(input.dataType(), c, 1);
        this.mask = act ? Nd4j.create(DataType.BOOL, c, m) : null;
        this.gamma = store.reserve(name + ".gamma", c);
        this.beta = store.reserve(name + ".beta", c);
        scratch.require(0, c * m);
    }

    ParamStore.Slot gamma() {
        return gamma;
    }

    ParamStore.Slot beta() {
        return beta;
    }

    private void build() {
        INDArray s = scratch.view(0, c, m);
        INDArray gamma2 = gamma.value().reshape('c', c, 1);
        INDArray beta2 = beta.value().reshape('c', c, 1);
        INDArray dGamma2 = gamma.grad().reshape('c', c, 1);
        INDArray dBeta2 = beta.grad().reshape('c', c, 1);
        List<Ops> f = new ArrayList<>();
        f.add(Ops.matmul(x2, ones, mean, 1.0 / m));
        f.add(Ops.binary("subtract", x2, mean, xhat));
        f.add(Ops.binary("multiply", xhat, xhat, s));
        f.add(Ops.matmul(s, ones, var, 1.0 / m));
        f.add(Ops.scalar("add", var, EPS, var));
        f.add(Ops.scalar("Pow", var, -0.5, invStd));
        f.add(Ops.binary("multiply", xhat, invStd, xhat));
        f.add(Ops.binary("multiply", xhat, gamma2, y2));
        f.add(Ops.binary("add", y2, beta2, y2));
        if (act) {
            f.add(Ops.scalar("multiply", y2, SLOPE, s));
            f.add(Ops.binary("maximum", y2, s, y2));
        }
        fwdOps = f.toArray(new Ops[0]);
        INDArray g2 = Ops.matrix(gradOut(), c, m);
        INDArray dz = act ? s : g2;
        List<Ops> b = new ArrayList<>();
        if (act) {
            // LeakyReLU'(y)·g: 1 where y > 0, SLOPE elsewhere, as (y > 0) · (1 − SLOPE) + SLOPE
            b.add(Ops.scalar("greater", y2, 0.0, mask));
            b.add(Ops.binary("assign", s, mask, s));
            b.add(Ops.scalar("multiply", s, 1 - SLOPE, s));
            b.add(Ops.scalar("add", s, SLOPE, s));
            b.add(Ops.binary("multiply", s, g2, s));
        }
        b.add(Ops.matmul(dz, ones, dBeta2, 1.0));
        b.add(Ops.binary("multiply", dz, xhat, gIn2));
        b.add(Ops.matmul(gIn2, ones, dGamma2, 1.0));
        // k = γ/σ; dx = k·dz − (k/M)·dβ − (k/M)·dγ·x̂
        b.add(Ops.binary("multiply", gamma2, invStd, k));
        b.add(Ops.binary("multiply", k, dGamma2, c1));
        b.add(Ops.scalar("multiply", c1, -1.0 / m, c1));
        b.add(Ops.binary("multiply", k, dBeta2, c0));
        b.add(Ops.scalar("multiply", c0, -1.0 / m, c0));
        b.add(Ops.binary("multiply", xhat, c1, gIn2));
        b.add(Ops.binary("multiply", dz, k, s));
        b.add(Ops.binary("add", gIn2, s, gIn2));
        b.add(Ops.binary("add", gIn2, c0, gIn2));
        bwdOps = b.toArray(new Ops[0]);
    }

    @Override
    public void forward() {
        if (fwdOps == null) {
            build();
        }
        for (Ops o : fwdOps) {
            o.run();
        }
    }

    @Override
    public void backward() {
        if (bwdOps == null) {
            build();
        }
        for (Ops o : bwdOps) {
            o.run();
        }
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
