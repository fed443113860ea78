package io.dipstream.dip.nn;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.const_dnnl_op_desc_t;
import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * oneDNN's C API for the engine's convolutions and batch norms: one CPU engine per process, a
 * stream per caller, memories over ND4J's buffers (no copy), reorders made once. Every call's
 * status is checked.
 */
final class Dnnl {
    private static dnnl_engine engine;

    private Dnnl() {}

    /**
     * Whether oneDNN computes on {@code a}: float32 on ND4J's CPU backend. On the CUDA backend an
     * array's host pointer is a mirror of device memory, and the work belongs on the GPU.
     */
    static boolean serves(INDArray a) {
        return a.dataType() == DataType.FLOAT
                && "CpuBackend".equals(Nd4j.getBackend().getClass().getSimpleName());
    }

    /**
     * oneDNN's channel-blocked activation layout for this CPU: 16 channels a block where it has
     * AVX-512 (one vector register of floats), 8 otherwise.
     */
    static int blockedTag() {
        // ISAs are bit sets (AVX2-VNNI's value exceeds AVX-512's without containing it).
        int avx512 = dnnl_cpu_isa_avx512_core;
        return (dnnl_get_effective_cpu_isa() & avx512) == avx512 ? dnnl_nChw16c : dnnl_nChw8c;
    }

    /** Channels per block of {@link #blockedTag}. */
    static int blockSize() {
        return blockedTag() == dnnl_nChw16c ? 16 : 8;
    }

    static synchronized dnnl_engine engine() {
        if (engine == null) {
            PointerPointer<Pointer> pp = new PointerPointer<>(1);
            check(dnnl_engine_create(pp, dnnl_cpu, 0), "engine");
            engine = new dnnl_engine(pp.get(0));
        }
        return engine;
    }

    static dnnl_stream stream() {
        PointerPointer<Pointer> pp = new PointerPointer<>(1);
        check(dnnl_stream_create(pp, engine(), dnnl_stream_default_flags), "stream");
        return new dnnl_stream(pp.get(0));
    }

    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    static dnnl_memory_desc_t desc(int tag, long... dims) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "memory desc");
        return md;
    }

    /**
     * A memory of {@code md} over {@code a}'s elements (a float32, contiguous c-order array or view
     * of one); the caller keeps {@code a} reachable as long as the memory is used.
     */
    static dnnl_memory over(dnnl_memory_desc_t md, INDArray a) {
        if (a.dataType() != DataType.FLOAT
                || (a.rank() > 1 && a.ordering() != 'c')
                || a.elementWiseStride() != 1) {
            throw new IllegalArgumentException("contiguous c-order float32 array expected");
        }
        if (dnnl_memory_desc_get_size(md) != 4 * a.length()) {
            throw new IllegalArgumentException(
                    "array of "
                            + a.length()
                            + " for a memory of "
                            + dnnl_memory_desc_get_size(md)
                            + " bytes");
        }
        // An address of its own, position 0: JavaCPP would add a position to a void* in bytes.
        FloatPointer base = new FloatPointer(a.data().pointer());
        return memory(md, base.getPointer(base.position() + a.offset()));
    }

    /** A memory of {@code md} over a buffer of its own (kept reachable by the returned holder). */
    static Owned allocate(dnnl_memory_desc_t md) {
        FloatPointer buf = new FloatPointer(Math.max(1, dnnl_memory_desc_get_size(md) / 4));
        return new Owned(memory(md, buf), buf);
    }

    private static dnnl_memory memory(dnnl_memory_desc_t md, Pointer data) {
        PointerPointer<Pointer> pp = new PointerPointer<>(1);
        check(dnnl_memory_create(pp, md, engine(), data), "memory");
        return new dnnl_memory(pp.get(0));
    }

    static dnnl_primitive primitive(dnnl_primitive_desc pd) {
        PointerPointer<Pointer> pp = new PointerPointer<>(1);
        check(dnnl_primitive_create(pp, pd), "primitive");
        return new dnnl_primitive(pp.get(0));
    }

    /** The primitive descriptor of operation descriptor {@code opDesc} (a *_desc_t). */
    static dnnl_primitive_desc primitiveDesc(Pointer opDesc, dnnl_primitive_desc hint) {
        PointerPointer<Pointer> pp = new PointerPointer<>(1);
        check(
                dnnl_primitive_desc_create(
                        pp, new const_dnnl_op_desc_t(opDesc), null, engine(), hint),
                "primitive desc");
        return new dnnl_primitive_desc(pp.get(0));
    }

    /**
     * The primitive descriptor of {@code opDesc}, or null where this oneDNN build has no
     * implementation of it on this CPU (e.g. Winograd convolutions without AVX-512).
     */
    static dnnl_primitive_desc primitiveDescIfAny(Pointer opDesc, dnnl_primitive_desc hint) {
        PointerPointer<Pointer> pp = new PointerPointer<>(1);
        int status =
                dnnl_primitive_desc_create(
                        pp, new const_dnnl_op_desc_t(opDesc), null, engine(), hint);
        if (status == dnnl_unimplemented) {
            return null;
        }
        check(status, "primitive desc");
        return new dnnl_primitive_desc(pp.get(0));
    }

    /** A copy of the memory descriptor {@code what} of {@code pd} (the query's lives in pd). */
    static dnnl_memory_desc_t query(dnnl_primitive_desc pd, int what) {
        dnnl_memory_desc_t q = dnnl_primitive_desc_query_md(pd, what, 0);
        dnnl_memory_desc_t copy = new dnnl_memory_desc_t();
        Pointer.memcpy(copy, q, copy.sizeof());
        return copy;
    }

    static boolean same(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
        return dnnl_memory_desc_equal(a, b) != 0;
    }

    /** A reorder from {@code from} to {@code to}. */
    static Step reorder(
            dnnl_memory from, dnnl_memory_desc_t fromMd, dnnl_memory to, dnnl_memory_desc_t toMd) {
        PointerPointer<Pointer> pp = new PointerPointer<>(1);
        check(
                dnnl_reorder_primitive_desc_create(pp, fromMd, engine(), toMd, engine(), null),
                "reorder");
        dnnl_primitive_desc pd = new dnnl_primitive_desc(pp.get(0));
        return new Step(
                primitive(pd),
                new int[] {DNNL_ARG_FROM, DNNL_ARG_TO},
                new dnnl_memory[] {from, to});
    }

    /** A memory with the buffer that backs it. */
    record Owned(dnnl_memory memory, FloatPointer buffer) {}

    /**
     * A layer's activation or gradient in a oneDNN layout of its own, as handed to the next layer
     * (instead of reordering it to NCHW and back).
     */
    record Blocked(dnnl_memory memory, dnnl_memory_desc_t desc) {}

    /** A primitive bound to its arguments once. */
    static final class Step {
        private final dnnl_primitive p;
        private final dnnl_exec_arg_t args;
        private final int n;
        private final Object[] keep;

        Step(dnnl_primitive p, int[] kinds, dnnl_memory[] mems, Object... keep) {
            this.p = p;
            this.n = kinds.length;
            this.args = new dnnl_exec_arg_t(n);
            for (int i = 0; i < n; i++) {
                args.position(i).arg(kinds[i]).memory(mems[i]);
            }
            args.position(0);
            this.keep = keep;
        }

        void run(dnnl_stream s) {
            check(dnnl_primitive_execute(p, s, n, args), "execute");
        }
    }
}
