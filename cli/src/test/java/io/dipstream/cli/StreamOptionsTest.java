package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.restore.TemporalBlend;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The header fields the restore options set, checked without running anything. */
class StreamOptionsTest {
    static StreamHeader settings(String... args) {
        return CommandLine.populateCommand(new StreamOptions(), args).settings();
    }

    @Test
    void temporalBlendIsOnByDefaultExceptForArchival() {
        assertThat(settings().getTemporalBlend()).isEqualTo((float) TemporalBlend.DEFAULT_STRENGTH);
        assertThat(settings("--preset", "balanced").getTemporalBlend())
                .isEqualTo((float) TemporalBlend.DEFAULT_STRENGTH);
        assertThat(settings("--preset", "archival").getTemporalBlend()).isZero();
        assertThat(settings("--preset", "archival", "--temporal-blend", "0.3").getTemporalBlend())
                .isEqualTo(0.3f);
        assertThat(settings("--temporal-blend", "0").getTemporalBlend()).isZero();
    }

    @Test
    void inpaintingKeepsTheKnownPixelsUnlessToldOtherwise() {
        assertThat(settings("--task", "inpaint", "--drop-fraction", "0.5").getKeepKnown()).isTrue();
        assertThat(
                        settings("--task", "inpaint", "--drop-fraction", "0.5", "--no-keep-known")
                                .getKeepKnown())
                .isFalse();
        assertThat(settings("--preset", "archival").getKeepKnown()).isFalse();
        assertThat(settings("--preset", "archival", "--keep-known").getKeepKnown()).isTrue();
        assertThat(settings().getKeepKnown()).isFalse();
        assertThatThrownBy(() -> settings("--keep-known"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("--keep-known");
    }

    @Test
    void aTemporalBlendOutsideItsRangeIsNamed() {
        for (String bad : new String[] {"1", "-0.1", "NaN"}) {
            assertThatThrownBy(() -> settings("--temporal-blend", bad))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("--temporal-blend");
        }
    }
}
