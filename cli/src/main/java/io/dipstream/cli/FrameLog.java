package io.dipstream.cli;

import io.dipstream.frames.BadInputException;
import io.dipstream.frames.proto.FrameRecord;
import io.dipstream.frames.proto.RestoreStats;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A CSV line per restored frame: what the engine did with it (for warm-start measurements). */
final class FrameLog implements AutoCloseable {
    private final BufferedWriter out;

    private FrameLog(BufferedWriter out) {
        this.out = out;
    }

    /** A log at {@code path}, or one that writes nothing when {@code path} is null. */
    static FrameLog open(Path path) {
        if (path == null) {
            return new FrameLog(null);
        }
        try {
            BufferedWriter w = Files.newBufferedWriter(path);
            w.write(
                    "index,pts_micros,cold,iterations,seconds,final_loss,backtracks,scene_cut,scene_distance,noise_sigma,stop_reason,underfit,rewound\n");
            return new FrameLog(w);
        } catch (IOException e) {
            throw new BadInputException(
                    path + ": cannot write the frame log (" + e.getMessage() + ")");
        }
    }

    void add(FrameRecord f) {
        if (out == null) {
            return;
        }
        RestoreStats s = f.getStats();
        try {
            out.write(
                    String.format(
                            Locale.ROOT,
                            "%d,%d,%b,%d,%.4f,%.8g,%d,%b,%.4f,%.2f,%s,%b,%b%n",
                            f.getIndex(),
                            f.getPtsMicros(),
                            s.getCold(),
                            s.getIterations(),
                            s.getSeconds(),
                            s.getFinalLoss(),
                            s.getBacktracks(),
                            s.getSceneCut(),
                            s.getSceneDistance(),
                            s.getNoiseSigma(),
                            s.getStopReason(),
                            s.getUnderfit(),
                            s.getRewound()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
