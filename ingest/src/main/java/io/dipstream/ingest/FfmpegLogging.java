package io.dipstream.ingest;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's native log output to the SLF4J logger {@code "ffmpeg"} instead of the process's
 * stderr. Idempotent; {@link VideoSource} and the writer install it before touching FFmpeg.
 */
public final class FfmpegLogging {

    private static final Logger LOG = LoggerFactory.getLogger("ffmpeg");

    // A static strong reference: native code keeps calling the function pointer, so it must never
    // be collected.
    private static Bridge bridge;

    private FfmpegLogging() {}

    public static synchronized void install() {
        if (bridge != null) {
            return;
        }
        // Filtering natively avoids a JNI up-call for every verbose message FFmpeg would otherwise
        // emit.
        av_log_set_level(LOG.isDebugEnabled() ? AV_LOG_INFO : AV_LOG_WARNING);
        bridge = new Bridge();
        bridge.retainReference();
        setLogCallback(bridge);
    }

    private static final class Bridge extends LogCallback {
        @Override
        public void call(int level, BytePointer msg) {
            String text = msg.getString().strip();
            if (text.isEmpty()) {
                return;
            }
            if (level <= AV_LOG_ERROR) {
                LOG.error(text);
            } else if (level <= AV_LOG_WARNING) {
                LOG.warn(text);
            } else {
                LOG.debug(text);
            }
        }
    }
}
