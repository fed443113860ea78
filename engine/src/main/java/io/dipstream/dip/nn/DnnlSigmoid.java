package io.dipstream.dip.nn;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.List;
import org.bytedeco.dnnl.dnnl_eltwise_desc_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The sigmoid of a float32 array as oneDNN's logistic eltwise primitive, forward and backward (its
 * derivative taken from the output, y·(1−y)), made once over the user's arrays.
 */
final class DnnlSigmoid extends DnnlSteps {
    private final dnnl_memory_desc_t data;
    private final dnnl_primitive_desc fpd;
    private final dnnl_memory dst;
    private final INDArray gradIn;

    DnnlSigmoid(INDArray input, INDArray out, INDArray gradIn) {
        keep.addAll(List.of(input, out, gradIn));
        this.gradIn = gradIn;
        data = Dnnl.desc(dnnl_x, input.length());
        dnnl_eltwise_desc_t fd = new dnnl_eltwise_desc_t();
        Dnnl.check(
                dnnl_eltwise_forward_desc_init(
                        fd,
                        dnnl_forward_training,
                        dnnl_eltwise_logistic_use_dst_for_bwd,
                        data,
                        0f,
                        0f),
                "sigmoid forward desc");
        fpd = Dnnl.primitiveDesc(fd, null);
        dst = Dnnl.over(data, out);
        forward.add(
                new Dnnl.Step(
                        Dnnl.primitive(fpd),
                        new int[] {DNNL_ARG_SRC, DNNL_ARG_DST},
                        new dnnl_memory[] {Dnnl.over(data, input), dst}));
    }

    /** Builds the backward pass once, from {@code gradOut} (the output's gradient). */
    void bindBackward(INDArray gradOut) {
        keep.add(gradOut);
        dnnl_eltwise_desc_t bd = new dnnl_eltwise_desc_t();
        Dnnl.check(
                dnnl_eltwise_backward_desc_init(
                        bd, dnnl_eltwise_logistic_use_dst_for_bwd, data, data, 0f, 0f),
                "sigmoid backward desc");
        backward.add(
                new Dnnl.Step(
                        Dnnl.primitive(Dnnl.primitiveDesc(bd, fpd)),
                        new int[] {DNNL_ARG_DIFF_DST, DNNL_ARG_DST, DNNL_ARG_DIFF_SRC},
                        new dnnl_memory[] {
                            Dnnl.over(data, gradOut), dst, Dnnl.over(data, gradIn)
                        }));
        backwardBound();
    }
}
