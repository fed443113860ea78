package io.dipstream.restore;

import io.dipstream.dip.DipSettings;
import io.dipstream.dip.Preset;
import io.dipstream.dip.StopRule;
import io.dipstream.dip.Task;
import io.dipstream.dip.VideoSchedule;
import io.dipstream.frames.proto.StreamHeader;

/**
 * How a stream's frames are fitted, as its header says: the preset's settings for the stream's task
 * on the cold (first, after a cut) and on the warm frames, the schedule, and the temporal blend.
 * Built and validated once per header ({@link FrameRestorer} keeps them), not per frame.
 *
 * @param cold the settings of a frame that starts from fresh weights
 * @param warm the settings of a frame warm-started from the previous one's
 * @param schedule the stream's iteration schedule (and the warm frames' stopping rule)
 * @param blend the flicker reduction
 */
record StreamSettings(
        DipSettings cold, DipSettings warm, VideoSchedule schedule, TemporalBlend blend) {

    /**
     * The settings of {@code header}'s stream, whose frames are {@code task} problems at {@code
     * factor}; throws {@link IllegalArgumentException} naming what does not hold.
     */
    static StreamSettings of(StreamHeader header, Task task, int factor) {
        TemporalBlend blend = new TemporalBlend(header.getTemporalBlend());
        DipSettings base = Preset.parse(header.getPreset()).settings(task, factor);
        VideoSchedule schedule = schedule(header);
        return new StreamSettings(
                VideoSchedule.forRun(base, schedule.firstFrame()),
                VideoSchedule.forRun(base, schedule.laterFrames()),
                schedule,
                blend);
    }

    /** The schedule of {@code header}'s stream. */
    static VideoSchedule schedule(StreamHeader header) {
        StopRule stop =
                header.getFramePatience() > 0
                        ? StopRule.of(
                                Math.max(1, header.getMinFrameIterations()),
                                header.getFramePatience())
                        : null;
        return new VideoSchedule(
                header.getFirstFrameIterations(), header.getLaterFrameIterations(), stop);
    }
}
