package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.RestoreSettings;
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

    @Test
    void denoisingUsesTheMultiFrameTargetAndTheDiscrepancyByDefault() {
        StreamHeader h = settings();
        assertThat(h.getTemporalRadius()).isEqualTo(StreamOptions.DEFAULT_TEMPORAL_RADIUS);
        assertThat(h.getDiscrepancy()).isEqualTo((float) StreamOptions.DEFAULT_DISCREPANCY);
        assertThat(h.getFrameSeconds()).isZero();
        assertThat(h.getResidualDetail()).isTrue();
        assertThat(settings("--no-residual-detail").getResidualDetail()).isFalse();
        assertThat(settings("--temporal-radius", "0").getTemporalRadius()).isZero();
        assertThat(settings("--frame-seconds", "30").getFrameSeconds()).isEqualTo(30f);
        // Other tasks have no multi-frame target.
        assertThat(settings("--task", "sr").getTemporalRadius()).isZero();
        assertThat(settings("--task", "sr").getResidualDetail()).isFalse();
    }

    @Test
    void thePreRollIsOnByDefaultForEveryTaskThatWarmStarts() {
        assertThat(settings().getPreRoll()).isEqualTo(StreamOptions.DEFAULT_PRE_ROLL);
        assertThat(settings("--task", "sr").getPreRoll()).isEqualTo(StreamOptions.DEFAULT_PRE_ROLL);
        assertThat(settings("--pre-roll", "0").getPreRoll()).isZero();
        assertThat(settings("--cold-every-frame").getPreRoll()).isZero();
        assertThat(settings("--task", "passthrough").getPreRoll()).isZero();
    }

    @Test
    void budgetOptionsOutsideTheirRangeAreNamed() {
        String[][] bad = {
            {"--temporal-radius", "-1"},
            {"--temporal-radius", "" + (RestoreSettings.MAX_TEMPORAL_RADIUS + 1)},
            {"--task", "sr", "--temporal-radius", "2"},
            {"--frame-seconds", "-1"},
            {"--frame-seconds", "Infinity"},
            {"--discrepancy", "-0.5"},
            {"--discrepancy", "NaN"},
            {"--pre-roll", "-1"},
            {"--pre-roll", "" + (RestoreSettings.MAX_PRE_ROLL + 1)},
            {"--cold-every-frame", "--pre-roll", "3"}
        };
        for (String[] args : bad) {
            String option = args[args.length - 2];
            assertThatThrownBy(() -> settings(args))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(option);
        }
    }

    @Test
    void fastDenoisingOnAMultiFrameTargetHasShortWarmFramesAndOtherwiseThePresetsSchedule() {
        StreamHeader fast = settings("--preset", "fast");
        assertThat(fast.getFirstFrameIterations()).isEqualTo(200);
        assertThat(fast.getLaterFrameIterations()).isEqualTo(12);
        StreamHeader alone = settings("--preset", "fast", "--temporal-radius", "0");
        assertThat(alone.getLaterFrameIterations()).isEqualTo(40);
        assertThat(settings("--preset", "fast", "--task", "sr").getLaterFrameIterations())
                .isEqualTo(26);
        assertThat(settings("--preset", "balanced").getLaterFrameIterations()).isEqualTo(200);
        assertThat(
                        settings("--preset", "fast", "--frame-iterations", "30")
                                .getLaterFrameIterations())
                .isEqualTo(30);
        assertThat(
                        settings("--preset", "fast", "--first-iterations", "50")
                                .getLaterFrameIterations())
                .isEqualTo(10);
    }
}
