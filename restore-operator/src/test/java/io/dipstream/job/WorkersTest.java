package io.dipstream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkersTest {
    @Test
    void workersShareTheCores() {
        assertThat(Workers.sharing(1, 2)).isEqualTo(new Workers(1, 2));
        assertThat(Workers.sharing(2, 2)).isEqualTo(new Workers(2, 1));
        assertThat(Workers.sharing(3, 16)).isEqualTo(new Workers(3, 5));
        assertThat(Workers.sharing(4, 2)).isEqualTo(new Workers(4, 1));
    }

    @Test
    void badCountsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> new Workers(0, 1)).hasMessageContaining("--parallelism");
        assertThatThrownBy(() -> new Workers(129, 1)).hasMessageContaining("--parallelism");
        assertThatThrownBy(() -> new Workers(1, -1)).hasMessageContaining("threads");
    }
}
