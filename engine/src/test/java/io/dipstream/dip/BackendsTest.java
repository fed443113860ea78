package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.dip.BackendDecision.Backend;
import io.dipstream.frames.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {
    static final Gpu H200 = new Gpu("NVIDIA H200", 9, 0);
    static final Gpu RTX_3090 = new Gpu("NVIDIA GeForce RTX 3090", 8, 6);
    static final Gpu RTX_4090 = new Gpu("NVIDIA GeForce RTX 4090", 8, 9);

    /** Facts as a test states them; asking for the GPUs of a build without CUDA is a mistake. */
    record Facts(boolean cudaBuild, GpuScan scan) implements BackendProbe {
        static final Facts NO_CUDA_BUILD = new Facts(false, null);

        static Facts withGpus(Gpu... gpus) {
            return new Facts(true, GpuScan.listed(List.of(gpus)));
        }

        @Override
        public GpuScan gpus() {
            assertThat(cudaBuild).as("GPUs asked for without a CUDA build").isTrue();
            return scan;
        }

        @Override
        public String cpuBuild() {
            return "-onednn-avx2";
        }
    }

    static final Facts NO_DRIVER =
            new Facts(true, GpuScan.failed("no NVIDIA driver (nvidia-smi not found)"));

    private static BackendDecision auto(BackendProbe p) {
        return Backends.decide(EngineChoice.AUTO, p);
    }

    private static String refusal(BackendProbe p) {
        try {
            Backends.decide(EngineChoice.CUDA, p);
        } catch (BadInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("--engine cuda was not refused");
    }

    @Test
    void cpuIsTheCpuWithNothingToSayWhateverTheMachine() {
        for (Facts f : List.of(Facts.NO_CUDA_BUILD, NO_DRIVER, Facts.withGpus(RTX_3090))) {
            BackendDecision d = Backends.decide(EngineChoice.CPU, f);
            assertThat(d.backend()).isEqualTo(Backend.CPU);
            assertThat(d.hasNotice()).isFalse();
        }
    }

    @Test
    void withoutTheCudaBuildAutoSaysSoAndCudaIsRefusedWithHowToGetIt() {
        assertThat(auto(Facts.NO_CUDA_BUILD))
                .isEqualTo(
                        new BackendDecision(
                                Backend.CPU,
                                "engine: CPU (oneDNN avx2): this build has no CUDA backend"));
        assertThat(refusal(Facts.NO_CUDA_BUILD))
                .isEqualTo(
                        "--engine cuda: this build has no CUDA backend: rebuild with mvn -Pcuda");
    }

    @Test
    void withoutADriverTheRefusalSaysSo() {
        assertThat(refusal(NO_DRIVER))
                .isEqualTo("--engine cuda: no NVIDIA driver (nvidia-smi not found)");
        assertThat(auto(NO_DRIVER).notice())
                .isEqualTo("engine: CPU (oneDNN avx2): no NVIDIA driver (nvidia-smi not found)");
        assertThat(refusal(Facts.withGpus())).isEqualTo("--engine cuda: nvidia-smi lists no GPU");
    }

    @Test
    void hopperIsRefusedNamingTheGpuAndItsComputeCapability() {
        String expected =
                "--engine cuda: the GPU is NVIDIA H200 (compute capability 9.0); ND4J"
                        + " 1.0.0-M2.1's CUDA build has kernels for compute capability 3.7 to 8.6"
                        + " only (K80 to Ada), none for Hopper or newer: use --engine cpu";
        assertThat(refusal(Facts.withGpus(H200))).isEqualTo(expected);
        BackendDecision d = auto(Facts.withGpus(H200));
        assertThat(d.backend()).isEqualTo(Backend.CPU);
        assertThat(d.notice())
                .startsWith("engine: CPU (oneDNN avx2): the GPU is NVIDIA H200 (compute")
                .endsWith("none for Hopper or newer");
    }

    @Test
    void ampereAndAdaRunOnCuda() {
        for (Gpu g : List.of(RTX_3090, RTX_4090)) {
            for (EngineChoice c : List.of(EngineChoice.AUTO, EngineChoice.CUDA)) {
                assertThat(Backends.decide(c, Facts.withGpus(g)))
                        .isEqualTo(new BackendDecision(Backend.CUDA, "engine: CUDA on " + g));
            }
        }
    }

    @Test
    void oneGpuWithoutKernelsAmongSeveralIsEnoughToRefuse() {
        assertThat(refusal(Facts.withGpus(RTX_3090, H200)))
                .startsWith("--engine cuda: GPU 2 of 2 is NVIDIA H200 (compute capability 9.0);");
        assertThat(refusal(Facts.withGpus(new Gpu("Tesla K40", 3, 5))))
                .contains("Tesla K40 (compute capability 3.5)")
                .contains("none for older GPUs");
        assertThat(Backends.decide(EngineChoice.CUDA, Facts.withGpus(RTX_3090, RTX_4090)).notice())
                .isEqualTo("engine: CUDA on 2 GPUs: " + RTX_3090 + ", " + RTX_4090);
    }

    @Test
    void computeCapabilitiesFromKeplerK80ToAdaHaveKernels() {
        assertThat(new Gpu("K80", 3, 7).nd4jHasKernels()).isTrue();
        assertThat(new Gpu("P100", 6, 0).nd4jHasKernels()).isTrue();
        assertThat(RTX_4090.nd4jHasKernels()).isTrue();
        assertThat(new Gpu("K40", 3, 5).nd4jHasKernels()).isFalse();
        assertThat(H200.nd4jHasKernels()).isFalse();
        assertThat(new Gpu("B200", 10, 0).nd4jHasKernels()).isFalse();
    }

    @Test
    void aProcessKeepsTheBackendItStartedWith() {
        BackendDecision onCpu = auto(Facts.NO_CUDA_BUILD);
        assertThat(Backends.again(onCpu, EngineChoice.AUTO, Facts.NO_CUDA_BUILD)).isSameAs(onCpu);
        assertThat(Backends.again(onCpu, EngineChoice.CPU, Facts.NO_CUDA_BUILD)).isSameAs(onCpu);
        // Where CUDA could not run anyway, the refusal says why, not that ND4J already started.
        assertThatThrownBy(() -> Backends.again(onCpu, EngineChoice.CUDA, Facts.NO_CUDA_BUILD))
                .hasMessage(
                        "--engine cuda: this build has no CUDA backend: rebuild with mvn -Pcuda");
        assertThatThrownBy(() -> Backends.again(onCpu, EngineChoice.CUDA, Facts.withGpus(RTX_3090)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("already runs ND4J on CPU");
        BackendDecision onCuda = auto(Facts.withGpus(RTX_3090));
        assertThat(Backends.again(onCuda, EngineChoice.AUTO, Facts.withGpus(RTX_3090)))
                .isSameAs(onCuda);
        assertThatThrownBy(() -> Backends.again(onCuda, EngineChoice.CPU, Facts.withGpus(RTX_3090)))
                .hasMessageContaining("--engine cpu: this process already runs ND4J on CUDA");
    }

    @Test
    void cpuBuildsAreNamedForPeople() {
        assertThat(Backends.cpuLabel("-onednn-avx512")).isEqualTo("oneDNN avx512");
        assertThat(Backends.cpuLabel("")).isEqualTo("plain");
        assertThat(Backends.cpuLabel("-avx2")).isEqualTo("avx2");
    }

    @Test
    void thisBuildHasNoCudaBackend() {
        // CI never builds with -Pcuda: the class the probe looks for is absent.
        assertThat(BackendProbe.system().cudaBuild()).isFalse();
    }
}
