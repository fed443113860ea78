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
}
