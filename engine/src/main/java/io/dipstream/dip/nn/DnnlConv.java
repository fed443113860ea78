package io.dipstream.dip.nn;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.dnnl_convolution_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One convolution (no padding: the input comes padded) as oneDNN's forward, backward-data and
 * backward-weights primitives, each in the layouts oneDNN prefers for this shape and CPU, made
 * once; the user's NCHW/OIHW arrays are reordered into and out of them around each call.
 *
 * <p>Wide 3×3 stride-1 convolutions ({@link #winogradSuits}) run forward and backward-data on
 * oneDNN's Winograd algorithm where this CPU has it (AVX-512; 132→128 at 130²: forward 7.6 against
 * 18.8 ms, restored PSNR within 0.1 dB of direct in the fits of docs/benchmarks.md);
 * backward-weights stays direct. {@code -Ddipstream.winograd=false} keeps every convolution direct.
 */
final class DnnlConv extends DnnlSteps implements ConvKernel {
    static final boolean WINOGRAD =
            Boolean.parseBoolean(System.getProperty("dipstream.winograd", "true"));

    private final List<Object[]> reordered = new ArrayList<>();
    private final long[] s;
    private final long[] zero = {0, 0};
    private final dnnl_memory_desc_t srcU;
    private final dnnl_memory_desc_t wU;
    private final dnnl_memory_desc_t bU;
    private final dnnl_memory_desc_t dstU;
    private final dnnl_memory_desc_t srcA;
    private final dnnl_memory_desc_t wA;
    private final dnnl_memory_desc_t dstA;
    private final dnnl_primitive_desc fpd;
    private final dnnl_memory srcUser;
    private final dnnl_memory wUser;
    private final int algorithm;
    private final Dnnl.Blocked blockedOut;
    private final Dnnl.Step outReorder;
    private Dnnl.Blocked gradSource;

    /** The forward pass of {@code padded} [1,C,Hp,Wp] into {@code out}, built now. */
    DnnlConv(INDArray padded, INDArray weight, INDArray bias, INDArray out, int stride) {
        this.s = new long[] {stride, stride};
        keep.addAll(List.of(padded, weight, bias, out));
        srcU = Dnnl.desc(dnnl_nchw, padded.shape());
        wU = Dnnl.desc(dnnl_oihw, weight.shape());
        bU = Dnnl.desc(dnnl_x, bias.length());
        dstU = Dnnl.desc(dnnl_nchw, out.shape());
        srcA = Dnnl.desc(dnnl_format_tag_any, padded.shape());
        wA = Dnnl.desc(dnnl_format_tag_any, weight.shape());
        dstA = Dnnl.desc(dnnl_format_tag_any, out.shape());

        dnnl_primitive_desc wino = winogradSuits(weight.shape(), stride, out) ? winograd() : null;
        algorithm = wino != null ? dnnl_convolution_winograd : dnnl_convolution_direct;
        fpd = wino != null ? wino : Dnnl.primitiveDesc(forwardDesc(algorithm), null);
        srcUser = Dnnl.over(srcU, padded);
        wUser = Dnnl.over(wU, weight);
        dnnl_memory bUser = Dnnl.over(bU, bias);
        dnnl_memory dstUser = Dnnl.over(dstU, out);
        dnnl_memory src = into(forward, srcUser, srcU, Dnnl.query(fpd, dnnl_query_src_md));
        dnnl_memory w = into(forward, wUser, wU, Dnnl.query(fpd, dnnl_query_weights_md));
        dnnl_memory_desc_t dstP = Dnnl.query(fpd, dnnl_query_dst_md);
        dnnl_memory dst = Dnnl.same(dstP, dstU) ? dstUser : own(dstP);
        forward.add(
                new Dnnl.Step(
                        Dnnl.primitive(fpd),
                        new int[] {DNNL_ARG_SRC, DNNL_ARG_WEIGHTS, DNNL_ARG_BIAS, DNNL_ARG_DST},
                        new dnnl_memory[] {src, w, bUser, dst}));
        if (dst != dstUser) {
            outReorder = Dnnl.reorder(dst, dstP, dstUser, dstU);
            forward.add(outReorder);
            blockedOut = new Dnnl.Blocked(dst, dstP);
        } else {
            outReorder = null;
            blockedOut = null;
        }
    }

    /** The output in the primitive's own layout, or null where that is the user's NCHW. */
    Dnnl.Blocked blockedOutput() {
        return blockedOut;
    }

    /**
     * From now on the output stays in {@link #blockedOutput()} only: its one reader, the next
     * layer, takes it from there, and the user's NCHW output array is no longer written.
     */
    void handOffOutput() {
        forward.remove(outReorder);
    }

    /**
     * Takes the output's gradient from {@code g} (the next layer's, in its layout) instead of the
     * NCHW array given to {@link #bindBackward}; before that.
     */
    void takeGradOut(Dnnl.Blocked g) {
        if (isBackwardBound()) {
            throw new IllegalStateException("takeGradOut after bindBackward");
        }
        gradSource = g;
    }

    /**
     * Builds the backward pass once, for {@code gradOut} (the output's gradient) into {@code
     * gradPadded} (null where the input needs none), {@code gradWeight} and {@code gradBias}.
     */
    @Override
    public void bindBackward(
            INDArray gradOut, INDArray gradPadded, INDArray gradWeight, INDArray gradBias) {
        keep.addAll(List.of(gradOut, gradWeight, gradBias));
        if (gradPadded != null) {
            keep.add(gradPadded);
        }
        dnnl_memory gOutUser = Dnnl.over(dstU, gradOut);
        if (gradPadded != null) {
            dnnl_primitive_desc bpd = Dnnl.primitiveDesc(backwardDataDesc(algorithm), fpd);
            dnnl_memory gOut = gradOut(gOutUser, Dnnl.query(bpd, dnnl_query_diff_dst_md));
            dnnl_memory wB = into(backward, wUser, wU, Dnnl.query(bpd, dnnl_query_weights_md));
            dnnl_memory_desc_t gSrcP = Dnnl.query(bpd, dnnl_query_diff_src_md);
            dnnl_memory gSrcUser = Dnnl.over(srcU, gradPadded);
            dnnl_memory gSrc = Dnnl.same(gSrcP, srcU) ? gSrcUser : own(gSrcP);
            backward.add(
                    new Dnnl.Step(
                            Dnnl.primitive(bpd),
                            new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_WEIGHTS, DNNL_ARG_DIFF_SRC},
                            new dnnl_memory[] {gOut, wB, gSrc}));
            if (gSrc != gSrcUser) {
                backward.add(Dnnl.reorder(gSrc, gSrcP, gSrcUser, srcU));
            }
        }
        // Direct even after a Winograd forward: oneDNN 2.5's Winograd backward-weights kernel
        // crashes on small planes (128 channels, 32x32 output).
        dnnl_primitive_desc wpd =
                Dnnl.primitiveDesc(backwardWeightsDesc(dnnl_convolution_direct), fpd);
        dnnl_memory srcW = into(backward, srcUser, srcU, Dnnl.query(wpd, dnnl_query_src_md));
        dnnl_memory gOutW = gradOut(gOutUser, Dnnl.query(wpd, dnnl_query_diff_dst_md));
        dnnl_memory_desc_t gWP = Dnnl.query(wpd, dnnl_query_diff_weights_md);
        dnnl_memory gWUser = Dnnl.over(wU, gradWeight);
        dnnl_memory gW = Dnnl.same(gWP, wU) ? gWUser : own(gWP);
        backward.add(
                new Dnnl.Step(
                        Dnnl.primitive(wpd),
                        new int[] {
                            DNNL_ARG_SRC,
                            DNNL_ARG_DIFF_DST,
                            DNNL_ARG_DIFF_WEIGHTS,
                            DNNL_ARG_DIFF_BIAS
                        },
                        new dnnl_memory[] {srcW, gOutW, gW, Dnnl.over(bU, gradBias)}));
        if (gW != gWUser) {
            backward.add(Dnnl.reorder(gW, gWP, gWUser, wU));
        }
        backwardBound();
    }

    /**
     * Whether Winograd is worth trying: 3×3 stride 1, at least 64 channels in and out and an output
     * plane of at least 32×32. Below that its transforms cost more than they save (measured on
     * AVX-512: 16 channels at 128² and 128 channels at 16² run slower than direct).
     */
    static boolean winogradSuits(long[] weightShape, int stride, INDArray out) {
        return WINOGRAD
                && stride == 1
                && weightShape[2] == 3
                && weightShape[3] == 3
                && weightShape[0] >= 64
                && weightShape[1] >= 64
                && out.size(2) * out.size(3) >= 32 * 32;
    }

    /** oneDNN's convolution algorithm this layer runs, Winograd or direct. */
    int algorithm() {
        return algorithm;
    }

    /**
     * The Winograd forward primitive descriptor where this CPU has Winograd primitives for the
     * forward and backward-data passes of this shape, else null (then every pass runs direct).
     */
    private dnnl_primitive_desc winograd() {
        int alg = dnnl_convolution_winograd;
        dnnl_primitive_desc f = Dnnl.primitiveDescIfAny(forwardDesc(alg), null);
        if (f == null) {
            return null;
        }
        dnnl_primitive_desc b = Dnnl.primitiveDescIfAny(backwardDataDesc(alg), f);
        if (b == null) {
            dnnl_primitive_desc_destroy(f);
            return null;
        }
        dnnl_primitive_desc_destroy(b);
        return f;
    }

    private dnnl_convolution_desc_t forwardDesc(int alg) {
        dnnl_convolution_desc_t d = new dnnl_convolution_desc_t();
        Dnnl.check(
                dnnl_convolution_forward_desc_init(
                        d, dnnl_forward_training, alg, srcA, wA, bU, dstA, s, zero, zero),
                "conv forward desc");
        return d;
    }

    private dnnl_convolution_desc_t backwardDataDesc(int alg) {
        dnnl_convolution_desc_t d = new dnnl_convolution_desc_t();
        Dnnl.check(
                dnnl_convolution_backward_data_desc_init(d, alg, srcA, wA, dstA, s, zero, zero),
                "conv backward data desc");
        return d;
    }

    private dnnl_convolution_desc_t backwardWeightsDesc(int alg) {
        dnnl_convolution_desc_t d = new dnnl_convolution_desc_t();
        Dnnl.check(
                dnnl_convolution_backward_weights_desc_init(
                        d, alg, srcA, wA, bU, dstA, s, zero, zero),
                "conv backward weights desc");
        return d;
    }

    /** The output's gradient in layout {@code wanted}, from the next layer's or the user's. */
    private dnnl_memory gradOut(dnnl_memory user, dnnl_memory_desc_t wanted) {
        return gradSource != null
                ? into(backward, gradSource.memory(), gradSource.desc(), wanted)
                : into(backward, user, dstU, wanted);
    }

    /** The user memory itself where the primitive takes its layout, else a reorder into one. */
    private dnnl_memory into(
            List<Dnnl.Step> steps,
            dnnl_memory user,
            dnnl_memory_desc_t userMd,
            dnnl_memory_desc_t wanted) {
        if (Dnnl.same(userMd, wanted)) {
            return user;
        }
        // The input reordered for the forward pass is still valid in the backward one, and the
        // output gradient reordered for backward-data serves backward-weights.
        for (Object[] r : reordered) {
            if (r[0] == user && Dnnl.same((dnnl_memory_desc_t) r[1], wanted)) {
                return (dnnl_memory) r[2];
            }
        }
        dnnl_memory m = own(wanted);
        steps.add(Dnnl.reorder(user, userMd, m, wanted));
        reordered.add(new Object[] {user, wanted, m});
        return m;
    }
}
