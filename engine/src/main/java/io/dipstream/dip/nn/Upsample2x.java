package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ×2 upsampling of a [1,C,h,w] array, nearest or bilinear with PyTorch's {@code
 * align_corners=False} (the reference's {@code nn.Upsample(scale_factor=2)}), and its adjoint.
 *
 * <p>For scale 2 bilinear is a fixed stencil: output row 2i blends rows i-1 and i with weights ¼
 * and ¾, row 2i+1 rows i and i+1, clamped at the borders; columns alike. libnd4j has no bilinear
 * gradient op. The forward pass of float32 on the CPU runs on oneDNN's resampling primitive ({@link
 * DnnlResample}, JIT-compiled); everything else (the backward pass, whose oneDNN 2.5 kernel is a
 * plain loop slower than these, and double for the gradient checks) runs as loops over each channel
 * copied into arrays, one channel per task.
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
    private final DnnlResample dnnl;

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
        this.dnnl = Dnnl.serves(input) ? new DnnlResample(input, out, mode) : null;
    }

    @Override
    public void forward() {
        if (dnnl != null) {
            dnnl.forward();
            return;
        }
        ChannelLoop.forEach(c, 4L * c * h * w, this::forwardChannel);
    }

    @Override
    public void backward() {
        Vec g = gradOutVec();
        ChannelLoop.forEach(c, 4L * c * h * w, ch -> backwardChannel(ch, g));
    }

    private void forwardChannel(int ch) {
        int hw = h * w;
        int ow = 2 * w;
        double[] src = Scratch.doubles(0, hw);
        double[] dst = Scratch.doubles(1, 4 * hw);
        in.read(ch * hw, src, hw);
        if (mode == Mode.NEAREST) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double v = src[i * w + j];
                    int o = 2 * i * ow + 2 * j;
                    dst[o] = v;
                    dst[o + 1] = v;
                    dst[o + ow] = v;
                    dst[o + ow + 1] = v;
                }
            }
        } else {
            for (int oi = 0; oi < 2 * h; oi++) {
                int r0 = oi >> 1;
                int r1 = (oi & 1) == 0 ? Math.max(r0 - 1, 0) : Math.min(r0 + 1, h - 1);
                int a = r0 * w;
                int b = r1 * w;
                int o = oi * ow;
                for (int oj = 0; oj < ow; oj++) {
                    int c0 = oj >> 1;
                    int c1 = (oj & 1) == 0 ? Math.max(c0 - 1, 0) : Math.min(c0 + 1, w - 1);
                    dst[o + oj] =
                            0.5625 * src[a + c0]
                                    + 0.1875 * (src[a + c1] + src[b + c0])
                                    + 0.0625 * src[b + c1];
                }
            }
        }
        outF.write(ch * 4 * hw, dst, 4 * hw);
    }

    private void backwardChannel(int ch, Vec gradOut) {
        int hw = h * w;
        int ow = 2 * w;
        double[] g = Scratch.doubles(0, 4 * hw);
        double[] acc = Scratch.doubles(1, hw);
        gradOut.read(ch * 4 * hw, g, 4 * hw);
        if (mode == Mode.NEAREST) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    int o = 2 * i * ow + 2 * j;
                    acc[i * w + j] = g[o] + g[o + 1] + g[o + ow] + g[o + ow + 1];
                }
            }
        } else {
            // The adjoint in gather form, rows then columns: input i receives ¾ of outputs 2i and
            // 2i+1 and ¼ of 2i-1 and 2i+2, where the clamped borders repeat the first and last.
            double[] rows = Scratch.doubles(2, h * ow);
            for (int i = 0; i < h; i++) {
                int up = Math.max(2 * i - 1, 0) * ow;
                int down = Math.min(2 * i + 2, 2 * h - 1) * ow;
                int a = 2 * i * ow;
                int o = i * ow;
                for (int j = 0; j < ow; j++) {
                    rows[o + j] =
                            0.75 * (g[a + j] + g[a + ow + j]) + 0.25 * (g[up + j] + g[down + j]);
                }
            }
            for (int i = 0; i < h; i++) {
                int r = i * ow;
                int o = i * w;
                for (int j = 0; j < w; j++) {
                    int left = Math.max(2 * j - 1, 0);
                    int right = Math.min(2 * j + 2, ow - 1);
                    acc[o + j] =
                            0.75 * (rows[r + 2 * j] + rows[r + 2 * j + 1])
                                    + 0.25 * (rows[r + left] + rows[r + right]);
                }
            }
        }
        gradInF.write(ch * hw, acc, hw);
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
