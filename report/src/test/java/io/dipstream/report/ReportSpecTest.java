package io.dipstream.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportSpecTest {
    private final ReportSpec spec =
            ReportSpec.of(Path.of("in.mp4"), Path.of("out.mkv"), Path.of("r.html"));

    @Test
    void comparisonNeedsAReference() {
        assertThatThrownBy(() -> spec.withFfmpegComparison(FilterSweep.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ffmpegSweep needs a reference");
        assertThat(
                        spec.withReference(Path.of("clean.mkv"))
                                .withFfmpegComparison(FilterSweep.defaults())
                                .ffmpegSweep())
                .isNotNull();
    }

    @Test
    void theReportCannotOverwriteAClip() {
        assertThatThrownBy(
                        () ->
                                ReportSpec.of(
                                        Path.of("in.mp4"), Path.of("out.mkv"), Path.of("out.mkv")))
                .hasMessageContaining("output must not be one of the clips");
    }

    @Test
    void stillFrameIsAnIndexOrMinusOne() {
        assertThatThrownBy(() -> spec.withStillFrame(-2)).hasMessageContaining("stillFrame");
        assertThat(spec.withStillFrame(7).stillFrame()).isEqualTo(7);
    }

    @Test
    void settingsKeepTheirOrderAndCannotChangeLater() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", "denoise");
        m.put("preset", "fast");
        m.put("seed", "1");
        ReportSpec s = spec.withSettings(m);
        m.put("later", "x");
        assertThat(s.settings().keySet()).containsExactly("task", "preset", "seed");
        assertThatThrownBy(() -> s.settings().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
