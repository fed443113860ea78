package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The output head's sigmoid; its gradient is taken from the output, y·(1−y). Float32 on the CPU
 * runs on oneDNN ({@link DnnlSigmoid}: a Java loop of {@code Math.exp} took ~1.3 ms per direction
 * at 128², 7× that at 384×288), anything else on the loops here.
 */
final class Sigmoid extends Layer {
    private final Vec in;
    private final INDArray out;
    private final Vec outF;
    private final INDArray gradIn;
    private final Vec gradInF;
    private final int n;
    private final DnnlSigmoid dnnl;
    private boolean backwardBound;

    Sigmoid(INDArray input) {
        this.in = Vec.of(input);
        this.out = Nd4j.create(input.dataType(), input.shape());
        this.outF = Vec.of(out);
        this.gradIn = Nd4j.create(input.dataType(), input.shape());
        this.gradInF = Vec.of(gradIn);
        this.n = (int) input.length();
        this.dnnl = Dnnl.serves(input) ? new DnnlSigmoid(input, out, gradIn) : null;
    }

    @Override
    public void forward() {
        if (dnnl != null) {
            dnnl.forward();
            return;
        }
        for (int i = 0; i < n; i++) {
            outF.put(i, 1.0 / (1.0 + Math.exp(-in.get(i))));
        }
    }

    @Override
    public void backward() {
        if (dnnl != null) {
            if (!backwardBound) {
                dnnl.bindBackward(gradOut());
                backwardBound = true;
            }
            dnnl.backward();
            return;
        }
        Vec g = gradOutVec();
        for (int i = 0; i < n; i++) {
            double y = outF.get(i);
            gradInF.put(i, g.get(i) * y * (1 - y));
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
