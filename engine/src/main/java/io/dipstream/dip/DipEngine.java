package io.dipstream.dip;

import io.dipstream.dip.nn.Ops;
import io.dipstream.dip.nn.SkipConfig;
import io.dipstream.dip.nn.SkipGenerator;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deep Image Prior (Ulyanov, Vedaldi, Lempitsky, CVPR 2018) on one image at a time, with one
 * network that is reused while the network configuration and size stay the same.
 *
 * <p>The optimisation loop, per iteration t:
 *
 * <ol>
 *   <li>input = z + N(0,1)·regNoise (fresh noise; z fixed per run, from the seed)
 *   <li>f = network(input); E = task loss (see {@link Objective})
 *   <li>guard: if E rose by more than 5 dB over the last accepted step, restore the weights and
 *       Adam state of that step and skip this one (the reference's backtracking, without its quirk
 *       of still applying the bad gradient)
 *   <li>otherwise: snapshot, back-propagate, Adam step, and fold f into the exponential moving
 *       average of outputs (the result when {@code emaWeight > 0}, else the last f)
 * </ol>
 *
 * <p>Guarantees: deterministic on the CPU for a given seed and thread count; no native allocation
 * inside the loop; weights and Adam moments survive between runs (warm start) unless the run is
 * cold, and can be exported and imported as {@link NetworkState}.
 */
public final class DipEngine {
    /** Engine version recorded in every result. */
    public static final String VERSION = "0.1.0";

    /** A 5 dB drop of PSNR is a rise of the mean squared error by 10^0.5. */
    static final double DIVERGENCE_RATIO = Math.pow(10, 0.5);

    /**
     * Iterations over which a warm run with fresh Adam moments ramps its step size up to the
     * preset's. Adam's first bias-corrected step moves every weight by about the full learning rate
     * whatever its gradient, which jolts a network that already fits the previous frame.
     */
    static final int WARM_RAMP = 8;

    private SkipGenerator net;
    private Adam adam;
    private INDArray snapParams;
    private INDArray snapM;
    private INDArray snapV;
    private int snapSteps;

    static {
        NativeRuntime.configure();
    }

    /**
     * Restores {@code problem}. A cold run draws fresh weights from {@code seed} and resets Adam; a
     * warm run continues from the current weights (and Adam state unless {@code resetAdam}).
     */
    public DipResult run(
            Problem problem,
            DipSettings settings,
            long seed,
            boolean cold,
            boolean resetAdam,
            IterationListener listener) {
        return run(problem, settings, seed, cold, resetAdam, FitBudget.NONE, listener);
    }

    /**
     * As {@link #run(Problem, DipSettings, long, boolean, boolean, IterationListener)}, ending
     * early when {@code stop} (if not null) says the outputs have settled; {@code
     * settings.iterations()} is then the cap.
     */
    public DipResult run(
            Problem problem,
            DipSettings settings,
            long seed,
            boolean cold,
            boolean resetAdam,
            StopRule stop,
            IterationListener listener) {
        return run(problem, settings, seed, cold, resetAdam, FitBudget.settling(stop), listener);
    }

