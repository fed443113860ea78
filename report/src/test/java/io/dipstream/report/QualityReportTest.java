package io.dipstream.report;

import static io.dipstream.report.Synthetic.H;
import static io.dipstream.report.Synthetic.W;
import static io.dipstream.report.Synthetic.db;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dipstream.frames.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityReportTest {
    @TempDir Path dir;

    private Path clip(String name, List<byte[]> frames) throws IOException {
        return Synthetic.clip(dir.resolve(name), frames);
    }

    @Test
    void reportWithReferenceHasEverySectionEmbeddedImagesAndExactMeans() throws IOException {
        List<byte[]> clean = Synthetic.clean(5);
        Path ref = clip("clean.mkv", clean);
        Path in = clip("noisy.mkv", Synthetic.alternating(clean, 20));
        Path out = clip("restored.mkv", Synthetic.offset(clean, 4));
        Path html = dir.resolve("report.html");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("task", "denoise");
        settings.put("preset", "fast <&>");

        ReportSummary s =
                QualityReport.write(
                        ReportSpec.of(in, out, html).withReference(ref).withSettings(settings));

        assertThat(s.output()).isEqualTo(html);
        assertThat(s.frames()).isEqualTo(5);
        assertThat(s.psnrOut()).isCloseTo(db(16), within(1e-9));
        assertThat(s.tdPsnrOut()).isEqualTo(FrameMetrics.PSNR_CAP_DB);
        assertThat(s.psnrIn()).isCloseTo(db(400), within(1e-9));
        assertThat(s.tdPsnrIn()).isCloseTo(db(1600), within(1e-6));
        assertThat(s.ssimOut()).isGreaterThan(s.ssimIn());
        assertThat(s.bestFfmpeg()).isEmpty();
        String page = Files.readString(html);
        for (String section :
                List.of("summary", "charts", "still", "frames", "provenance", "definitions")) {
            assertThat(page).contains("<section id=\"" + section + "\">");
        }
        assertThat(page).doesNotContain("id=\"comparison\"");
        // Three charts (PSNR, SSIM, tdPSNR) and the still.
        assertThat(page.split("src=\"data:image/png;base64,", -1)).hasSize(5);
        assertThat(page).contains("fast &lt;&amp;&gt;").doesNotContain("fast <&>");
        assertThat(page).contains("≥ 100.00");
        // The container states no length: the middle frame came from a second pass.
        assertThat(page).contains("Still: frame 2");
        assertThat(listing())
                .containsExactlyInAnyOrder("clean.mkv", "noisy.mkv", "restored.mkv", "report.html");
        // Permissions as for any new file here, not a temp file's owner-only ones.
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(html))
                    .isEqualTo(Files.getPosixFilePermissions(plain));
        }
    }

    @Test
    void withoutReferenceItReportsHowFarTheRestorationMoved() throws IOException {
        List<byte[]> clean = Synthetic.clean(4);
        Path in = clip("in.mkv", clean);
        Path out = clip("out.mkv", Synthetic.offset(clean, 10));
        Path html = dir.resolve("r.html");

        ReportSummary s = QualityReport.write(ReportSpec.of(in, out, html).withStillFrame(3));

        assertThat(s.psnrOut()).isNaN();
        assertThat(s.psnrIn()).isNaN();
        assertThat(s.psnrOutVsIn()).isCloseTo(db(100), within(1e-9));
        assertThat(s.keyValues()).contains("frames=4", "psnr_out=nan", "psnr_out_vs_in=28.13");
        String page = Files.readString(html);
        assertThat(page).contains("needs one (--reference)", "Still: frame 3");
        // PSNR and tdPSNR of restored against input; no SSIM without a reference.
        assertThat(page.split("src=\"data:image/png;base64,", -1)).hasSize(4);
    }

    @Test
    void superResolutionScalesTheInputUp() throws IOException {
        List<byte[]> clean = Synthetic.clean(3);
        List<byte[]> small = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            small.add(Synthetic.texture(W / 2, H / 2, t));
        }
        Path in = Synthetic.clip(dir.resolve("small.mkv"), W / 2, H / 2, small);
        Path out = clip("big.mkv", clean);
        Path ref = clip("ref.mkv", clean);

        ReportSummary s =
                QualityReport.write(
                        ReportSpec.of(in, out, dir.resolve("sr.html")).withReference(ref));

        assertThat(s.psnrOut()).isEqualTo(FrameMetrics.PSNR_CAP_DB);
        assertThat(s.psnrIn()).isBetween(10.0, 60.0);
        assertThat(Files.readString(dir.resolve("sr.html"))).contains("Super-resolution ×2");
    }

    @Test
    void differentFrameCountsNameBothFilesAndCounts() throws IOException {
        List<byte[]> clean = Synthetic.clean(6);
        Path in = clip("six.mkv", clean);
        Path out = clip("five.mkv", clean.subList(0, 5));
        Path html = dir.resolve("r.html");

        assertThatThrownBy(() -> QualityReport.write(ReportSpec.of(in, out, html)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("input " + in + " has 6 frames")
                .hasMessageContaining("restored " + out + " has 5 frames");
        assertThat(html).doesNotExist();
    }

    @Test
    void referenceOfAnotherSizeIsBadInput() throws IOException {
        List<byte[]> clean = Synthetic.clean(2);
        Path in = clip("in.mkv", clean);
        Path out = clip("out.mkv", clean);
        List<byte[]> other = List.of(new byte[16 * 16 * 3], new byte[16 * 16 * 3]);
        Path ref = Synthetic.clip(dir.resolve("ref.mkv"), 16, 16, other);

        assertThatThrownBy(
                        () ->
                                QualityReport.write(
                                        ReportSpec.of(in, out, dir.resolve("r.html"))
                                                .withReference(ref)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(ref + " is 16x16")
                .hasMessageContaining(out + " is 32x24");
    }

    @Test
    void restoredThatIsNoMultipleOfTheInputIsBadInput() throws IOException {
        List<byte[]> odd = List.of(new byte[20 * 24 * 3]);
        Path in = Synthetic.clip(dir.resolve("in.mkv"), 20, 24, odd);
        Path out = clip("out.mkv", Synthetic.clean(1));

        assertThatThrownBy(() -> QualityReport.write(ReportSpec.of(in, out, dir.resolve("r.html"))))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(in + " is 20x24")
                .hasMessageContaining(out + " is 32x24");
    }

    @Test
    void stillFramePastTheEndIsBadInput() throws IOException {
        List<byte[]> clean = Synthetic.clean(3);
        Path in = clip("in.mkv", clean);
        Path out = clip("out.mkv", clean);

        assertThatThrownBy(
                        () ->
                                QualityReport.write(
                                        ReportSpec.of(in, out, dir.resolve("r.html"))
                                                .withStillFrame(3)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("still frame 3")
                .hasMessageContaining("3 frames");
    }

    @Test
    void anExistingReportIsReplacedWhole() throws IOException {
        List<byte[]> clean = Synthetic.clean(2);
        Path in = clip("in.mkv", clean);
        Path out = clip("out.mkv", clean);
        Path html = Files.writeString(dir.resolve("old.html"), "old");

        QualityReport.write(ReportSpec.of(in, out, html));

        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(listing()).containsExactlyInAnyOrder("in.mkv", "out.mkv", "old.html");
    }

    @Test
    void defaultOutputSitsNextToTheRestoredClip() {
        assertThat(QualityReport.defaultOutput(Path.of("a/b/out.mp4")))
                .isEqualTo(Path.of("a/b/out.report.html"));
        assertThat(QualityReport.defaultOutput(Path.of("frames")))
                .isEqualTo(Path.of("frames.report.html"));
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
