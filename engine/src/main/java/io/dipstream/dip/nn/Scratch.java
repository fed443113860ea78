package io.dipstream.dip.nn;

/**
 * Per-thread working arrays for the Java kernels, grown to the largest size asked for and then
 * reused, so an iteration allocates nothing. A kernel holds an array only within one call on its
 * thread; numbered slots let it hold several at once.
 */
final class Scratch {
    static final int SLOTS = 4;

    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private final double[][] doubles = new double[SLOTS][0];
    private float[] floats = new float[0];

    private Scratch() {}

    /** This thread's double array number {@code slot} (0..SLOTS-1), at least {@code n} long. */
    static double[] doubles(int slot, int n) {
        Scratch s = LOCAL.get();
        if (s.doubles[slot].length < n) {
            s.doubles[slot] = new double[n];
        }
        return s.doubles[slot];
    }

    /** This thread's float array for copies, at least {@code n} long. */
    static float[] floats(int n) {
        Scratch s = LOCAL.get();
        if (s.floats.length < n) {
            s.floats = new float[n];
        }
        return s.floats;
    }
}
