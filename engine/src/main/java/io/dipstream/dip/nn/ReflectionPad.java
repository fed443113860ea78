package io.dipstream.dip.nn;

import java.util.function.IntConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reflection padding of a [1,C,H,W] array by {@code p} pixels on every side (PyTorch's {@code
 * ReflectionPad2d}), or its exact adjoint, as Java loops over each channel's plane (one read and
 * one write of native memory per plane, channels on the caller's thread budget).
 *
 * <p>Copies into views with libnd4j's {@code assign} cost ~25× a plain copy here (a strided column
 * view is copied element by element, and each op wakes the OpenMP workers); ND4J's {@code
 * mirror_pad} is slower still and has no gradient op.
 */
final class ReflectionPad {
    private final boolean fold;
    private final int p;
    private final int c;
    private final int h;
    private final int w;
    private final Vec from;
    private final Vec to;
    private final IntConsumer channel;

    private ReflectionPad(boolean fold, int p, INDArray plain, INDArray padded) {
        this.fold = fold;
        this.p = p;
        this.c = Math.toIntExact(plain.size(1));
        this.h = Math.toIntExact(plain.size(2));
        this.w = Math.toIntExact(plain.size(3));
        if (p >= h || p >= w) {
            throw new IllegalArgumentException(
                    "reflection padding " + p + " needs a size above it, got " + h + "x" + w);
        }
        if (padded.size(1) != c || padded.size(2) != h + 2L * p || padded.size(3) != w + 2L * p) {
            throw new IllegalArgumentException("padded buffer has the wrong shape");
        }
        this.from = Vec.of(fold ? padded : plain);
        this.to = Vec.of(fold ? plain : padded);
        // Bound once: a method reference made in run() would be an allocation per iteration.
        this.channel = fold ? this::foldChannel : this::padChannel;
    }

    /** Fills {@code padded} [1,C,H+2p,W+2p] from {@code in} [1,C,H,W] on every {@link #run()}. */
    static ReflectionPad pad(INDArray in, INDArray padded, int p) {
        return new ReflectionPad(false, p, in, padded);
    }

    /**
     * The adjoint: on every {@link #run()}, writes into {@code gradIn} each pixel's gradient from
     * {@code gradPadded}: its own plus that of every border pixel copied from it.
     */
    static ReflectionPad fold(INDArray gradPadded, INDArray gradIn, int p) {
        return new ReflectionPad(true, p, gradIn, gradPadded);
    }

    void run() {
        ChannelLoop.forEach(c, (long) c * (h + 2 * p) * (w + 2 * p), channel);
    }

    /** Row or column {@code i} of the padded plane (0..n+2p-1) reflected into 0..n-1. */
    private int reflect(int i, int n) {
        int j = i - p;
        return j < 0 ? -j : j >= n ? 2 * (n - 1) - j : j;
    }

    private void padChannel(int ch) {
        int wp = w + 2 * p;
        int hp = h + 2 * p;
        double[] src = Scratch.doubles(0, h * w);
        double[] dst = Scratch.doubles(1, hp * wp);
        from.read(ch * h * w, src, h * w);
        for (int r = 0; r < hp; r++) {
            int s = reflect(r, h) * w;
            int d = r * wp;
            for (int j = 0; j < p; j++) {
                dst[d + j] = src[s + p - j];
                dst[d + p + w + j] = src[s + w - 2 - j];
            }
            System.arraycopy(src, s, dst, d + p, w);
        }
        to.write(ch * hp * wp, dst, hp * wp);
    }

    private void foldChannel(int ch) {
        int wp = w + 2 * p;
        int hp = h + 2 * p;
        double[] g = Scratch.doubles(0, hp * wp);
        double[] out = Scratch.doubles(1, h * w);
        from.read(ch * hp * wp, g, hp * wp);
        java.util.Arrays.fill(out, 0, h * w, 0.0);
        for (int r = 0; r < hp; r++) {
            int o = reflect(r, h) * w;
            int s = r * wp;
            for (int j = 0; j < w; j++) {
                out[o + j] += g[s + p + j];
            }
            for (int j = 0; j < p; j++) {
                out[o + p - j] += g[s + j];
                out[o + w - 2 - j] += g[s + p + w + j];
            }
        }
        to.write(ch * h * w, out, h * w);
    }
}
