package io.dipstream.dip.nn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Deep Image Prior "skip" generator (Ulyanov, Vedaldi, Lempitsky, CVPR 2018; reference {@code
 * models/skip.py}) for one fixed input size, with hand-written forward and backward passes.
 *
 * <p>Guarantees: every activation and gradient buffer is allocated here, once; {@link #forward()}
 * and {@link #backward(INDArray)} allocate no native memory, so the network can be reused for any
 * number of iterations and frames of the same size. Batch norm is always in training mode, as in
 * the reference. Parameters and their gradients live in one flat {@link ParamStore} each.
 */
public final class SkipGenerator {
    private final SkipConfig config;
    private final int height;
    private final int width;
    private final ParamStore store;
    private final INDArray input;
    private final Level root;
    private final Conv2d headConv;
    private final Sigmoid head;
    private final INDArray gradOut;
    private final List<Conv2d> convs = new ArrayList<>();
    private final List<BatchNormAct> norms = new ArrayList<>();

    /**
     * Builds the network for an input of {@code height}×{@code width}, both multiples of {@link
     * SkipConfig#sizeMultiple()} and at least twice it (the deepest 3×3 convolution needs 2×2 to
     * reflect), with PyTorch's default initialisation drawn from {@code seed}.
     */
    public SkipGenerator(SkipConfig config, int height, int width, long seed) {
        this(config, height, width, seed, DataType.FLOAT);
    }

    /** As above in {@code dataType}; double precision exists for gradient checks. */
    public SkipGenerator(SkipConfig config, int height, int width, long seed, DataType dataType) {
        int m = config.sizeMultiple();
        if (height < 2 * m || width < 2 * m || height % m != 0 || width % m != 0) {
            throw new IllegalArgumentException(
                    "network size "
                            + height
                            + "x"
                            + width
                            + " must be a multiple of "
                            + m
                            + ", at least "
                            + 2 * m
                            + " (pad the image first)");
        }
        this.config = config;
        this.store = new ParamStore(dataType);
        this.height = height;
        this.width = width;
        this.input = Nd4j.create(dataType, 1, config.inputDepth(), height, width);
        this.root = new Level(0, input, false);
        this.headConv = conv("head", root.out(), config.outputChannels(), 1, 1, null, true);
        this.head = new Sigmoid(headConv.out());
        headConv.bindGradOut(head.gradIn());
        this.gradOut = Nd4j.create(dataType, head.out().shape());
        head.bindGradOut(gradOut);
        root.bindGradOut(headConv.gradIn());
        store.seal();
        initialise(seed);
    }

    /**
     * The input buffer [1, inputDepth, H, W]: write z (plus noise) here before {@link #forward()}.
     */
    public INDArray input() {
        return input;
    }

    /**
     * Runs the network on {@link #input()}; returns the output [1, out, H, W] (a shared buffer).
     */
    public INDArray forward() {
        root.forward();
        fwd(headConv);
        fwd(head);
        return head.out();
    }

    /**
     * Back-propagates {@code dLossDOutput} (shape of the output) from the last {@link #forward()}
     * and leaves the parameter gradients in {@link #params()}{@code .grads()}.
     */
    public void backward(INDArray dLossDOutput) {
        gradOut.assign(dLossDOutput);
        bwd(head);
        bwd(headConv);
        root.backward();
    }

    /** The output buffer [1, out, H, W] that {@link #forward()} fills (without running it). */
    public INDArray output() {
        return head.out();
    }

    /** The parameters and gradients of this network. */
    public ParamStore params() {
        return store;
    }

    public SkipConfig config() {
        return config;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Re-draws all weights as PyTorch initialises them, from {@code seed}. */
    public void initialise(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (Conv2d c : convs) {
            double bound = 1.0 / Math.sqrt(c.fanIn());
            fillUniform(c.weight().value(), bound, rng);
            fillUniform(c.bias().value(), bound, rng);
        }
        for (BatchNormAct b : norms) {
            b.gamma().value().assign(1.0);
            b.beta().value().assign(0.0);
        }
    }

    private static void fillUniform(INDArray a, double bound, SplittableRandom rng) {
        float[] v = new float[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        a.assign(Nd4j.createFromArray(v).castTo(a.dataType()).reshape(a.shape()));
    }

    private Conv2d conv(
            String name, INDArray in, int outC, int k, int stride, INDArray out, boolean grad) {
        Conv2d c = new Conv2d(store, name, in, outC, k, stride, out, grad);
        convs.add(c);
        return c;
    }

    private BatchNormAct bn(String name, INDArray in, boolean act, INDArray out) {
        return added(new BatchNormAct(store, name, in, act, out));
    }

    /** The batch norm of a convolution's output, its only reader. */
    private BatchNormAct bn(String name, Conv2d producer, boolean act, INDArray out) {
        return added(new BatchNormAct(store, name, producer, act, out));
    }

    private BatchNormAct added(BatchNormAct b) {
        norms.add(b);
        return b;
    }

    private static void fwd(Layer l) {
        if (!LayerProfile.ENABLED) {
            l.forward();
            return;
        }
        long t = System.nanoTime();
        l.forward();
        LayerProfile.add(profileKey(l, "forward"), System.nanoTime() - t);
    }

    private static void bwd(Layer l) {
        if (!LayerProfile.ENABLED) {
            l.backward();
            return;
        }
        long t = System.nanoTime();
        l.backward();
        LayerProfile.add(profileKey(l, "backward"), System.nanoTime() - t);
    }

    /** Kind, direction and output shape (channels×height×width): where the time goes by size. */
    private static String profileKey(Layer l, String direction) {
        long[] s = l.out().shape();
        return l.getClass().getSimpleName()
                + "."
                + direction
                + " "
                + s[1]
                + "x"
                + s[2]
                + "x"
                + s[3];
    }

    /** Chains layers' gradients: each layer's output gradient is the next one's input gradient. */
    private static void chain(List<Layer> layers) {
        for (int i = 0; i + 1 < layers.size(); i++) {
            layers.get(i).bindGradOut(layers.get(i + 1).gradIn());
        }
    }

    /**
     * One scale: concat(skip, deeper→upsample) → BN → conv → BN → LReLU (→ 1×1 conv → BN → LReLU).
     */
    private final class Level {
        private final List<Layer> skip = new ArrayList<>();
        private final List<Layer> deep = new ArrayList<>();
        private final List<Layer> tail = new ArrayList<>();
        private final Level next;
        private final Upsample2x upsample;
        private final INDArray gradIn;

        Level(int i, INDArray in, boolean needGradIn) {
            String p = "level" + i + ".";
            int s = config.skip().get(i);
            int d = config.down().get(i);
            int u = config.up().get(i);
            boolean deepest = i == config.scales() - 1;
            int k = deepest ? d : config.up().get(i + 1);
            long h = in.size(2);
            long w = in.size(3);
            INDArray concat = Nd4j.create(in.dataType(), 1, s + k, h, w);
            if (s > 0) {
                INDArray skipOut = concat.get(all(), interval(0, s), all(), all());
                Conv2d c = conv(p + "skip.conv", in, s, 1, 1, null, needGradIn);
                skip.add(c);
                skip.add(bn(p + "skip.bn", c, true, skipOut));
            }
            Conv2d d1 = conv(p + "down.conv1", in, d, config.filterDown(), 2, null, needGradIn);
            BatchNormAct b1 = bn(p + "down.bn1", d1, true, null);
            Conv2d d2 = conv(p + "down.conv2", b1.out(), d, config.filterDown(), 1, null, true);
            BatchNormAct b2 = bn(p + "down.bn2", d2, true, null);
            deep.addAll(List.of(d1, b1, d2, b2));
            next = deepest ? null : new Level(i + 1, b2.out(), true);
            INDArray upIn = next == null ? b2.out() : next.out();
            INDArray upOut = concat.get(all(), interval(s, s + k), all(), all());
            Upsample2x.Mode mode =
                    config.upsample().get(i) == SkipConfig.Upsample.NEAREST
                            ? Upsample2x.Mode.NEAREST
                            : Upsample2x.Mode.BILINEAR;
            upsample = new Upsample2x(upIn, mode, upOut);
            BatchNormAct merge = bn(p + "merge.bn", concat, false, null);
            Conv2d c1 = conv(p + "up.conv", merge.out(), u, config.filterUp(), 1, null, true);
            BatchNormAct b3 = bn(p + "up.bn", c1, true, null);
            tail.addAll(List.of(merge, c1, b3));
            if (config.need1x1Up()) {
                Conv2d c2 = conv(p + "up.conv1x1", b3.out(), u, 1, 1, null, true);
                tail.add(c2);
                tail.add(bn(p + "up.bn1x1", c2, true, null));
            }
            // gradients
            chain(tail);
            INDArray gConcat = merge.gradIn();
            if (s > 0) {
                chain(skip);
                skip.get(skip.size() - 1)
                        .bindGradOut(gConcat.get(all(), interval(0, s), all(), all()));
            }
            upsample.bindGradOut(gConcat.get(all(), interval(s, s + k), all(), all()));
            chain(deep);
            if (next != null) {
                next.bindGradOut(upsample.gradIn());
                b2.bindGradOut(next.gradIn);
            } else {
                b2.bindGradOut(upsample.gradIn());
            }
            gradIn = needGradIn && s > 0 ? Nd4j.create(in.dataType(), in.shape()) : d1.gradIn();
        }

        INDArray out() {
            return tail.get(tail.size() - 1).out();
        }

        void bindGradOut(INDArray g) {
            tail.get(tail.size() - 1).bindGradOut(g);
        }

        void forward() {
            skip.forEach(SkipGenerator::fwd);
            deep.forEach(SkipGenerator::fwd);
            if (next != null) {
                next.forward();
            }
            fwd(upsample);
            tail.forEach(SkipGenerator::fwd);
        }

        void backward() {
            for (int j = tail.size() - 1; j >= 0; j--) {
                bwd(tail.get(j));
            }
            bwd(upsample);
            if (next != null) {
                next.backward();
            }
            for (int j = deep.size() - 1; j >= 0; j--) {
                bwd(deep.get(j));
            }
            for (int j = skip.size() - 1; j >= 0; j--) {
                bwd(skip.get(j));
            }
            if (gradIn != null && !skip.isEmpty() && gradIn != deep.get(0).gradIn()) {
                gradIn.assign(skip.get(0).gradIn()).addi(deep.get(0).gradIn());
            }
        }
    }
}
