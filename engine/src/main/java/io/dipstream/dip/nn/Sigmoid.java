package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The output head's sigmoid; its gradient is taken from the output, y·(1−y). */
final class Sigmoid extends Layer {
    private final Vec in;
    private final INDArray out;
    private final Vec outF;
    private final INDArray gradIn;
    private final Vec gradInF;
    private final int n;

    Sigmoid(INDArray input) {
        this.in = Vec.of(input);
        this.out = Nd4j.create(input.dataType(), input.shape());
        this.outF = Vec.of(out);
        this.gradIn = Nd4j.create(input.dataType(), input.shape());
        this.gradInF = Vec.of(gradIn);
        this.n = (int) input.length();
    }

    @Override
    public void forward() {
        for (int i = 0; i < n; i++) {
            outF.put(i, 1.0 / (1.0 + Math.exp(-in.get(i))));
        }
    }

    @Override
    public void backward() {
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
