package io.dipstream.frames.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @TempDir Path dir;

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void thePartialFileIsHiddenBesideTheTargetAndKeepsItsExtension() {
        Path p = AtomicOutput.partialFor(dir.resolve("out.mkv"));
        assertThat(p.getParent()).isEqualTo(dir.toAbsolutePath());
        assertThat(p.getFileName().toString())
                .isEqualTo(".out.mkv.partial-" + ProcessHandle.current().pid() + ".mkv");
    }

    @Test
    void writesReplacesAndLeavesNothingElse() throws IOException {
        Path target = dir.resolve("report.html");
        AtomicOutput.writeString(target, "first");
        AtomicOutput.writeString(target, "second");
        assertThat(Files.readString(target)).isEqualTo("second");
        assertThat(entries()).isEqualTo(1);
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoPartial() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicOutput.writeString(target, "old");
        // A directory where the partial file would go: the write fails.
        Files.createDirectory(AtomicOutput.partialFor(target));
        Files.writeString(AtomicOutput.partialFor(target).resolve("x"), "x");
        assertThatThrownBy(() -> AtomicOutput.writeString(target, "new"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(target.toString());
        assertThat(Files.readString(target)).isEqualTo("old");
    }

    @Test
    void deletesOnlyThePartialsOfProcessesThatAreGone() throws IOException {
        Path target = dir.resolve("out.mkv");
        Path mine = AtomicOutput.partialFor(target);
        Files.writeString(mine, "x");
        Path dead = dir.resolve(".out.mkv.partial-999999999.mkv");
        Files.writeString(dead, "x");
        Path other = dir.resolve(".other.mkv.partial-999999999.mkv");
        Files.writeString(other, "x");
        assertThat(AtomicOutput.deleteStalePartials(target)).isEqualTo(1);
        assertThat(mine).exists();
        assertThat(dead).doesNotExist();
        assertThat(other).exists();
    }
}
