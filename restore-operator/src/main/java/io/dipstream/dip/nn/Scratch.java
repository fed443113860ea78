package io.dipstream.dip.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Temporary memory shared by all layers of one network. Layers run one at a time and use it only
 * within a single forward or backward call, so one buffer of the largest size serves them all.
 */
final class Scratch {
    private final DataType dataType;
    private final long[] sizes = new long[2];

    Scratch(DataType dataType) {
        this.dataType = dataType;
    }

    private final INDArray[] buffers = new INDArray[2];

    /** Declares that slot {@code slot} (0 or 1) needs at least {@code length} floats. */
    void require(int slot, long length) {
        if (buffers[slot] != null) {
            throw new IllegalStateException("scratch already allocated");
        }
        sizes[slot] = Math.max(sizes[slot], length);
    }

    /** A [rows, cols] view of slot {@code slot}; valid after every {@link #require} call. */
    INDArray view(int slot, long rows, long cols) {
        if (buffers[slot] == null) {
            buffers[slot] = Nd4j.create(dataType, Math.max(1, sizes[slot]));
        }
        if (rows * cols > sizes[slot]) {
            throw new IllegalStateException("scratch slot " + slot + " is too small");
        }
        return buffers[slot]
                .get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, rows * cols))
                .reshape('c', rows, cols);
    }
}