    /**
     * As {@link #run(Problem, DipSettings, long, boolean, boolean, IterationListener)}, ending when
     * {@code budget} says so; {@code settings.iterations()} is the cap.
     */
    public DipResult run(
            Problem problem,
            DipSettings settings,
            long seed,
            boolean cold,
            boolean resetAdam,
            FitBudget budget,
            IterationListener listener) {
        long t0 = System.nanoTime();
        StopRule stop = budget.settle();
        SkipConfig cfg = settings.net();
        boolean flash = problem.task() == Task.FLASH;
        if (flash && cfg.inputDepth() != 3) {
            throw new IllegalArgumentException("flash/no-flash needs net.inputDepth 3");
        }
        int outH = problem.outputHeight();
        int outW = problem.outputWidth();
        int[] shape = networkShape(problem, cfg);
        int netH = shape[0];
        int netW = shape[1];
        boolean rebuilt = ensureNetwork(cfg, netH, netW, seed);
        if (cold && !rebuilt) {
            net.initialise(seed);
        }
        if (cold || resetAdam || rebuilt) {
            adam.reset();
        }
        int ramp = !cold && !rebuilt && resetAdam ? WARM_RAMP : 0;

        int f = problem.factor();
        Image target = problem.degraded().reflectPad(netH / f, netW / f);
        INDArray targetArr = toArray(target);
        INDArray weight = weights(problem, netH / f, netW / f);
        INDArray out0 = net.output();
        Objective objective =
                new Objective(
                        out0,
                        targetArr,
                        weight,
                        3.0 * problem.degraded().height() * problem.degraded().width(),
                        f);
        INDArray z =
                flash ? toArray(problem.guide().reflectPad(netH, netW)) : input(settings, seed);
        INDArray noise = Nd4j.create(DataType.FLOAT, z.shape());
        INDArray avg = Nd4j.create(DataType.FLOAT, out0.shape());
        INDArray scaled = Nd4j.create(DataType.FLOAT, out0.shape());
        Ops perturb = Ops.binary("add", z, noise, net.input());
        Ops decay = Ops.scalar("multiply", avg, settings.emaWeight(), avg);
        Ops share = Ops.scalar("multiply", out0, 1 - settings.emaWeight(), scaled);
        Ops accumulate = Ops.binary("add", avg, scaled, avg);
        Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed ^ 0x5DEECE66DL);
        double ema = settings.emaWeight();
        double lastGood = Double.NaN;
        double loss = Double.NaN;
        int backtracks = 0;
        boolean avgStarted = false;
        int n = settings.iterations();
        OutputVariance settle = stop == null ? null : new OutputVariance(out0, stop);
        int done = 0;
        StopReason reason = StopReason.ITERATIONS;
        for (int it = 0; it < n; it++) {
            done = it + 1;
            if (settings.regNoise() > 0) {
                Nd4j.getExecutioner()
                        .exec(new GaussianDistribution(noise, 0.0, settings.regNoise()), rng);
                perturb.run();
            } else {
                net.input().assign(z);
            }
            INDArray out = net.forward();
            loss = objective.evaluate();
            if (settings.guard() && !Double.isNaN(lastGood) && loss > lastGood * DIVERGENCE_RATIO) {
                restoreSnapshot();
                backtracks++;
                listener.iteration(it + 1, n, loss);
                continue;
            }
            if (settings.guard()) {
                takeSnapshot();
            }
            lastGood = loss;
            net.backward(objective.gradient());
            adam.step(settings.learningRate() * Math.min(1, (it + 1.0) / (ramp + 1)));
            // A warm run's first outputs are still the previous frame's fit: with a stopping
            // rule the average of outputs starts once the rule's minimum has been run.
            boolean averaging = stop == null || it + 1 >= stop.minIterations();
            if (ema > 0 && averaging) {
                if (!avgStarted) {
                    avg.assign(out);
                    avgStarted = true;
                } else {
                    decay.run();
                    share.run();
                    accumulate.run();
                }
            }
            listener.iteration(it + 1, n, loss);
            boolean settled = settle != null && settle.updateAndCheck(it + 1);
            if (it + 1 >= budget.minIterations()) {
                if (budget.lossFloor() > 0 && loss <= budget.lossFloor()) {
                    reason = StopReason.DISCREPANCY;
                    break;
                }
                if (settled && !budget.wellAbove(loss)) {
                    reason = StopReason.SETTLED;
                    break;
                }
            }
            if (budget.maxSeconds() > 0 && (System.nanoTime() - t0) / 1e9 >= budget.maxSeconds()) {
                reason = StopReason.SECONDS;
                break;
            }
        }
        INDArray result = avg;
        if (ema == 0 || !avgStarted) {
            // The last accepted step moved the weights: report the output they give on z.
            net.input().assign(z);
            result = net.forward();
        }
        Image restored = fromArray(result).crop(outH, outW);
        double seconds = (System.nanoTime() - t0) / 1e9;
        boolean capped = reason == StopReason.ITERATIONS || reason == StopReason.SECONDS;
        return new DipResult(
                restored,
                settings.preset(),
                seed,
                done,
                backtracks,
                lastGood,
                seconds,
                VERSION,
                reason,
                capped && budget.wellAbove(lastGood));
    }

    /**
     * The network's {height, width} for {@code problem}: the output size padded up to a multiple of
     * 2^scales (and of the super-resolution factor), at least twice that.
     */
    public static int[] networkShape(Problem problem, SkipConfig cfg) {
        int multiple = lcm(cfg.sizeMultiple(), problem.factor());
        return new int[] {
            Math.max(roundUp(problem.outputHeight(), multiple), 2 * cfg.sizeMultiple()),
            Math.max(roundUp(problem.outputWidth(), multiple), 2 * cfg.sizeMultiple())
        };
    }

    /** The network's weights and Adam state, for warm-starting elsewhere. */
    public NetworkState exportState() {
        requireNetwork();
        return new NetworkState(
                (int) net.params().size(),
                net.params().params().toFloatVector(),
                adam.firstMoment().toFloatVector(),
                adam.secondMoment().toFloatVector(),
                adam.steps());
    }

    /**
     * Loads weights and Adam state exported from a network of the same configuration; the next warm
     * run continues from them.
     */
    public void importState(NetworkState state) {
        requireNetwork();
        if (state.parameterCount() != net.params().size()) {
            throw new IllegalArgumentException(
                    "state has "
                            + state.parameterCount()
                            + " parameters, the network "
                            + net.params().size());
        }
        net.params().params().assign(Nd4j.createFromArray(state.weights()));
        adam.load(
                Nd4j.createFromArray(state.adamM()),
                Nd4j.createFromArray(state.adamV()),
                state.adamSteps());
    }

    /** The current network, or {@code null} before the first run. */
    public SkipGenerator network() {
        return net;
    }

    /**
     * Builds the network when there is none or its configuration or size changed; returns whether
     * it did. A network of the right shape is kept with its weights.
     */
    public boolean ensureNetwork(SkipConfig cfg, int h, int w, long seed) {
        if (net != null && net.config().equals(cfg) && net.height() == h && net.width() == w) {
            return false;
        }
        net = new SkipGenerator(cfg, h, w, seed);
        adam = new Adam(net.params().params(), net.params().grads());
        snapParams = Nd4j.create(DataType.FLOAT, net.params().size());
        snapM = Nd4j.create(DataType.FLOAT, net.params().size());
        snapV = Nd4j.create(DataType.FLOAT, net.params().size());
        snapSteps = 0;
        return true;
    }

    private void takeSnapshot() {
        snapParams.assign(net.params().params());
        snapM.assign(adam.firstMoment());
        snapV.assign(adam.secondMoment());
        snapSteps = adam.steps();
    }

    private void restoreSnapshot() {
        net.params().params().assign(snapParams);
        adam.load(snapM, snapV, snapSteps);
    }

    private void requireNetwork() {
        if (net == null) {
            throw new IllegalStateException("no network yet: run once or call ensureNetwork");
        }
    }

    /** z: U(0,1)·0.1 noise from the seed, or an x/y meshgrid in [0,1]. */
    private INDArray input(DipSettings s, long seed) {
        int h = net.height();
        int w = net.width();
        int depth = s.net().inputDepth();
        float[] v = new float[depth * h * w];
        if (s.input() == DipSettings.InputKind.MESHGRID) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    v[y * w + x] = w == 1 ? 0 : x / (float) (w - 1);
                    v[h * w + y * w + x] = h == 1 ? 0 : y / (float) (h - 1);
                }
            }
        } else {
            SplittableRandom rng = new SplittableRandom(seed * 31 + 17);
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (rng.nextDouble() * 0.1);
            }
        }
        return Nd4j.createFromArray(v).reshape(1, depth, h, w);
    }

    /** 1 on the image's known values, 0 on unknown pixels and on the padding. */
    private static INDArray weights(Problem p, int h, int w) {
        Image d = p.degraded();
        float[] v = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < d.height(); y++) {
                for (int x = 0; x < d.width(); x++) {
                    float known = p.known() == null ? 1f : p.known().get(0, y, x);
                    v[(c * h + y) * w + x] = known;
                }
            }
        }
        return Nd4j.createFromArray(v).reshape(1, 3, h, w);
    }

    static INDArray toArray(Image im) {
        return Nd4j.createFromArray(im.data()).reshape(1, im.channels(), im.height(), im.width());
    }

    static Image fromArray(INDArray a) {
        return new Image(
                (int) a.size(1), (int) a.size(2), (int) a.size(3), a.dup().data().asFloat());
    }

    static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
