package io.dipstream.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirTest {
    @TempDir Path dir;

    private static Map<String, String> asked(String preset) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("input.0", "/videos/a.mkv (1000 bytes)");
        m.put("output.0", "/out/a.mkv");
        m.put("--preset", preset);
        return m;
    }

    @Test
    void liesBesideTheOutputFileOrInTheOutputDirectory() throws IOException {
        assertThat(WorkDir.beside(dir.resolve("out.mkv")))
                .isEqualTo(dir.resolve(".out.mkv.dipstream"));
        Path outs = Files.createDirectory(dir.resolve("outs"));
        assertThat(WorkDir.beside(outs)).isEqualTo(outs.resolve(".dipstream"));
    }

    @Test
    void resumesTheSameRunWithTheIdsItChose() {
        Path w = dir.resolve(".out.mkv.dipstream");
        WorkDir first = WorkDir.open(w, asked("fast"), false);
        assertThat(first.resumed()).isFalse();
        String id = first.chosen("stream.0", () -> "restore-1");
        first.markIngested(id);
        assertThat(first.sent("restore-3")).isZero();
        first.markSent("restore-3", 8);
        first.markSent("restore-3", 16);
        assertThat(first.latestCheckpoint()).isNull();

        WorkDir again = WorkDir.open(w, asked("fast"), false);
        assertThat(again.resumed()).isTrue();
        assertThat(again.chosen("stream.0", () -> "restore-2")).isEqualTo("restore-1");
        assertThat(again.ingested("restore-1")).isTrue();
        assertThat(again.ingested("restore-2")).isFalse();
        assertThat(again.sent("restore-3")).isEqualTo(16);
    }

    @Test
    void refusesARunAskedForSomethingElseNamingWhatDiffers() {
        Path w = dir.resolve(".out.mkv.dipstream");
        WorkDir.open(w, asked("fast"), false);
        assertThatThrownBy(() -> WorkDir.open(w, asked("balanced"), false))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(w.toString())
                .hasMessageContaining("--preset: fast -> balanced")
                .hasMessageContaining("--fresh");
        Map<String, String> fewer = asked("fast");
        fewer.remove("--preset");
        assertThatThrownBy(() -> WorkDir.open(w, fewer, false))
                .hasMessageContaining("--preset: fast -> (none)");
        assertThat(WorkDir.open(w, asked("fast"), false).resumed()).isTrue();
    }

    @Test
    void freshDiscardsTheInterruptedRun() {
        Path w = dir.resolve(".out.mkv.dipstream");
        WorkDir old = WorkDir.open(w, asked("fast"), false);
        old.chosen("stream.0", () -> "restore-1");
        old.markIngested("restore-1");
        WorkDir fresh = WorkDir.open(w, asked("balanced"), true);
        assertThat(fresh.resumed()).isFalse();
        assertThat(fresh.ingested("restore-1")).isFalse();
        assertThat(fresh.chosen("stream.0", () -> "restore-2")).isEqualTo("restore-2");
        fresh.delete();
        assertThat(w).doesNotExist();
    }

    @Test
    void findsTheNewestCompletedCheckpoint() throws Exception {
        WorkDir w = WorkDir.open(dir.resolve(".o.dipstream"), asked("fast"), false);
        Path job = w.flink().resolve("checkpoints").resolve("0123abcd");
        Path older = Files.createDirectories(job.resolve("chk-3"));
        Files.writeString(older.resolve("_metadata"), "x");
        Files.setLastModifiedTime(
                older.resolve("_metadata"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path newer = Files.createDirectories(job.resolve("chk-4"));
        Files.writeString(newer.resolve("_metadata"), "x");
        Files.createDirectories(job.resolve("chk-5")); // in progress: no metadata yet
        assertThat(w.latestCheckpoint()).isEqualTo(newer);
    }
}
