package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUDerivative;
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
    private DynamicCustomOp[] fwdOps;
    private DynamicCustomOp[] bwdOps;
    private INDArray gamma2;
    private INDArray dGamma2;
    private INDArray dBeta2;

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
        gamma2 = gamma.value().reshape('c', c, 1);
        INDArray beta2 = beta.value().reshape('c', c, 1);
        dGamma2 = gamma.grad().reshape('c', c, 1);
        dBeta2 = beta.grad().reshape('c', c, 1);
        fwdOps =
                new DynamicCustomOp[] {
                    Ops.matmul(x2, ones, mean, 1.0 / m),
                    Ops.binary("subtract", x2, mean, xhat),
                    Ops.binary("multiply", xhat, xhat, s),
                    Ops.matmul(s, ones, var, 1.0 / m),
                    // invStd computed between these two groups
                    Ops.binary("multiply", xhat, invStd, xhat),
                    Ops.binary("multiply", xhat, gamma2, y2),
                    Ops.binary("add", y2, beta2, y2),
                    Ops.binary("maximum", y2, s, y2),
                };
        INDArray g2 = Ops.matrix(gradOut(), c, m);
        INDArray dz = act ? s : g2;
        bwdOps =
                new DynamicCustomOp[] {
                    Ops.binary("multiply", s, g2, s),
                    Ops.matmul(dz, ones, dBeta2, 1.0),
                    Ops.binary("multiply", dz, xhat, gIn2),
                    Ops.matmul(gIn2, ones, dGamma2, 1.0),
                    // coefficients computed here
                    Ops.binary("multiply", xhat, c1, gIn2),
                    Ops.binary("multiply", dz, k, s),
                    Ops.binary("add", gIn2, s, gIn2),
                    Ops.binary("add", gIn2, c0, gIn2),
                };
    }

    @Override
    public void forward() {
        if (fwdOps == null) {
            build();
        }
        for (int i = 0; i < 4; i++) {
            Nd4j.exec(fwdOps[i]);
        }
        var.addi(EPS);
        Nd4j.exec(new RSqrt(var, invStd));
        for (int i = 4; i < 7; i++) {
            Nd4j.exec(fwdOps[i]);
        }
        if (act) {
            INDArray s = fwdOps[7].inputArguments().get(1);
            Nd4j.exec(new ScalarMultiplication(y2, null, s, SLOPE));
            Nd4j.exec(fwdOps[7]);
        }
    }

    @Override
    public void backward() {
        if (bwdOps == null) {
            build();
        }
        if (act) {
            INDArray s = bwdOps[0].inputArguments().get(0);
            Nd4j.exec(new LeakyReLUDerivative(y2, s, SLOPE));
            Nd4j.exec(bwdOps[0]);
        }
        for (int i = 1; i < 4; i++) {
            Nd4j.exec(bwdOps[i]);
        }
        // k = γ/σ; dx = k·dz − (k/M)·dβ − (k/M)·dγ·x̂
        k.assign(gamma2).muli(invStd);
        c1.assign(k).muli(dGamma2).muli(-1.0 / m);
        c0.assign(k).muli(dBeta2).muli(-1.0 / m);
        for (int i = 4; i < 8; i++) {
            Nd4j.exec(bwdOps[i]);
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
