package io.dipstream.dip.nn;

import static org.bytedeco.dnnl.global.dnnl.*;

import java.util.List;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_resampling_desc_t;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ×2 upsampling of a float32 [1,C,h,w] array as oneDNN's resampling primitive (forward only: its
 * backward in oneDNN 2.5 is a plain loop, twice as slow as {@link Upsample2x}'s), made once on the
 * user's NCHW arrays. oneDNN's linear resampling maps output pixel o to input coordinate (o + ½)/2
 * − ½ clamped at the borders, PyTorch's {@code align_corners=False}; its nearest one picks input
 * ⌊o/2⌋ at scale 2, as PyTorch does.
 */
final class DnnlResample extends DnnlSteps {
    private static final float[] FACTORS = {2f, 2f};

    DnnlResample(INDArray input, INDArray out, Upsample2x.Mode mode) {
        keep.addAll(List.of(input, out));
        int algorithm =
                mode == Upsample2x.Mode.BILINEAR ? dnnl_resampling_linear : dnnl_resampling_nearest;
        dnnl_memory_desc_t src = Dnnl.desc(dnnl_nchw, input.shape());
        dnnl_memory_desc_t dst = Dnnl.desc(dnnl_nchw, out.shape());
        dnnl_resampling_desc_t fd = new dnnl_resampling_desc_t();
        Dnnl.check(
                dnnl_resampling_forward_desc_init(
                        fd, dnnl_forward_training, algorithm, FACTORS, src, dst),
                "resampling forward desc");
        dnnl_primitive_desc fpd = Dnnl.primitiveDesc(fd, null);
        forward.add(
                new Dnnl.Step(
                        Dnnl.primitive(fpd),
                        new int[] {DNNL_ARG_SRC, DNNL_ARG_DST},
                        new dnnl_memory[] {Dnnl.over(src, input), Dnnl.over(dst, out)}));
    }
}
