package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A long run at constant native memory: the loop allocates nothing per iteration. */
class NativeMemoryTest {
    static {
        NativeRuntime.configure();
    }

    static long rssKib() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void thousandIterationsDoNotGrowTheProcess() throws Exception {
        Image noisy = TestImages.noisy(TestImages.smooth(64, 64), 0.1, 3);
        DipEngine engine = new DipEngine();
        DipSettings s = DipEngineTest.tiny(300, 0.99);
        // The first iterations grow the process (JIT code, heap, malloc arenas); after them it
        // stays within ~20 MiB of noise (measured over 4000 iterations).
        engine.run(Problem.denoise(noisy), s, 1, true, true, IterationListener.NONE);
        System.gc();
        long before = rssKib();
        long peak = before;
        for (int chunk = 0; chunk < 4; chunk++) {
            engine.run(
                    Problem.denoise(noisy),
                    s.withIterations(250),
                    1,
                    false,
                    false,
                    IterationListener.NONE);
            System.gc();
            peak = Math.max(peak, rssKib());
        }
        // The smallest activation of this net is 128 KiB: leaking even one buffer per
        // iteration would add 128 MiB over these 1000 iterations.
        assertThat(peak - before).as("RSS growth in KiB").isLessThan(48 * 1024);
    }
}
