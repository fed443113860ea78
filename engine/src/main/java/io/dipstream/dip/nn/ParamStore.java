package io.dipstream.dip.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All trainable parameters of one network in one flat array, with their gradients in a second flat
 * array of the same layout.
 *
 * <p>Layers reserve shaped views while the network is built ({@link #reserve}); {@link #seal()}
 * then allocates the two flat arrays once and binds every view. One flat layout makes Adam a single
 * op over the whole network and makes exporting weights (for warm start) a plain copy.
 */
public final class ParamStore {
    /** A parameter slot: its offset in the flat array and its shape. */
    public static final class Slot {
        private final long offset;
        private final long[] shape;
        private final String name;
        private INDArray value;
        private INDArray grad;

        private Slot(String name, long offset, long[] shape) {
            this.name = name;
            this.offset = offset;
            this.shape = shape;
        }

        /** The parameter's values, a view of the flat parameter array. */
        public INDArray value() {
            requireSealed();
            return value;
        }

        /** The parameter's gradient, a view of the flat gradient array. */
        public INDArray grad() {
            requireSealed();
            return grad;
        }

        public String name() {
            return name;
        }

        public long length() {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            return n;
        }

        private void requireSealed() {
            if (value == null) {
                throw new IllegalStateException("parameter " + name + " used before seal()");
            }
        }
    }

    private final DataType dataType;
    private final List<Slot> slots = new ArrayList<>();
    private long size;
    private INDArray params;
    private INDArray grads;

    /** A store of {@code dataType} parameters (float for work, double for gradient checks). */
    public ParamStore(DataType dataType) {
        this.dataType = dataType;
    }

    /** Reserves a parameter of the given shape; its arrays exist after {@link #seal()}. */
    public Slot reserve(String name, long... shape) {
        if (params != null) {
            throw new IllegalStateException("cannot reserve " + name + " after seal()");
        }
        Slot slot = new Slot(name, size, shape.clone());
        size += slot.length();
        slots.add(slot);
        return slot;
    }

    /** Allocates the flat arrays and binds every reserved slot to its views. */
    public void seal() {
        if (params != null) {
            return;
        }
        params = Nd4j.create(dataType, size);
        grads = Nd4j.create(dataType, size);
        for (Slot s : slots) {
            s.value = view(params, s);
            s.grad = view(grads, s);
        }
    }

    private static INDArray view(INDArray flat, Slot s) {
        return flat.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(
                                s.offset, s.offset + s.length()))
                .reshape('c', s.shape);
    }

    /** Number of trainable scalars. */
    public long size() {
        return size;
    }

    /** The flat parameter array (length {@link #size()}). */
    public INDArray params() {
        if (params == null) {
            throw new IllegalStateException("seal() first");
        }
        return params;
    }

    /** The flat gradient array, same layout as {@link #params()}. */
    public INDArray grads() {
        if (grads == null) {
            throw new IllegalStateException("seal() first");
        }
        return grads;
    }

    public List<Slot> slots() {
        return List.copyOf(slots);
    }
}
