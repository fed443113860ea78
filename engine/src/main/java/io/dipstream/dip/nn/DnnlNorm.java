package io.dipstream.dip.nn;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.List;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link NormKernel} for float32 on oneDNN: its batch normalization primitive (training, separate
 * scale and shift) and, with the activation, its ReLU eltwise with slope {@link BatchNormAct#SLOPE}
 * in place on the output, whose backward takes the derivative from the output; every primitive made
 * once. Where the channels fill whole blocks ({@link NormKernel#of} splits off the rest), both run
 * on oneDNN's channel-blocked layout ({@link Dnnl#blockedTag}), reordered into from the user's NCHW
 * arrays and back: on NCHW oneDNN 2.5 has only a plain-loop batch norm, about twice as slow as the
 * JIT-compiled one plus both reorders (128 channels); the backward pass then works in place in one
 * blocked buffer. Fewer channels than a block (the skip connections' 4) stay on NCHW, where the
 * reorders into a padded block cost more than they save.
 */
final class DnnlNorm extends DnnlSteps implements NormKernel {
    private static final int FLAGS = dnnl_use_scale | dnnl_use_shift;

    private final dnnl_memory_desc_t data;
    private final dnnl_memory_desc_t blocked;
    private final dnnl_memory_desc_t perChannel;
    private final dnnl_primitive_desc normPd;
    private final dnnl_primitive_desc actPd;
    private final dnnl_memory src;
    private final dnnl_memory dst;
    private final dnnl_memory mean;
    private final dnnl_memory variance;
    private final dnnl_memory scale;
    private final dnnl_memory shift;
    private final INDArray gradIn;
    private final Affine affine;
    private final boolean fromSource;
    private Dnnl.Blocked gradInBlocked;
    private Dnnl.Step gradInReorder;

    /** The scale and shift of a batch norm's channels and their gradients, as arrays. */
    record Affine(INDArray gamma, INDArray dGamma, INDArray beta, INDArray dBeta) {
        static Affine of(ParamStore.Slot gamma, ParamStore.Slot beta) {
            return new Affine(gamma.value(), gamma.grad(), beta.value(), beta.grad());
        }

        /** Channels {@code from} (inclusive) to {@code to} (exclusive), as views. */
        Affine channels(long from, long to) {
            return new Affine(
                    slice(gamma, from, to),
                    slice(dGamma, from, to),
                    slice(beta, from, to),
                    slice(dBeta, from, to));
        }

        private static INDArray slice(INDArray v, long from, long to) {
            return v.reshape(v.length()).get(NDArrayIndex.interval(from, to));
        }
    }

    /**
     * @param source the producing convolution's output in its own layout, or null: taken instead of
     *     reading {@code input} where it is this layer's blocked layout ({@link #takesSource})
     */
    DnnlNorm(
            INDArray input,
            INDArray out,
            INDArray gradIn,
            Affine affine,
            boolean act,
            Dnnl.Blocked source) {
        keep.addAll(List.of(input, out, gradIn));
        this.gradIn = gradIn;
        this.affine = affine;
        data = Dnnl.desc(dnnl_nchw, input.shape());
        blocked =
                input.size(1) % Dnnl.blockSize() == 0
                        ? Dnnl.desc(Dnnl.blockedTag(), input.shape())
                        : data;
        perChannel = Dnnl.desc(dnnl_x, input.size(1));
        dnnl_batch_normalization_desc_t nd = new dnnl_batch_normalization_desc_t();
        Dnnl.check(
                dnnl_batch_normalization_forward_desc_init(
                        nd, dnnl_forward_training, blocked, (float) BatchNormAct.EPS, FLAGS),
                "batch norm forward desc");
        normPd = Dnnl.primitiveDesc(nd, null);
        fromSource = reordered() && source != null && Dnnl.same(source.desc(), blocked);
        src = fromSource ? source.memory() : reordered() ? own(blocked) : Dnnl.over(data, input);
        dst = reordered() ? own(blocked) : Dnnl.over(data, out);
        if (reordered() && !fromSource) {
            forward.add(Dnnl.reorder(Dnnl.over(data, input), data, src, blocked));
        }
        mean = own(perChannel);
        variance = own(perChannel);
        scale = Dnnl.over(perChannel, affine.gamma());
        shift = Dnnl.over(perChannel, affine.beta());
        forward.add(
                new Dnnl.Step(
                        Dnnl.primitive(normPd),
                        new int[] {
                            DNNL_ARG_SRC,
                            DNNL_ARG_SCALE,
                            DNNL_ARG_SHIFT,
                            DNNL_ARG_DST,
                            DNNL_ARG_MEAN,
                            DNNL_ARG_VARIANCE
                        },
                        new dnnl_memory[] {src, scale, shift, dst, mean, variance}));
        if (act) {
            dnnl_eltwise_desc_t ed = new dnnl_eltwise_desc_t();
            Dnnl.check(
                    dnnl_eltwise_forward_desc_init(
                            ed,
                            dnnl_forward_training,
                            dnnl_eltwise_relu_use_dst_for_bwd,
                            blocked,
                            (float) BatchNormAct.SLOPE,
                            0f),
                    "leaky relu forward desc");
            actPd = Dnnl.primitiveDesc(ed, null);
            forward.add(
                    new Dnnl.Step(
                            Dnnl.primitive(actPd),
                            new int[] {DNNL_ARG_SRC, DNNL_ARG_DST},
                            new dnnl_memory[] {dst, dst}));
        } else {
            actPd = null;
        }
        if (reordered()) {
            forward.add(Dnnl.reorder(dst, blocked, Dnnl.over(data, out), data));
        }
    }

    /** Whether the input is read from the source given at construction, not from NCHW. */
    boolean takesSource() {
        return fromSource;
    }

    /** The input's gradient in the blocked layout, after {@link #bindBackward}; null on NCHW. */
    Dnnl.Blocked blockedGradIn() {
        return gradInBlocked;
    }

    /**
     * From now on the input's gradient stays in {@link #blockedGradIn()} only: its one reader, the
     * producing convolution, takes it from there, and the NCHW array is no longer written.
     */
    void handOffGradIn() {
        backward.remove(gradInReorder);
    }

    /** Whether this layer works on a blocked copy (channels a multiple of the block size). */
    private boolean reordered() {
        return blocked != data;
    }

    @Override
    public void bindBackward(INDArray gradOut) {
        keep.add(gradOut);
        // Blocked, one buffer holds the output's gradient, then (in place) the activation's
        // input's, then the batch norm input's. On NCHW the output's gradient is another layer's
        // buffer, not to be overwritten.
        dnnl_memory gOut = reordered() ? own(blocked) : Dnnl.over(data, gradOut);
        if (reordered()) {
            backward.add(Dnnl.reorder(Dnnl.over(data, gradOut), data, gOut, blocked));
        }
        dnnl_memory dz = gOut;
        if (actPd != null) {
            dz = reordered() ? gOut : own(data);
            dnnl_eltwise_desc_t ed = new dnnl_eltwise_desc_t();
            Dnnl.check(
                    dnnl_eltwise_backward_desc_init(
                            ed,
                            dnnl_eltwise_relu_use_dst_for_bwd,
                            blocked,
                            blocked,
                            (float) BatchNormAct.SLOPE,
                            0f),
                    "leaky relu backward desc");
            backward.add(
                    new Dnnl.Step(
                            Dnnl.primitive(Dnnl.primitiveDesc(ed, actPd)),
                            new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_DST, DNNL_ARG_DIFF_SRC},
                            new dnnl_memory[] {gOut, dst, dz}));
        }
        dnnl_memory gIn = reordered() ? dz : Dnnl.over(data, gradIn);
        dnnl_batch_normalization_desc_t nd = new dnnl_batch_normalization_desc_t();
        Dnnl.check(
                dnnl_batch_normalization_backward_desc_init(
                        nd, dnnl_backward, blocked, blocked, (float) BatchNormAct.EPS, FLAGS),
                "batch norm backward desc");
        backward.add(
                new Dnnl.Step(
                        Dnnl.primitive(Dnnl.primitiveDesc(nd, normPd)),
                        new int[] {
                            DNNL_ARG_SRC,
                            DNNL_ARG_MEAN,
                            DNNL_ARG_VARIANCE,
                            DNNL_ARG_DIFF_DST,
                            DNNL_ARG_SCALE,
                            DNNL_ARG_SHIFT,
                            DNNL_ARG_DIFF_SRC,
                            DNNL_ARG_DIFF_SCALE,
                            DNNL_ARG_DIFF_SHIFT
                        },
                        new dnnl_memory[] {
                            src,
                            mean,
                            variance,
                            dz,
                            scale,
                            shift,
                            gIn,
                            Dnnl.over(perChannel, affine.dGamma()),
                            Dnnl.over(perChannel, affine.dBeta())
                        }));
        if (reordered()) {
            gradInReorder = Dnnl.reorder(gIn, blocked, Dnnl.over(data, gradIn), data);
            backward.add(gradInReorder);
            gradInBlocked = new Dnnl.Blocked(gIn, blocked);
        }
        backwardBound();
    }
}
