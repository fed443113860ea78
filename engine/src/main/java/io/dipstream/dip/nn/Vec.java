package io.dipstream.dip.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element and bulk access to the native memory of a contiguous ND4J array, for the few kernels that
 * libnd4j lacks or does slowly (bilinear upsampling's gradient, the fused batch norm). Float for
 * speed, double for gradient checks; each call site sees one implementation in practice, so the JIT
 * inlines it. A Vec holds its array, so the native memory cannot be freed while the Vec is in use.
 */
public abstract class Vec {
    /** Keeps the array, and so its native memory, alive as long as this view of it. */
    private INDArray owner;

    public abstract double get(int i);

    public abstract void put(int i, double v);

    /** Copies elements {@code from .. from+n-1} into {@code dst[0..n-1]}. */
    public abstract void read(int from, double[] dst, int n);

    /** Copies {@code src[0..n-1]} into elements {@code from .. from+n-1}. */
    public abstract void write(int from, double[] src, int n);

    /** Wraps {@code a}, which must be contiguous in c order; index 0 is its first element. */
    public static Vec of(INDArray a) {
        if (a.ordering() != 'c' || a.elementWiseStride() != 1) {
            throw new IllegalArgumentException("contiguous c-order array expected");
        }
        long from = a.offset();
        long to = from + a.length();
        Vec v;
        if (a.dataType() == DataType.FLOAT) {
            FloatPointer p = new FloatPointer(a.data().pointer());
            v = new F(p.position(from).limit(to).asBuffer());
        } else if (a.dataType() == DataType.DOUBLE) {
            DoublePointer p = new DoublePointer(a.data().pointer());
            v = new D(p.position(from).limit(to).asBuffer());
        } else {
            throw new IllegalArgumentException("float32 or float64 array expected");
        }
        v.owner = a;
        return v;
    }

    private static final class F extends Vec {
        private final FloatBuffer b;

        F(FloatBuffer b) {
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void put(int i, double v) {
            b.put(i, (float) v);
        }

        @Override
        public void read(int from, double[] dst, int n) {
            // One bulk copy out of native memory, then a loop the JIT vectorises: element-wise
            // buffer access costs a bounds and scope check per element.
            float[] t = Scratch.floats(n);
            b.get(from, t, 0, n);
            for (int i = 0; i < n; i++) {
                dst[i] = t[i];
            }
        }

        @Override
        public void write(int from, double[] src, int n) {
            float[] t = Scratch.floats(n);
            for (int i = 0; i < n; i++) {
                t[i] = (float) src[i];
            }
            b.put(from, t, 0, n);
        }
    }

    private static final class D extends Vec {
        private final DoubleBuffer b;

        D(DoubleBuffer b) {
            this.b = b;
        }

        @Override
        public double get(int i) {
            return b.get(i);
        }

        @Override
        public void put(int i, double v) {
            b.put(i, v);
        }

        @Override
        public void read(int from, double[] dst, int n) {
            b.get(from, dst, 0, n);
        }

        @Override
        public void write(int from, double[] src, int n) {
            b.put(from, src, 0, n);
        }
    }
}
