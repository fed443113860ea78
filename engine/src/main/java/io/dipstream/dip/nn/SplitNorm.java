package io.dipstream.dip.nn;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch norm over channels [0, split) and [split, C) as two kernels: its statistics, scale and
 * shift are per channel, so the two ranges are independent and the result is the whole one's.
 */
final class SplitNorm implements NormKernel {
    private final NormKernel head;
    private final NormKernel tail;
    private final long split;
    private final long channels;

    SplitNorm(NormKernel head, NormKernel tail, long split, long channels) {
        this.head = head;
        this.tail = tail;
        this.split = split;
        this.channels = channels;
    }

    /** Channels {@code from} (inclusive) to {@code to} (exclusive) of a [1,C,H,W] array. */
    static INDArray channels(INDArray a, long from, long to) {
        return a.get(all(), interval(from, to), all(), all());
    }

    @Override
    public void forward() {
        head.forward();
        tail.forward();
    }

    @Override
    public void bindBackward(INDArray gradOut) {
        head.bindBackward(channels(gradOut, 0, split));
        tail.bindBackward(channels(gradOut, split, channels));
    }

    @Override
    public void backward() {
        head.backward();
        tail.backward();
    }
}
