package io.dipstream.cli;

import io.dipstream.frames.proto.FrameRecord;
import java.util.ArrayList;
import java.util.List;

/** Totals of one stream's per-frame statistics, as its frames are written. */
final class RunStats {
    double engineSeconds;
    long iterations;
    long sceneCuts;
    final List<Long> underfit = new ArrayList<>();

    synchronized void add(FrameRecord f) {
        engineSeconds += f.getStats().getSeconds();
        iterations += f.getStats().getIterations();
        sceneCuts += f.getStats().getSceneCut() ? 1 : 0;
        if (f.getStats().getUnderfit()) {
            underfit.add(f.getIndex());
        }
    }
}
