package io.dipstream.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Frames restored of the total, with frames per second and the time left, on a terminal; nothing
 * when the output is not a terminal or progress is turned off.
 */
final class FrameProgress implements AutoCloseable {
    private final ProgressBar bar;

    FrameProgress(boolean enabled, String task, long total) {
        bar =
                enabled && System.console() != null
                        ? new ProgressBarBuilder()
                                .setTaskName(task)
                                .setInitialMax(total > 0 ? total : -1)
                                .setStyle(ProgressBarStyle.ASCII)
                                .setUnit(" frames", 1)
                                .showSpeed()
                                .setUpdateIntervalMillis(500)
                                .build()
                        : null;
    }

    void total(long total) {
        if (bar != null && total > 0) {
            bar.maxHint(total);
        }
    }

    void frames(long done, String message) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(message);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
