package io.dipstream.dip.nn;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ×2 upsampling of a [1,C,h,w] array, nearest or bilinear with PyTorch's {@code
 * align_corners=False} (the reference's {@code nn.Upsample(scale_factor=2)}), and its adjoint.
 *
 * <p>For scale 2 bilinear is a fixed stencil: output row 2i blends rows i-1 and i with weights ¼
 * and ¾, row 2i+1 rows i and i+1, clamped at the borders; columns alike. libnd4j has no bilinear
 * gradient op, so both directions are plain loops over the arrays' memory (float or double), one
 * channel per task.
 */
final class Upsample2x extends Layer {
    /** How the reference upsamples. */
    enum Mode {
        NEAREST,
        BILINEAR
    }

    private final Mode mode;
    private final int c;
    private final int h;
    private final int w;
    private final Vec in;
    private final INDArray out;
    private final Vec outF;
    private final INDArray gradIn;
    private final Vec gradInF;

    /**
     * @param out [1,C,2h,2w] buffer, typically a channel slice of a concatenation buffer
     */
    Upsample2x(INDArray input, Mode mode, INDArray out) {
        this.mode = mode;
        this.c = (int) input.size(1);
        this.h = (int) input.size(2);
        this.w = (int) input.size(3);
        if (out.size(1) != c || out.size(2) != 2L * h || out.size(3) != 2L * w) {
            throw new IllegalArgumentException("upsample output must be [1," + c + ",2h,2w]");
        }
        this.in = Vec.of(input);
        this.out = out;
        this.outF = Vec.of(out);
        this.gradIn = Nd4j.create(input.dataType(), input.shape());
        this.gradInF = Vec.of(gradIn);
    }

    @Override
    public void forward() {
        IntStream.range(0, c).parallel().forEach(this::forwardChannel);
    }

    @Override
    public void backward() {
        Vec g = gradOutVec();
        IntStream.range(0, c).parallel().forEach(ch -> backwardChannel(ch, g));
    }

    private void forwardChannel(int ch) {
        int ib = ch * h * w;
        int ob = ch * 4 * h * w;
        int ow = 2 * w;
        if (mode == Mode.NEAREST) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double v = in.get(ib + i * w + j);
                    int o = ob + 2 * i * ow + 2 * j;
                    outF.put(o, v);
                    outF.put(o + 1, v);
                    outF.put(o + ow, v);
                    outF.put(o + ow + 1, v);
                }
            }
            return;
        }
        for (int oi = 0; oi < 2 * h; oi++) {
            int r0 = oi >> 1;
            int r1 = (oi & 1) == 0 ? Math.max(r0 - 1, 0) : Math.min(r0 + 1, h - 1);
            int a = ib + r0 * w;
            int b = ib + r1 * w;
            int o = ob + oi * ow;
            for (int oj = 0; oj < ow; oj++) {
                int c0 = oj >> 1;
                int c1 = (oj & 1) == 0 ? Math.max(c0 - 1, 0) : Math.min(c0 + 1, w - 1);
                double v =
                        0.5625 * in.get(a + c0)
                                + 0.1875 * (in.get(a + c1) + in.get(b + c0))
                                + 0.0625 * in.get(b + c1);
                outF.put(o + oj, v);
            }
        }
    }

    private void backwardChannel(int ch, Vec gradOut) {
        int ib = ch * h * w;
        int ob = ch * 4 * h * w;
        int ow = 2 * w;
        for (int i = 0; i < h * w; i++) {
            gradInF.put(ib + i, 0);
        }
        if (mode == Mode.NEAREST) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int o = ob + 2 * i * ow + 2 * j;
                    double g =
                            gradOut.get(o)
                                    + gradOut.get(o + 1)
                                    + gradOut.get(o + ow)
                                    + gradOut.get(o + ow + 1);
                    gradInF.put(ib + i * w + j, g);
                }
            }
            return;
        }
        for (int oi = 0; oi < 2 * h; oi++) {
            int r0 = oi >> 1;
            int r1 = (oi & 1) == 0 ? Math.max(r0 - 1, 0) : Math.min(r0 + 1, h - 1);
            int a = ib + r0 * w;
            int b = ib + r1 * w;
            int o = ob + oi * ow;
            for (int oj = 0; oj < ow; oj++) {
                int c0 = oj >> 1;
                int c1 = (oj & 1) == 0 ? Math.max(c0 - 1, 0) : Math.min(c0 + 1, w - 1);
                double g = gradOut.get(o + oj);
                add(a + c0, 0.5625 * g);
                add(a + c1, 0.1875 * g);
                add(b + c0, 0.1875 * g);
                add(b + c1, 0.0625 * g);
            }
        }
    }

    private void add(int i, double v) {
        gradInF.put(i, gradInF.get(i) + v);
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
