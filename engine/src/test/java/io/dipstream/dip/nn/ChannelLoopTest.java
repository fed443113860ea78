package io.dipstream.dip.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.dip.NativeRuntime;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ChannelLoopTest {
    /**
     * Runs the loop in a fresh thread limited to {@code threads}; the threads that ran a channel.
     */
    private static Set<Thread> run(int threads, AtomicIntegerArray counts) throws Exception {
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        Thread[] caller = new Thread[1];
        Thread t =
                new Thread(
                        () -> {
                            NativeRuntime.limitThreads(threads);
                            caller[0] = Thread.currentThread();
                            ChannelLoop.forEach(
                                    counts.length(),
                                    ChannelLoop.SERIAL_BELOW,
                                    ch -> {
                                        ran.add(Thread.currentThread());
                                        counts.incrementAndGet(ch);
                                        // Long enough that a second thread would join in.
                                        long end = System.nanoTime() + 2_000_000;
                                        while (System.nanoTime() < end) {
                                            Thread.onSpinWait();
                                        }
                                    });
                        });
        t.start();
        t.join();
        if (threads == 1) {
            assertThat(ran).containsExactly(caller[0]);
        }
        return ran;
    }

    @Test
    void aOneThreadWorkerRunsEveryChannelOnItsOwnThread() throws Exception {
        AtomicIntegerArray counts = new AtomicIntegerArray(32);
        run(1, counts);
        for (int i = 0; i < counts.length(); i++) {
            assertThat(counts.get(i)).isEqualTo(1);
        }
    }

    @Test
    void aLargerBudgetRunsEveryChannelOnceOnAtMostThatManyThreads() throws Exception {
        AtomicIntegerArray counts = new AtomicIntegerArray(32);
        Set<Thread> ran = run(3, counts);
        for (int i = 0; i < counts.length(); i++) {
            assertThat(counts.get(i)).isEqualTo(1);
        }
        assertThat(ran.size()).isBetween(1, 3);
    }

    @Test
    void channelsHoldingFewElementsRunOnTheCallingThread() throws Exception {
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        Thread[] caller = new Thread[1];
        Thread t =
                new Thread(
                        () -> {
                            NativeRuntime.limitThreads(3);
                            caller[0] = Thread.currentThread();
                            ChannelLoop.forEach(
                                    16,
                                    ChannelLoop.SERIAL_BELOW - 1,
                                    ch -> ran.add(Thread.currentThread()));
                        });
        t.start();
        t.join();
        assertThat(ran).containsExactly(caller[0]);
    }
}
