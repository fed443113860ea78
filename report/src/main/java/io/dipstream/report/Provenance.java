package io.dipstream.report;

import io.dipstream.ingest.VideoInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.opencv.global.opencv_core;

/**
 * The provenance table: the caller's settings first, in their order, then what the report knows
 * itself (the clips, the software, the machine and the time).
 */
final class Provenance {
    private Provenance() {}

    static Map<String, String> of(ReportSpec spec, Measurements m) {
        Map<String, String> p = new LinkedHashMap<>(spec.settings());
        clip(p, "input", spec.input(), m.inputInfo(), m.frames());
        clip(p, "restored", spec.restored(), m.restoredInfo(), m.frames());
        if (m.hasReference()) {
            clip(p, "reference", spec.reference(), m.referenceInfo(), m.frames());
        }
        p.put("still_frame", Long.toString(m.still().index()));
        p.put("dipstream_version", version());
        p.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("host", host());
        p.put(
                "java",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("ffmpeg", avutil.av_version_info().getString());
        p.put("opencv", opencv_core.CV_VERSION());
        return p;
    }

    private static void clip(
            Map<String, String> p, String role, Path path, VideoInfo info, long n) {
        p.put(role, path.toAbsolutePath().toString());
        p.put(
                role + "_format",
                String.format(
                        Locale.ROOT,
                        "%dx%d, %d frames, %.3f fps, %s",
                        info.width(),
                        info.height(),
                        n,
                        info.fps(),
                        info.formatName()));
    }

    /** The version Maven filtered into version.properties. */
    static String version() {
        Properties props = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
        return props.getProperty("version", "unknown");
    }

    private static String host() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
