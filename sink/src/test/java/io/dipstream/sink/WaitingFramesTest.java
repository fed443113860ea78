package io.dipstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.Plane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaitingFramesTest {
    @TempDir Path dir;

    private static FrameRecord frame(long index) {
        byte[] data = new byte[1000];
        new Random(index).nextBytes(data);
        return FrameRecord.newBuilder()
                .setIndex(index)
                .setPtsMicros(index * 40_000)
                .setRgb(
                        Plane.newBuilder()
                                .setWidth(10)
                                .setHeight(10)
                                .setChannels(3)
                                .setData(ByteString.copyFrom(data)))
                .build();
    }

    private List<Path> spillFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".spill")).toList();
        }
    }

    @Test
    void keepsLaterFramesWithinTheBudgetAndSpillsTheRestToDiskUnchanged() throws IOException {
        int size = frame(5).getSerializedSize();
        List<FrameRecord> out = new ArrayList<>();
        try (WaitingFrames w = new WaitingFrames(3L * size, dir.resolve("out.mkv"))) {
            // A later segment (frames 5..19) arrives before the first (0..4).
            for (long i = 5; i < 20; i++) {
                assertThat(w.offer(frame(i))).isTrue();
                assertThat(w.bytesInMemory()).isLessThanOrEqualTo(3L * size);
            }
            assertThat(w.drain()).isEmpty();
            assertThat(w.spilledBytes()).isEqualTo(12L * size);
            assertThat(spillFiles()).hasSize(1);
            assertThat(spillFiles().get(0).getFileName().toString()).startsWith(".out.mkv.");
            assertThat(w.offer(frame(12))).as("a duplicate of a spilled frame").isFalse();
            for (long i = 0; i < 5; i++) {
                assertThat(w.offer(frame(i))).isTrue();
                out.addAll(w.drain());
            }
            assertThat(w.waiting()).isZero();
            assertThat(w.bytesInMemory()).isZero();
            assertThat(Files.size(spillFiles().get(0))).as("space given back").isZero();
        }
        assertThat(spillFiles()).as("deleted on close").isEmpty();
        assertThat(out).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(out.get(i)).isEqualTo(frame(i));
        }
    }

    @Test
    void framesInOrderNeverTouchTheDisk() throws IOException {
        try (WaitingFrames w = new WaitingFrames(0, dir.resolve("out.mkv"))) {
            for (long i = 0; i < 10; i++) {
                assertThat(w.offer(frame(i))).isTrue();
                assertThat(w.drain()).containsExactly(frame(i));
            }
            assertThat(w.offer(frame(3))).as("already written").isFalse();
            assertThat(w.spilledBytes()).isZero();
        }
        assertThat(spillFiles()).isEmpty();
    }

    @Test
    void reportsTheFirstMissingFrameAcrossMemoryAndDisk() {
        int size = frame(0).getSerializedSize();
        try (WaitingFrames w = new WaitingFrames(size, dir.resolve("out.mkv"))) {
            w.offer(frame(0));
            w.drain();
            w.offer(frame(2));
            w.offer(frame(3));
            w.offer(frame(5));
            assertThat(w.spilledBytes()).isPositive();
            assertThat(w.firstMissing(6)).isEqualTo(1);
            w.offer(frame(1));
            assertThat(w.drain()).extracting(FrameRecord::getIndex).containsExactly(1L, 2L, 3L);
            assertThat(w.firstMissing(6)).isEqualTo(4);
        }
    }
}
