package io.dipstream.dip.nn;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.List;
import org.bytedeco.dnnl.dnnl_batch_normalization_desc_t;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link NormKernel} for float32 on oneDNN: its batch normalization primitive (training, separate
 * scale and shift) and, with the activation, its ReLU eltwise with slope {@link BatchNormAct#SLOPE}
 * in place on the output, whose backward takes the derivative from the output; every primitive made
 * once, on the user's NCHW arrays (batch norm has no preferred layout to reorder into).
 */
final class DnnlNorm extends DnnlSteps implements NormKernel {
    private static final int FLAGS = dnnl_use_scale | dnnl_use_shift;

    private final dnnl_memory_desc_t data;
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
    private final ParamStore.Slot gamma;
    private final ParamStore.Slot beta;

    DnnlNorm(
            INDArray input,
            INDArray out,
            INDArray gradIn,
            ParamStore.Slot gamma,
            ParamStore.Slot beta,
            boolean act) {
        keep.addAll(List.of(input, out, gradIn));
        this.gradIn = gradIn;
        this.gamma = gamma;
        this.beta = beta;
        data = Dnnl.desc(dnnl_nchw, input.shape());
        perChannel = Dnnl.desc(dnnl_x, input.size(1));
        dnnl_batch_normalization_desc_t nd = new dnnl_batch_normalization_desc_t();
        Dnnl.check(
                dnnl_batch_normalization_forward_desc_init(
                        nd, dnnl_forward_training, data, (float) BatchNormAct.EPS, FLAGS),
                "batch norm forward desc");
        normPd = Dnnl.primitiveDesc(nd, null);
        src = Dnnl.over(data, input);
        dst = Dnnl.over(data, out);
        mean = own(perChannel);
        variance = own(perChannel);
        scale = Dnnl.over(perChannel, gamma.value());
        shift = Dnnl.over(perChannel, beta.value());
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
                            data,
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
    }

    @Override
    public void bindBackward(INDArray gradOut) {
        keep.add(gradOut);
        dnnl_memory gOut = Dnnl.over(data, gradOut);
        dnnl_memory dz = gOut;
        if (actPd != null) {
            // Not in place: the output's gradient is another layer's buffer.
            dz = own(data);
            dnnl_eltwise_desc_t ed = new dnnl_eltwise_desc_t();
            Dnnl.check(
                    dnnl_eltwise_backward_desc_init(
                            ed,
                            dnnl_eltwise_relu_use_dst_for_bwd,
                            data,
                            data,
                            (float) BatchNormAct.SLOPE,
                            0f),
                    "leaky relu backward desc");
            backward.add(
                    new Dnnl.Step(
                            Dnnl.primitive(Dnnl.primitiveDesc(ed, actPd)),
                            new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_DST, DNNL_ARG_DIFF_SRC},
                            new dnnl_memory[] {gOut, dst, dz}));
        }
        dnnl_batch_normalization_desc_t nd = new dnnl_batch_normalization_desc_t();
        Dnnl.check(
                dnnl_batch_normalization_backward_desc_init(
                        nd, dnnl_backward, data, data, (float) BatchNormAct.EPS, FLAGS),
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
                            Dnnl.over(data, gradIn),
                            Dnnl.over(perChannel, gamma.grad()),
                            Dnnl.over(perChannel, beta.grad())
                        }));
        backwardBound();
    }
}
