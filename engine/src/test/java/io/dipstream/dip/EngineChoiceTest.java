package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineChoiceTest {
    @Test
    void parsesInAnyCase() {
        assertThat(EngineChoice.parse("auto")).isEqualTo(EngineChoice.AUTO);
        assertThat(EngineChoice.parse("CPU")).isEqualTo(EngineChoice.CPU);
        assertThat(EngineChoice.parse(" Cuda ")).isEqualTo(EngineChoice.CUDA);
        assertThat(EngineChoice.CUDA.cliName()).isEqualTo("cuda");
    }

    @Test
    void anythingElseNamesTheOptionAndTheValues() {
        assertThatThrownBy(() -> EngineChoice.parse("tpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown --engine 'tpu': use auto, cpu or cuda");
        assertThatThrownBy(() -> EngineChoice.parse(null)).hasMessageContaining("--engine");
    }
}
