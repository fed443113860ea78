package io.dipstream.cli.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dipstream.frames.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceTest {
    @TempDir Path dir;

    private long free() throws Exception {
        return Files.getFileStore(dir).getUsableSpace();
    }

    @Test
    void aRunThatFitsBesideWhatIsKeptFreePasses() {
        DiskSpace.check(Map.of(dir, 1L << 20), 1L << 20);
    }

    @Test
    void aRunThatDoesNotFitIsRefusedNamingTheDirectoryAndTheSizes() throws Exception {
        long free = free();
        assertThatThrownBy(() -> DiskSpace.check(Map.of(dir, free), 1L << 20))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(dir + ": ")
                .hasMessageContaining("free on its disk, but this run needs about")
                .hasMessageContaining("--keep-free 0 skips this check");
    }

    @Test
    void needsOnOneDiskAddUp() throws Exception {
        long half = free() / 2 + (1L << 20);
        Path other = Files.createDirectory(dir.resolve("other"));
        DiskSpace.check(Map.of(dir, half), 1);
        assertThatThrownBy(() -> DiskSpace.check(Map.of(dir, half, other, half), 1))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void keepingNothingFreeChecksNothing() throws Exception {
        DiskSpace.check(Map.of(dir, 2 * free()), 0);
    }

    @Test
    void aDirectoryNotMadeYetIsMeasuredByItsParent() throws Exception {
        Path later = dir.resolve("later").resolve("work");
        DiskSpace.check(Map.of(later, 1L), 1);
        assertThatThrownBy(() -> DiskSpace.check(Map.of(later, free()), 1L << 20))
                .hasMessageStartingWith(later + ": ");
    }

    @Test
    void aDiskUnderTheKeptFreeSpaceIsReportedWithHowToGoOn() throws Exception {
        assertThat(DiskSpace.low(List.of(dir), 1)).isEmpty();
        assertThat(DiskSpace.low(List.of(dir), free() + (1L << 30)))
                .hasValueSatisfying(
                        m ->
                                assertThat(m)
                                        .startsWith(dir + ": only ")
                                        .contains("stopped before it fills up")
                                        .contains("run the same command to resume"));
    }

    @Test
    void theWatchCallsOnceWhenADiskRunsLowAndNeverWhenItHasRoom() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        try (DiskSpace w = DiskSpace.watch(List.of(dir), free() + (1L << 30), calls::add)) {
            long end = System.nanoTime() + 10_000_000_000L;
            while (calls.isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            Thread.sleep(3 * DiskSpace.PERIOD_MILLIS);
        }
        assertThat(calls).hasSize(1);
        List<String> none = new CopyOnWriteArrayList<>();
        try (DiskSpace w = DiskSpace.watch(List.of(dir), 1, none::add)) {
            Thread.sleep(2 * DiskSpace.PERIOD_MILLIS);
        }
        assertThat(none).isEmpty();
    }

    @Test
    void sizesReadAsAUserReadsThem() {
        assertThat(DiskSpace.size(512)).isEqualTo("512 bytes");
        assertThat(DiskSpace.size(3L << 20)).isEqualTo("3.0 MiB");
        assertThat(DiskSpace.size(256L << 30)).isEqualTo("256 GiB");
    }
}
