package io.dipstream.job;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RestoreJobTest {
    @Test
    void anUnknownEngineIsRefusedAtSubmissionNamingTheOption() {
        // Before the job looks for its broker or a cluster: the value is checked first.
        assertThatThrownBy(() -> RestoreJob.main(new String[] {"--engine", "tpu"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown --engine 'tpu': use auto, cpu or cuda");
    }
}
