package io.dipstream.sink;

import com.google.protobuf.InvalidProtocolBufferException;
import io.dipstream.frames.proto.FrameRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The restored frames that wait for an earlier one before they can be written, in memory up to a
 * budget and past it in a spill file beside the output. A video cut in time delivers its later
 * segments' frames long before the earlier segments finish; held in memory, an hour of SD frames
 * would not fit.
 *
 * <p>Guarantees: as {@link FrameReorderer} (frames handed out in index order, each once, never a
 * gap, duplicates refused); at most {@code memoryBudget} bytes of compressed frames are held in
 * memory; the spill file is created only when the budget is exceeded, its space is given back
 * whenever nothing on it is waiting, and {@link #close} deletes it.
 */
final class WaitingFrames implements AutoCloseable {
    /** Where a waiting frame is: in memory, or at an offset of the spill file. */
    private record Held(FrameRecord frame, long offset, int length) {}

    private final FrameReorderer<Held> order = new FrameReorderer<>();
    private final long memoryBudget;
    private final Path spillDirectory;
    private final String spillPrefix;
    private long inMemory;
    private int onDisk;
    private long spilledTotal;
    private Path spillPath;
    private FileChannel spill;

    /**
     * @param memoryBudget bytes of compressed frames kept in memory before spilling
     * @param spillBeside the output file: the spill file goes in its directory, under a hidden name
     */
    WaitingFrames(long memoryBudget, Path spillBeside) {
        if (memoryBudget < 0) {
            throw new IllegalArgumentException("memoryBudget must be >= 0, got " + memoryBudget);
        }
        this.memoryBudget = memoryBudget;
        Path abs = spillBeside.toAbsolutePath();
        this.spillDirectory = abs.getParent();
        this.spillPrefix = "." + abs.getFileName() + ".";
    }

    /** Takes frame {@code f}; false when it is a duplicate. */
    boolean offer(FrameRecord f) {
        long index = f.getIndex();
        if (index == order.next() || !order.accepts(index)) {
            // Written at once (or refused): never worth holding on disk.
            return order.offer(index, new Held(f, -1, 0));
        }
        int size = f.getSerializedSize();
        if (inMemory + size <= memoryBudget) {
            inMemory += size;
            return order.offer(index, new Held(f, -1, size));
        }
        return order.offer(index, write(f));
    }

    /** The frames that can be written now, in order. */
    List<FrameRecord> drain() {
        List<FrameRecord> out = new ArrayList<>();
        for (Held h : order.drain()) {
            if (h.frame() != null) {
                inMemory -= h.length();
                out.add(h.frame());
            } else {
                out.add(read(h));
                onDisk--;
            }
        }
        if (onDisk == 0 && spill != null) {
            truncate();
        }
        return out;
    }

    long next() {
        return order.next();
    }

    int waiting() {
        return order.waiting();
    }

    long firstMissing(long count) {
        return order.firstMissing(count);
    }

    /** Bytes written to the spill file over the stream's life (0 when it never spilled). */
    long spilledBytes() {
        return spilledTotal;
    }

    /** Bytes of frames held in memory now. */
    long bytesInMemory() {
        return inMemory;
    }

    private Held write(FrameRecord f) {
        try {
            if (spill == null) {
                spillPath = Files.createTempFile(spillDirectory, spillPrefix, ".spill");
                spill =
                        FileChannel.open(
                                spillPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
            byte[] bytes = f.toByteArray();
            long offset = spill.size();
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                spill.write(b, offset + b.position());
            }
            onDisk++;
            spilledTotal += bytes.length;
            return new Held(null, offset, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot spill a waiting frame to " + spillDirectory + ": " + e.getMessage(), e);
        }
    }

    private FrameRecord read(Held h) {
        try {
            ByteBuffer b = ByteBuffer.allocate(h.length());
            while (b.hasRemaining()) {
                if (spill.read(b, h.offset() + b.position()) < 0) {
                    throw new IOException("spill file " + spillPath + " ends early");
                }
            }
            return FrameRecord.parseFrom(b.array());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("spill file " + spillPath + " is corrupt", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void truncate() {
        try {
            spill.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (spill != null) {
            try {
                spill.close();
                Files.deleteIfExists(spillPath);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                spill = null;
            }
        }
    }
}
