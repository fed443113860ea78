package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine} on every command that runs the engine, on a build without ND4J's CUDA backend
 * (CI's): {@code cuda} is refused before any work with one line saying so, a value that is none of
 * the three names the option, and {@code auto} says once that it runs on the CPU and why.
 */
class EngineOptionTest {
    static final String NO_CUDA =
            "dipstream: --engine cuda: this build has no CUDA backend: rebuild with mvn -Pcuda";
    static final Path SAMPLES = Path.of("..", "sample-videos");

    @TempDir Path dir;

    private static String lastLine(String text) {
        return text.strip().lines().reduce((a, b) -> b).orElse("");
    }

    private void refused(String expected, String... args) throws Exception {
        List<String> before = Refusals.entries(dir);
        CapturedRun r = CapturedRun.of(args);
        assertThat(r.rc()).as(r.err()).isEqualTo(2);
        assertThat(lastLine(r.err())).isEqualTo(expected);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(Refusals.entries(dir)).as("left on disk").isEqualTo(before);
    }

    private String[] image(String engine) {
        return new String[] {
            "image",
            "--engine",
            engine,
            "-i",
            SAMPLES.resolve("astronaut-noisy25.png").toString(),
            "-o",
            dir.resolve("out.png").toString(),
            "--preset",
            "fast",
            "--iterations",
            "1"
        };
    }

    @Test
    void cudaIsRefusedByEveryCommandThatRunsTheEngine() throws Exception {
        refused(NO_CUDA, image("cuda"));
        refused(NO_CUDA, image("CUDA"));
        refused(NO_CUDA, "bench-iteration", "--engine", "cuda", "--size", "32");
        // Before the job would look for its broker (none listens on port 1).
        refused(NO_CUDA, "job", "--bootstrap-servers", "127.0.0.1:1", "--engine", "cuda");
        // Before the embedded broker and job start: nothing is left beside the output.
        refused(
                NO_CUDA,
                "restore",
                "--engine",
                "cuda",
                "-i",
                SAMPLES.resolve("pan.mp4").toString(),
                "-o",
                dir.resolve("out.mkv").toString());
    }

    @Test
    void aValueThatIsNoneOfTheThreeNamesTheOption() throws Exception {
        String expected = "dipstream: unknown --engine 'tpu': use auto, cpu or cuda";
        refused(expected, image("tpu"));
        refused(expected, "bench-iteration", "--engine", "tpu");
        refused(expected, "job", "--bootstrap-servers", "127.0.0.1:1", "--engine", "tpu");
    }

    @Test
    void anExternalJobChoosesItsOwnEngine() throws Exception {
        refused(
                "dipstream: --engine is the embedded job's; with --external-job the cluster's job"
                        + " chooses its own (flink run ... --engine cuda)",
                "restore",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--external-job",
                "--engine",
                "cpu",
                "-i",
                SAMPLES.resolve("pan.mp4").toString(),
                "-o",
                dir.resolve("out.mkv").toString());
    }

    @Test
    void autoSaysOnceThatItRunsOnTheCpuAndWhy() throws Exception {
        // A JVM of its own: in this one another test may have said it already.
        ChildRun run = ChildRun.start(dir, "auto", image("auto"));
        int rc = run.await(Duration.ofMinutes(2));
        assertThat(rc).as(run.err()).isZero();
        List<String> said = run.err().lines().filter(l -> l.startsWith("engine: ")).toList();
        assertThat(said)
                .singleElement()
                .asString()
                .matches("engine: CPU \\(oneDNN avx(2|512)\\): this build has no CUDA backend");
        assertThat(lastLine(run.out())).startsWith("iterations=1 ");
        assertThat(dir.resolve("out.png")).exists();
    }

    @Test
    void cpuRunsWithNothingToSay() {
        CapturedRun r = CapturedRun.of(image("cpu"));
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("engine: ");
    }
}
