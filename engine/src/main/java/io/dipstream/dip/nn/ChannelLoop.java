package io.dipstream.dip.nn;

import io.dipstream.dip.NativeRuntime;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs the Java kernels' per-channel loops on as many threads as the calling thread's native ops
 * may use ({@link NativeRuntime#limitThreads}), so a worker given one thread stays on one core.
 *
 * <p>Java's common pool would ignore that budget: with two one-thread workers on two cores, each
 * worker's batch norm ran on both cores, the workers competed for the pool, and a single "one
 * thread" worker was really using two. Each calling thread gets its own pool of its budget's size.
 */
final class ChannelLoop {
    /**
     * Below this many elements in all, the channels run on the calling thread: handing them to a
     * pool and waking its threads costs more than the loop (~0.1–0.3 ms on a 2-core VM, against a
     * few microseconds for a 16×8×8 plane).
     */
    static final long SERIAL_BELOW = 1 << 15;

    private static final ThreadLocal<ForkJoinPool> POOLS = new ThreadLocal<>();

    private ChannelLoop() {}

    /**
     * {@code body} for channels 0..n-1, each once, on the calling thread's budget of threads, or on
     * the calling thread alone where the channels hold fewer than {@link #SERIAL_BELOW} {@code
     * elements} in all.
     */
    static void forEach(int n, long elements, IntConsumer body) {
        int threads = elements < SERIAL_BELOW ? 1 : Math.min(n, NativeRuntime.threads());
        if (threads <= 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        ForkJoinPool pool = POOLS.get();
        if (pool == null || pool.getParallelism() != threads) {
            if (pool != null) {
                pool.shutdown();
            }
            pool = new ForkJoinPool(threads);
            POOLS.set(pool);
        }
        // A parallel stream started inside a pool splits its work over that pool's threads.
        pool.submit(() -> IntStream.range(0, n).parallel().forEach(body)).join();
    }
}
