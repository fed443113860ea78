package io.dipstream.report;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;

import io.dipstream.ingest.DecodedFrame;
import io.dipstream.ingest.VideoInfo;
import io.dipstream.ingest.VideoSource;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avfilter;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameFilter;
import org.bytedeco.javacv.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link FilterSetting} over a clip with FFmpeg's filter graph (JavaCV's {@link
 * FFmpegFrameFilter}, the bundled FFmpeg) and scores the output frame by frame against a truth clip
 * as it comes out. Output frame i is paired with truth frame i: temporal filters hold frames back,
 * so pairing is by order, after FFmpeg has been told the input ended.
 */
final class FilterRun {
    private static final Logger LOG = LoggerFactory.getLogger(FilterRun.class);

    private static final String JAVACV_HINT =
            " (For more details, make sure FFmpegLogCallback.set() has been called.)";

    private final FilterSetting setting;
    private final Path input;
    private final Path truth;
    private final boolean withSsim;

    FilterRun(FilterSetting setting, Path input, Path truth, boolean withSsim) {
        this.setting = setting;
        this.input = input;
        this.truth = truth;
        this.withSsim = withSsim;
    }

    FilterResult run() {
        try (VideoSource in = VideoSource.open(input);
                VideoSource reference = VideoSource.open(truth)) {
            VideoInfo info = in.info();
            FFmpegFrameFilter filter =
                    new FFmpegFrameFilter(setting.graph(), info.width(), info.height());
            filter.setPixelFormat(AV_PIX_FMT_RGB24);
            filter.setFrameRate(info.fps());
            try {
                filter.start();
            } catch (FFmpegFrameFilter.Exception | RuntimeException e) {
                close(filter);
                return FilterResult.failed(setting, whyNot(e));
            }
            try {
                return filter(in, reference, filter);
            } catch (FFmpegFrameFilter.Exception e) {
                return FilterResult.failed(
                        setting, "FFmpeg failed: " + e.getMessage().replace(JAVACV_HINT, ""));
            } finally {
                close(filter);
            }
        }
    }

    private FilterResult filter(VideoSource in, VideoSource reference, FFmpegFrameFilter filter)
            throws FFmpegFrameFilter.Exception {
        VideoInfo info = in.info();
        VideoInfo ref = reference.info();
        SeriesScorer scorer = new SeriesScorer(setting.label(), withSsim);
        long nanos = 0;
        long frames = 0;
        try (Frame frame = new Frame(info.width(), info.height(), Frame.DEPTH_UBYTE, 3);
                Output out = new Output(info, ref, reference, scorer)) {
            ByteBuffer buffer = (ByteBuffer) frame.image[0];
            for (DecodedFrame f = in.next(); f != null; f = in.next()) {
                buffer.clear();
                for (int y = 0; y < info.height(); y++) {
                    buffer.put(
                            y * frame.imageStride, f.rgb(), y * info.width() * 3, info.width() * 3);
                }
                frames++;
                long t0 = System.nanoTime();
                filter.push(frame, AV_PIX_FMT_RGB24);
                nanos += System.nanoTime() - t0 + out.drain(filter);
            }
            long t0 = System.nanoTime();
            filter.push(null);
            nanos += System.nanoTime() - t0 + out.drain(filter);
            if (frames == 0 || out.count != frames || reference.next() != null) {
                return FilterResult.failed(
                        setting,
                        "FFmpeg returned " + out.count + " frames for " + frames + " input frames");
            }
        }
        LOG.info("{}: {} frames, {} ms per frame", setting.label(), frames, nanos / 1e6 / frames);
        return new FilterResult(setting, scorer.result(), nanos / 1e9 / frames, null);
    }

    /** Scores the frames the filter releases, pairing each with the next truth frame. */
    private static final class Output implements AutoCloseable {
        private final VideoInfo info;
        private final VideoSource reference;
        private final SeriesScorer scorer;
        private final RollingFrame filtered;
        private final RollingFrame truth;
        private final byte[] rgb;
        private long count;

        Output(VideoInfo info, VideoInfo ref, VideoSource reference, SeriesScorer scorer) {
            this.info = info;
            this.reference = reference;
            this.scorer = scorer;
            this.filtered = new RollingFrame(ref.width(), ref.height());
            this.truth = new RollingFrame(ref.width(), ref.height());
            this.rgb = new byte[info.width() * info.height() * 3];
        }

        /** Pulls every frame FFmpeg has ready; returns the nanoseconds spent inside FFmpeg. */
        long drain(FFmpegFrameFilter filter) throws FFmpegFrameFilter.Exception {
            long inside = 0;
            while (true) {
                long t0 = System.nanoTime();
                Frame f = filter.pullImage();
                inside += System.nanoTime() - t0;
                if (f == null) {
                    return inside;
                }
                ByteBuffer src = (ByteBuffer) f.image[0];
                int row = info.width() * 3;
                for (int y = 0; y < info.height(); y++) {
                    src.get(y * f.imageStride, rgb, y * row, row);
                }
                DecodedFrame t = reference.next();
                count++;
                if (t != null) {
                    filtered.push(rgb, info.width(), info.height());
                    truth.push(t.rgb(), t.width(), t.height());
                    scorer.add(filtered, truth);
                }
            }
        }

        @Override
        public void close() {
            filtered.close();
            truth.close();
        }
    }

    /** FFmpeg says why only in its log: tell a missing filter from options it rejected. */
    private String whyNot(Exception e) {
        if (avfilter.avfilter_get_by_name(setting.filter()) == null) {
            return "FFmpeg cannot build this filter: this FFmpeg ("
                    + avutil.av_version_info().getString()
                    + ") has no filter named "
                    + setting.filter();
        }
        return "FFmpeg cannot build this filter: it rejected the options '"
                + setting.options()
                + "' ("
                + e.getMessage().replace(JAVACV_HINT, "")
                + "; FFmpeg's log names the option)";
    }

    private static void close(FFmpegFrameFilter filter) {
        try {
            filter.close();
        } catch (Exception e) {
            LOG.debug("ignoring failure while closing the filter", e);
        }
    }
}
