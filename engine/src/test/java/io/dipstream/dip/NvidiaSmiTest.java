package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaSmiTest {
    private static GpuScan run(String script, Duration timeout) {
        return new NvidiaSmi(List.of("sh", "-c", script), timeout).scan();
    }

    @Test
    void parsesOneLineAGpu() {
        assertThat(NvidiaSmi.parse("NVIDIA H200, 9.0\n"))
                .containsExactly(new Gpu("NVIDIA H200", 9, 0));
        assertThat(
                        NvidiaSmi.parse(
                                "NVIDIA GeForce RTX 3090, 8.6\r\n"
                                        + "NVIDIA GeForce RTX 4090, 8.9\n"
                                        + "Tesla K80, 3.7"))
                .containsExactly(
                        new Gpu("NVIDIA GeForce RTX 3090", 8, 6),
                        new Gpu("NVIDIA GeForce RTX 4090", 8, 9),
                        new Gpu("Tesla K80", 3, 7));
    }

    @Test
    void skipsWhatIsNotAGpu() {
        assertThat(
                        NvidiaSmi.parse(
                                "Field \"compute_cap\" is not a valid field to query.\n"
                                        + "\n"
                                        + "NVIDIA A100-SXM4-80GB, [N/A]\n"
                                        + ", 8.0\n"
                                        + "garbage\n"
                                        + "NVIDIA A10, 8.6, extra\n"
                                        + "Weird, Name, 7.5\n"
                                        + "NVIDIA T4, 99999999999.5\n"))
                .containsExactly(new Gpu("Weird, Name", 7, 5));
        assertThat(NvidiaSmi.parse("")).isEmpty();
    }

    @Test
    void aMissingToolIsNoDriver() {
        GpuScan s = new NvidiaSmi(List.of("/nonexistent/nvidia-smi"), Duration.ofSeconds(5)).scan();
        assertThat(s.problem()).isEqualTo("no NVIDIA driver (/nonexistent/nvidia-smi not found)");
        assertThat(s.gpus()).isEmpty();
    }

    @Test
    void listsWhatTheToolPrints() {
        GpuScan s = run("printf 'NVIDIA H200, 9.0\\nNVIDIA H200, 9.0\\n'", Duration.ofSeconds(5));
        assertThat(s.problem()).isNull();
        assertThat(s.gpus()).hasSize(2).allMatch(g -> g.computeCapability().equals("9.0"));
    }

    @Test
    void aFailingToolIsQuoted() {
        GpuScan s =
                run(
                        "echo 'NVIDIA-SMI has failed because it could not communicate with the"
                                + " NVIDIA driver.'; exit 9",
                        Duration.ofSeconds(5));
        assertThat(s.problem())
                .isEqualTo(
                        "sh failed (exit 9): NVIDIA-SMI has failed because it could not"
                                + " communicate with the NVIDIA driver.");
    }

    @Test
    void aSilentToolIsGivenUpOnAfterTheTimeout() {
        long t0 = System.nanoTime();
        GpuScan s = run("sleep 30", Duration.ofMillis(300));
        assertThat(s.problem()).isEqualTo("sh did not answer within 300 ms");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
    }
}
