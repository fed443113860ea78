package io.dipstream.frames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.proto.StreamHeader;
import io.dipstream.frames.proto.TaskKind;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class RestoreSettingsTest {
    private static StreamHeader.Builder valid(TaskKind task) {
        return StreamHeader.newBuilder()
                .setTask(task)
                .setFactor(task == TaskKind.SUPER_RESOLVE ? 4 : 1)
                .setPreset("fast")
                .setFirstFrameIterations(200)
                .setLaterFrameIterations(40)
                .setMinFrameIterations(5)
                .setFramePatience(10)
                .setSceneCutThreshold(0.06f)
                .setTemporalBlend(0.6f)
                .setDiscrepancy(1f)
                .setPreRoll(4)
                .setTemporalRadius(task == TaskKind.DENOISE ? 5 : 0)
                .setResidualDetail(task == TaskKind.DENOISE);
    }

    private static void refused(
            TaskKind task, UnaryOperator<StreamHeader.Builder> change, String message) {
        assertThatThrownBy(() -> RestoreSettings.of(change.apply(valid(task)).build()))
                .as(message)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void whatTheCommandLineBuildsForEveryTaskPasses() {
        for (TaskKind t :
                new TaskKind[] {
                    TaskKind.DENOISE,
                    TaskKind.INPAINT,
                    TaskKind.SUPER_RESOLVE,
                    TaskKind.FLASH,
                    TaskKind.PASSTHROUGH
                }) {
            StreamHeader h = valid(t).build();
            assertThat(RestoreSettings.of(h).header()).isSameAs(h);
        }
    }

    @Test
    void theFactorFitsTheTask() {
        refused(TaskKind.SUPER_RESOLVE, b -> b.setFactor(3), "--factor must be 2, 4 or 8, got 3");
        refused(TaskKind.SUPER_RESOLVE, b -> b.setFactor(0), "--factor must be 2, 4 or 8, got 0");
        refused(TaskKind.DENOISE, b -> b.setFactor(2), "--factor 2 needs --task sr, not denoise");
    }

    @Test
    void iterationCountsAreInRange() {
        refused(
                TaskKind.DENOISE,
                b -> b.setFirstFrameIterations(0),
                "--first-iterations must be between 1 and 1000000, got 0");
        refused(
                TaskKind.DENOISE,
                b -> b.setLaterFrameIterations(2_000_000),
                "--frame-iterations must be between 1 and 1000000, got 2000000");
        refused(TaskKind.DENOISE, b -> b.setMinFrameIterations(0), "--min-frame-iterations");
    }

    @Test
    void fractionsAndBudgetsAreInRange() {
        refused(TaskKind.DENOISE, b -> b.setTemporalBlend(1), "--temporal-blend must be in [0, 1)");
        refused(TaskKind.DENOISE, b -> b.setTemporalBlend(Float.NaN), "--temporal-blend");
        refused(TaskKind.DENOISE, b -> b.setSceneCutThreshold(-0.1f), "--scene-cut-threshold");
        refused(TaskKind.INPAINT, b -> b.setDropFraction(1), "--drop-fraction must be in [0, 1)");
        refused(TaskKind.DENOISE, b -> b.setDiscrepancy(11), "--discrepancy must be in [0, 10]");
        refused(TaskKind.DENOISE, b -> b.setFrameSeconds(-1), "--frame-seconds must be >= 0");
        refused(TaskKind.DENOISE, b -> b.setTemporalRadius(9), "--temporal-radius must be in");
        refused(TaskKind.DENOISE, b -> b.setPreRoll(17), "--pre-roll must be in [0, 16]");
    }

    @Test
    void settingsOfOneTaskAreRefusedOnAnother() {
        refused(TaskKind.DENOISE, b -> b.setDropFraction(0.5f), "--drop-fraction needs");
        refused(TaskKind.DENOISE, b -> b.setKeepKnown(true), "--keep-known needs --task inpaint");
        refused(TaskKind.FLASH, b -> b.setDetectDefects(true), "dust and scratch detection");
        refused(TaskKind.SUPER_RESOLVE, b -> b.setTemporalRadius(2), "--temporal-radius needs");
        refused(TaskKind.INPAINT, b -> b.setResidualDetail(true), "--residual-detail needs");
        refused(
                TaskKind.DENOISE,
                b -> b.setColdEveryFrame(true),
                "--pre-roll needs warm starts: not with --cold-every-frame");
        refused(TaskKind.DENOISE, b -> b.setTask(TaskKind.TASK_UNSPECIFIED), "no known task");
    }
}
