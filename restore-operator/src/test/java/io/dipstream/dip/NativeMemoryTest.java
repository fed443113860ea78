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
        DipSettings s = DipEngineTest.tiny(100, 0.99);
        engine.run(Problem.denoise(noisy), s, 1, true, true, IterationListener.NONE);
        System.gc();
        long before = rssKib();
        engine.run(
                Problem.denoise(noisy),
                s.withIterations(1000),
                1,
                false,
                false,
                IterationListener.NONE);
        System.gc();
        long after = rssKib();
        // One copy of every activation of this net is ~2 MB; a leak of even one small buffer per
        // iteration would add far more than the allowance over 1000 iterations.
        assertThat(after - before).as("RSS growth in KiB").isLessThan(32 * 1024);
    }
}
