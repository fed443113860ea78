package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every layer's backward against central finite differences in double precision. */
class LayerGradientTest {
    private final SplittableRandom rng = new SplittableRandom(7);

    private void checkLayer(Layer layer, INDArray input, ParamStore store) {
        INDArray r = GradCheck.random(rng, layer.out().shape());
        layer.bindGradOut(r);
        layer.forward();
        layer.backward();
        if (layer.gradIn() != null) {
            GradCheck.check(input, layer.gradIn(), () -> fwd(layer), r, 60);
        }
        if (store != null) {
            for (ParamStore.Slot s : store.slots()) {
                GradCheck.check(s.value(), s.grad(), () -> fwd(layer), r, 30);
            }
        }
    }

    private static INDArray fwd(Layer layer) {
        layer.forward();
        return layer.out();
    }

    private ParamStore randomised(ParamStore store) {
        store.seal();
        for (ParamStore.Slot s : store.slots()) {
            s.value().assign(GradCheck.random(rng, s.value().shape()));
        }
        return store;
    }

    @ParameterizedTest
    @CsvSource({"3,1", "3,2", "1,1", "5,1", "5,2"})
    void convolutionWithReflectionPadding(int k, int stride) {
        INDArray in = GradCheck.random(rng, 1, 3, 8, 6);
        ParamStore store = new ParamStore(DataType.DOUBLE);
        Conv2d conv = new Conv2d(store, "c", in, 4, k, stride, null, true);
        checkLayer(conv, in, randomised(store));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void batchNormInTrainingMode(boolean act) {
        INDArray in = GradCheck.random(rng, 1, 3, 5, 4);
        ParamStore store = new ParamStore(DataType.DOUBLE);
        BatchNormAct bn = new BatchNormAct(store, "b", in, act, null);
        checkLayer(bn, in, randomised(store));
    }

    @ParameterizedTest
    @EnumSource(Upsample2x.Mode.class)
    void upsampling(Upsample2x.Mode mode) {
        INDArray in = GradCheck.random(rng, 1, 2, 3, 4);
        INDArray out = GradCheck.random(rng, 1, 2, 6, 8);
        checkLayer(new Upsample2x(in, mode, out), in, null);
    }

    @Test
    void sigmoid() {
        INDArray in = GradCheck.random(rng, 1, 3, 4, 4);
        checkLayer(new Sigmoid(in), in, null);
    }

    @Test
    void bilinearMatchesPyTorchAlignCornersFalse() {
        // PyTorch: F.interpolate(torch.tensor([[[[1.,2.],[3.,4.]]]]), scale_factor=2,
        // mode='bilinear', align_corners=False)[0,0,0] == [1.0, 1.25, 1.75, 2.0]
        INDArray in =
                org.nd4j.linalg.factory.Nd4j.createFromArray(new double[] {1, 2, 3, 4})
                        .reshape(1, 1, 2, 2);
        INDArray out = org.nd4j.linalg.factory.Nd4j.create(DataType.DOUBLE, 1, 1, 4, 4);
        new Upsample2x(in, Upsample2x.Mode.BILINEAR, out).forward();
        INDArray flat = out.reshape(16);
        assertThat(
                        new double[] {
                            flat.getDouble(0),
                            flat.getDouble(1),
                            flat.getDouble(2),
                            flat.getDouble(3)
                        })
                .containsExactly(1.0, 1.25, 1.75, 2.0);
        assertThat(out.getDouble(0, 0, 1, 0)).isEqualTo(1.5);
    }
}
