package io.dipstream.dip.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;

/**
 * Builders for the few ND4J custom ops the layers pre-build once and re-execute every iteration.
 * The broadcasting {@code multiply}/{@code add}/{@code subtract} ops with a [C,1] operand are
 * 15-40x faster than ND4J's broadcast ops along a dimension (DESIGN §8).
 */
final class Ops {
    private Ops() {}

    static DynamicCustomOp binary(String name, INDArray a, INDArray b, INDArray out) {
        return DynamicCustomOp.builder(name).addInputs(a, b).addOutputs(out).build();
    }

    /** out = alpha · a · b (+ beta · out): per-row sums as a matrix-vector product. */
    static DynamicCustomOp matmul(INDArray a, INDArray b, INDArray out, double alpha) {
        return DynamicCustomOp.builder("matmul")
                .addInputs(a, b)
                .addOutputs(out)
                .addFloatingPointArguments(alpha, 0.0)
                .addIntegerArguments(0, 0, 0)
                .build();
    }

    /** A [rows, cols] view of a contiguous array; fails rather than return a copy. */
    static INDArray matrix(INDArray a, long rows, long cols) {
        INDArray m = a.reshape('c', rows, cols);
        if (m.data().address() + m.offset() * 4 != a.data().address() + a.offset() * 4) {
            throw new IllegalStateException("reshape copied a buffer that must be shared");
        }
        return m;
    }
}
