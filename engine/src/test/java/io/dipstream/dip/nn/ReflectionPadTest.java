package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.dip.NativeRuntime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The padding equals ND4J's {@code mirror_pad} in REFLECT mode (PyTorch's ReflectionPad2d), and the
 * fold is its adjoint: ⟨pad(x), y⟩ = ⟨x, fold(y)⟩ for any x and y.
 */
class ReflectionPadTest {
    @ParameterizedTest
    @CsvSource({"1, 5, 7, FLOAT", "2, 6, 5, FLOAT", "1, 2, 2, DOUBLE", "3, 4, 9, DOUBLE"})
    void padsAsMirrorPadReflectAndFoldsAsItsAdjoint(int p, int h, int w, DataType type) {
        NativeRuntime.configure();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(type, 1, 3, h, w);
        // The input as the network has it: a channel range of a wider buffer.
        INDArray wide = Nd4j.create(type, 1, 5, h, w);
        INDArray in = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5));
        in.assign(x);
        INDArray padded = Nd4j.create(type, 1, 3, h + 2 * p, w + 2 * p);
        ReflectionPad.pad(in, padded, p).run();

        INDArray want = Nd4j.create(type, padded.shape());
        INDArray pads = Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {p, p}, {p, p}});
        Ops.of(
                        "mirror_pad",
                        new INDArray[] {x, pads},
                        new INDArray[] {want},
                        new double[0],
                        new long[] {0})
                .run();
        assertThat(padded.equalsWithEps(want, 0)).as("padded").isTrue();

        INDArray y = Nd4j.rand(type, padded.shape()).subi(0.5);
        INDArray back = Nd4j.create(type, x.shape());
        ReflectionPad.fold(y, back, p).run();
        double lhs = padded.mul(y).sumNumber().doubleValue();
        double rhs = x.mul(back).sumNumber().doubleValue();
        assertThat(Math.abs(lhs - rhs))
                .as("<pad x, y> = <x, fold y>")
                .isLessThan((type == DataType.FLOAT ? 1e-4 : 1e-10) * Math.abs(lhs));
    }
}
