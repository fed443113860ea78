package io.dipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.cli.embedded.WorkDir;
import io.dipstream.testing.TestMedia;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A killed {@code restore} started again with the same command resumes from its last checkpoint,
 * and its output is that of a run never interrupted, frame for frame.
 */
class ResumeITCase {
    private static final int FRAMES = 16;
    private static final Duration LIMIT = Duration.ofMinutes(4);

    @TempDir Path dir;

    private Path input() {
        return MovingClip.write(dir.resolve("noisy.mkv"), FRAMES);
    }

    private static String[] restore(Path in, Path out) {
        return RestorePipelineITCase.concat(
                new String[] {"restore", "-i", in.toString(), "-o", out.toString()},
                MovingClip.settings());
    }

    /** Waits until the run has completed a checkpoint other than {@code before}; returns it. */
    private static Path newCheckpoint(Path work, Path before, ChildRun run) throws Exception {
        long end = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < end) {
            if (!run.process().isAlive()) {
                throw new AssertionError(
                        "the run ended (rc "
                                + run.process().exitValue()
                                + ") before a checkpoint: "
                                + run.out()
                                + run.err());
            }
            Path latest = Files.isDirectory(work) ? latest(work) : null;
            if (latest != null && !latest.equals(before)) {
                return latest;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint within " + LIMIT);
    }

    private static Path latest(Path work) throws Exception {
        Path root = work.resolve("flink").resolve("checkpoints");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(root, 3)) {
            return s.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(
                            java.util.Comparator.comparingLong(
                                    p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .orElse(null);
        }
    }

    private static List<String> names(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunKilledTwiceResumesAndWritesWhatAnUninterruptedRunWrites() throws Exception {
        Path in = input();
        Path refDir = Files.createDirectory(dir.resolve("ref"));
        Path ref = refDir.resolve("ref.mkv");
        ChildRun whole = ChildRun.start(dir, "whole", restore(in, ref));
        assertThat(whole.await(LIMIT)).as(whole.err()).isZero();

        Path outDir = Files.createDirectory(dir.resolve("out"));
        Path out = outDir.resolve("restored.mkv");
        Path work = WorkDir.beside(out);
        ChildRun first = ChildRun.start(dir, "first", restore(in, out));
        Path chk1 = newCheckpoint(work, null, first);
        first.process().destroyForcibly().waitFor();
        assertThat(out).doesNotExist();

        ChildRun second = ChildRun.start(dir, "second", restore(in, out));
        newCheckpoint(work, chk1, second);
        second.process().destroyForcibly().waitFor();
        assertThat(second.err()).contains("resuming the interrupted run kept in " + work);
        assertThat(out).doesNotExist();

        ChildRun third = ChildRun.start(dir, "third", restore(in, out));
        assertThat(third.await(LIMIT)).as(third.err()).isZero();
        assertThat(third.err()).contains("resuming");
        assertThat(third.out()).contains("frames=" + FRAMES);

        List<byte[]> expected = TestMedia.rgbFrames(ref);
        List<byte[]> got = TestMedia.rgbFrames(out);
        assertThat(got).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(got.get(i)).as("frame %d", i).isEqualTo(expected.get(i));
        }
        // The work directory and the killed runs' partial files are gone.
        assertThat(names(outDir)).containsExactly("restored.mkv");
    }

    @Test
    void sigtermStopsCleanlyKeepsTheWorkAndSaysHowToResume() throws Exception {
        Path in = input();
        Path outDir = Files.createDirectory(dir.resolve("out"));
        Path out = outDir.resolve("restored.mkv");
        Path work = WorkDir.beside(out);
        ChildRun run = ChildRun.start(dir, "term", restore(in, out));
        newCheckpoint(work, null, run);
        run.process().destroy(); // SIGTERM
        assertThat(run.await(Duration.ofSeconds(60))).isEqualTo(143);
        assertThat(run.err())
                .contains("stopped; the work so far is kept in " + work)
                .contains("run the same command again to resume, or add --fresh");
        assertThat(names(outDir)).containsExactly(work.getFileName().toString());

        // A changed command does not resume it.
        String[] other = restore(in, out);
        other[6] = "balanced";
        ChildRun changed = ChildRun.start(dir, "changed", other);
        assertThat(changed.await(LIMIT)).isEqualTo(2);
        assertThat(changed.err()).contains("--preset: fast -> balanced", "--fresh");

        ChildRun resumed = ChildRun.start(dir, "resumed", restore(in, out));
        assertThat(resumed.await(LIMIT)).as(resumed.err()).isZero();
        assertThat(TestMedia.rgbFrames(out)).hasSize(FRAMES);
        assertThat(names(outDir)).containsExactly("restored.mkv");
    }

    @Test
    void aDiskRunningLowStopsTheRunResumably() throws Exception {
        Path in = input();
        Path outDir = Files.createDirectory(dir.resolve("out"));
        Path out = outDir.resolve("restored.mkv");
        Path work = WorkDir.beside(out);
        long free = Files.getFileStore(dir).getUsableSpace();
        Assumptions.assumeTrue(free > (2L << 30), "needs 2 GiB free under " + dir);
        // Room for the run, not for the run and a 450 MiB file something else writes meanwhile.
        String[] args =
                RestorePipelineITCase.concat(
                        restore(in, out), new String[] {"--keep-free", "" + (free - (400L << 20))});
        ChildRun run = ChildRun.start(dir, "low", args);
        newCheckpoint(work, null, run);
        Path filler = dir.resolve("filler");
        try (FileChannel ch =
                FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer mib = ByteBuffer.allocate(1 << 20);
            for (int i = 0; i < 450; i++) {
                ch.write(mib.clear());
            }
            ch.force(true);
        }
        assertThat(run.await(Duration.ofSeconds(90))).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines().reduce((a, b) -> b).orElse(""))
                .startsWith("dipstream: ")
                .contains("free on its disk, under the")
                .contains("run the same command to resume");
        assertThat(names(outDir)).containsExactly(work.getFileName().toString());

        Files.delete(filler);
        ChildRun resumed = ChildRun.start(dir, "room", args);
        assertThat(resumed.await(LIMIT)).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming");
        assertThat(TestMedia.rgbFrames(out)).hasSize(FRAMES);
        assertThat(names(outDir)).containsExactly("restored.mkv");
    }
}
