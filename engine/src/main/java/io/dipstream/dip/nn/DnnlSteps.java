package io.dipstream.dip.nn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_stream;

/**
 * A layer's oneDNN primitives in two bound sequences, forward and backward, on a stream of its own,
 * with every array and buffer they use kept reachable as long as they are.
 */
abstract class DnnlSteps {
    private final dnnl_stream stream = Dnnl.stream();
    final List<Dnnl.Step> forward = new ArrayList<>();
    final List<Dnnl.Step> backward = new ArrayList<>();
    final List<Object> keep = new ArrayList<>();
    private boolean bound;

    final boolean isBackwardBound() {
        return bound;
    }

    /** Marks the backward sequence complete. */
    final void backwardBound() {
        bound = true;
    }

    public final void forward() {
        for (Dnnl.Step st : forward) {
            st.run(stream);
        }
    }

    public final void backward() {
        if (!bound) {
            throw new IllegalStateException("bindBackward first");
        }
        for (Dnnl.Step st : backward) {
            st.run(stream);
        }
    }

    /** A memory of {@code md} over a buffer of its own. */
    final dnnl_memory own(dnnl_memory_desc_t md) {
        Dnnl.Owned o = Dnnl.allocate(md);
        keep.add(o);
        return o.memory();
    }
}
