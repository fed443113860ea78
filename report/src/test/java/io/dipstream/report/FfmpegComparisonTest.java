package io.dipstream.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegComparisonTest {
    /** One strength per filter: every filter of the default sweep, run on a tiny clip. */
    static final FilterSweep ONE_EACH =
            FilterSweep.of(
                    new FilterSetting("hqdn3d", FilterSweep.hqdn3d(25)),
                    new FilterSetting("nlmeans", "s=10"),
                    new FilterSetting("atadenoise", FilterSweep.atadenoise("0.2", "2")),
                    new FilterSetting("fftdnoiz", "sigma=25"),
                    new FilterSetting("bm3d", FilterSweep.bm3d(25)));

    @TempDir static Path dir;
    static Path clean;
    static Path noisy;

    @BeforeAll
    static void clips() throws IOException {
        List<byte[]> frames = Synthetic.clean(5);
        clean = Synthetic.clip(dir.resolve("clean.mkv"), frames);
        noisy = Synthetic.clip(dir.resolve("noisy.mkv"), Synthetic.noisy(frames, 25, 7));
    }

    @Test
    void everyFilterRunsChangesTheFramesAndRowsComeBestFirst() {
        FfmpegComparison c = FfmpegComparison.run(ONE_EACH, noisy, clean);
        double inputPsnr = noisyPsnr();

        assertThat(c.results()).hasSize(5);
        for (FilterResult r : c.results()) {
            assertThat(r.unavailable()).as(r.setting().label()).isNull();
            assertThat(r.series().frames()).isEqualTo(5);
            assertThat(r.series().meanPsnr())
                    .as(r.setting().label())
                    .isNotCloseTo(inputPsnr, org.assertj.core.api.Assertions.within(0.05));
            assertThat(r.secondsPerFrame()).isPositive();
        }
        List<ComparisonRow> rows = c.rows();
        assertThat(rows).hasSize(5);
        assertThat(rows)
                .extracting(ComparisonRow::method)
                .containsExactlyInAnyOrder("hqdn3d", "nlmeans", "atadenoise", "fftdnoiz", "bm3d");
        assertThat(rows).isSortedAccordingTo(ComparisonRow.BEST_FIRST);
        assertThat(rows.get(0).psnr()).isGreaterThanOrEqualTo(rows.get(4).psnr());
        assertThat(c.best()).get().isEqualTo(rows.get(0));
        // The format round trip is lossless enough to leave the ranking alone.
        assertThat(c.conversionPsnr()).isGreaterThan(45);
    }

    @Test
    void aFilterFfmpegCannotRunIsListedAsUnavailable() {
        FfmpegComparison c =
                FfmpegComparison.run(
                        FilterSweep.of(
                                new FilterSetting("nosuchfilter", ""),
                                new FilterSetting("nlmeans", "nosuchoption=1"),
                                new FilterSetting("hqdn3d", FilterSweep.hqdn3d(4))),
                        noisy,
                        clean);

        assertThat(c.results().get(0).unavailable()).contains("no filter named nosuchfilter");
        assertThat(c.results().get(1).unavailable()).contains("rejected the options");
        assertThat(c.results().get(2).available()).isTrue();
        List<ComparisonRow> rows = c.rows();
        assertThat(rows.get(0).method()).isEqualTo("hqdn3d");
        assertThat(rows.subList(1, 3)).noneMatch(ComparisonRow::available);
    }

    @Test
    void reportTablesFilterSettingsBesideDipstream() throws IOException {
        Path html = dir.resolve("cmp.html");
        ReportSummary s =
                QualityReport.write(
                        ReportSpec.of(noisy, clean, html)
                                .withReference(clean)
                                .withFfmpegComparison(
                                        FilterSweep.of(new FilterSetting("nlmeans", "s=20")))
                                .withSettings(
                                        java.util.Map.of(
                                                "preset",
                                                "fast",
                                                ReportSpec.SECONDS_PER_FRAME,
                                                "12.5")));

        assertThat(s.bestFfmpeg()).get().extracting(ComparisonRow::method).isEqualTo("nlmeans");
        assertThat(s.keyValues()).contains("best_ffmpeg=nlmeans=s=20", "best_ffmpeg_psnr=");
        String page = Files.readString(html);
        assertThat(page).contains("<section id=\"comparison\">", "12.50 s", "preset=fast");
        // dipstream's "restoration" is the clean clip itself: it ranks first.
        assertThat(page.indexOf("<tr class=\"dip\"><td>1</td>")).isPositive();
    }

    private static double noisyPsnr() {
        MetricSeries s =
                new FilterRun(new FilterSetting("null", ""), noisy, clean, false).run().series();
        return s.meanPsnr();
    }
}
