package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeRuntimeTest {
    @Test
    void picksTheOneDnnBuildTheCpuCanRun() {
        assertThat(NativeRuntime.extensionFor("flags : fpu sse avx avx2 fma"))
                .isEqualTo("-onednn-avx2");
        assertThat(NativeRuntime.extensionFor("flags : avx2 avx512f avx512bw avx512vl"))
                .isEqualTo("-onednn-avx512");
        assertThat(NativeRuntime.extensionFor("flags : avx2 avx512f")).isEqualTo("-onednn-avx2");
    }

    @Test
    void configuredExtensionIsAOneDnnBuild() {
        assertThat(NativeRuntime.configure()).startsWith("-onednn");
    }

    @Test
    void aThreadLimitHoldsForTheThreadThatSetsIt() throws Exception {
        int[] seen = new int[2];
        Thread limited =
                new Thread(
                        () -> {
                            NativeRuntime.limitThreads(1);
                            seen[0] = NativeRuntime.threads();
                        });
        limited.start();
        limited.join();
        Thread other = new Thread(() -> seen[1] = NativeRuntime.threads());
        other.start();
        other.join();
        assertThat(seen[0]).isEqualTo(1);
        // Another worker keeps its own count (the machine's, where it has more than one core).
        assertThat(seen[1]).isEqualTo(Math.max(1, NativeRuntime.threads()));
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(seen[1]).isGreaterThan(1);
        }
    }
}
