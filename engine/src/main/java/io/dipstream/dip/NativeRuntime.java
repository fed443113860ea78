package io.dipstream.dip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;

/**
 * Chooses ND4J's oneDNN native build for this CPU before any JavaCPP class loads.
 *
 * <p>The plain {@code nd4j-native} classifiers are built without oneDNN, which makes convolutions
 * about 8x slower (DESIGN §8). {@link #configure()} sets {@code
 * org.bytedeco.javacpp.platform.extension} to {@code -onednn-avx512} or {@code -onednn-avx2} from
 * the CPU flags unless the user already set it. It must run before ND4J, OpenCV or FFmpeg is first
 * touched; every engine entry point calls it, and calling it again is harmless. It starts ND4J on
 * the backend {@link Backends} chose ({@code auto}'s where no command chose first); {@link
 * #configureNatives} does the rest without touching ND4J, for code that needs OpenCV or FFmpeg
 * before the backend is chosen.
 */
public final class NativeRuntime {
    private static final String KEY = "org.bytedeco.javacpp.platform.extension";
    private static final String SHORT_KEY = "javacpp.platform.extension";
    private static volatile boolean nativesConfigured;
    private static volatile boolean configured;

    private NativeRuntime() {}

    /**
     * Sets the native extension, loads FFmpeg, chooses ND4J's backend (see {@link Backends}) and
     * starts ND4J, once; returns the extension in force.
     */
    public static String configure() {
        if (!configured) {
            // Backends' lock before this class's, always: select() calls configureNatives().
            Backends.current();
            startNd4j();
        }
        return System.getProperty(KEY);
    }

    private static synchronized void startNd4j() {
        if (!configured) {
            // ND4J keeps the thread's context class loader of its first use for good: in a Flink
            // task that is the job's user-code loader, closed when the job ends, which broke the
            // next job in the same process (an embedded run's MiniCluster, a TaskManager's next
            // job).
            Thread t = Thread.currentThread();
            ClassLoader context = t.getContextClassLoader();
            t.setContextClassLoader(NativeRuntime.class.getClassLoader());
            try {
                startNd4jHere();
            } finally {
                t.setContextClassLoader(context);
            }
        }
    }

    private static void startNd4jHere() {
        // ND4J's default SCOPE_PANIC checks add tens of µs to every op call; the engine
        // allocates outside workspaces, so there is nothing for them to catch.
        org.nd4j.linalg.factory.Nd4j.getExecutioner()
                .setProfilingMode(
                        org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode.DISABLED);
        configured = true;
    }

    /**
     * Sets the native extension and loads FFmpeg once, loading no ND4J class; returns the extension
     * in force.
     */
    public static synchronized String configureNatives() {
        if (!nativesConfigured) {
            String chosen = System.getProperty(KEY, System.getProperty(SHORT_KEY));
            if (chosen == null) {
                chosen = extensionFor(cpuFlags());
            }
            preloadFfmpeg();
            useExtension(chosen);
            nativesConfigured = true;
        }
        return System.getProperty(KEY);
    }

    /**
     * Makes JavaCPP load natives built for {@code extension} ("" for the plain ones) from now on.
     */
    static synchronized void useExtension(String extension) {
        System.setProperty(KEY, extension);
        System.setProperty(SHORT_KEY, extension);
        // JavaCPP caches its properties on first use: the cache must say the same.
        Loader.loadProperties().setProperty("platform.extension", extension);
    }

    /**
     * The extension of ND4J's CUDA natives to load: {@code -cudnn} where the cuDNN build is on the
     * class path ({@code -Pcuda} adds it), else the plain build's.
     */
    static String cudaExtension() {
        String lib =
                "org/nd4j/linalg/jcublas/bindings/"
                        + Loader.getPlatform()
                        + "-cudnn/"
                        + System.mapLibraryName("jnind4jcuda");
        return NativeRuntime.class.getClassLoader().getResource(lib) != null ? "-cudnn" : "";
    }

    /**
     * Limits the native ops that the calling thread starts to {@code threads} OpenMP threads (the
     * count is kept per calling thread, so each worker thread sets its own).
     */
    public static void limitThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        configure();
        org.nd4j.nativeblas.NativeOpsHolder.getInstance()
                .getDeviceNativeOps()
                .setOmpNumThreads(threads);
    }

    /** The OpenMP threads a native op started from the calling thread would use. */
    public static int threads() {
        if (!configured) {
            configure();
        }
        return org.nd4j.nativeblas.NativeOpsHolder.getInstance()
                .getDeviceNativeOps()
                .ompGetMaxThreads();
    }

    /**
     * FFmpeg's GPL build (the one with libx264) lives under the "-gpl" extension and ND4J's under
     * "-onednn-*"; JavaCPP has one global extension, so when JavaCV is on the class path its FFmpeg
     * libraries are loaded first under their own extension.
     */
    private static void preloadFfmpeg() {
        Class<?> grabber;
        try {
            ClassLoader cl = NativeRuntime.class.getClassLoader();
            // JavaCV alone (OpenCV only) is not enough: the FFmpeg presets must be there too.
            Class.forName("org.bytedeco.ffmpeg.global.avutil", false, cl);
            grabber = Class.forName("org.bytedeco.javacv.FFmpegFrameGrabber", false, cl);
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        Properties p = Loader.loadProperties();
        String before = p.getProperty("platform.extension");
        p.setProperty("platform.extension", "-gpl");
        try {
            grabber.getMethod("tryLoad").invoke(null);
            Class.forName("org.bytedeco.javacv.FFmpegFrameRecorder")
                    .getMethod("tryLoad")
                    .invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load FFmpeg's native libraries", e);
        } finally {
            if (before == null) {
                p.remove("platform.extension");
            } else {
                p.setProperty("platform.extension", before);
            }
        }
    }

    /** The oneDNN build that this CPU's flags can run. */
    static String extensionFor(String flags) {
        String f = " " + flags.toLowerCase(Locale.ROOT) + " ";
        if (f.contains(" avx512f ") && f.contains(" avx512bw ") && f.contains(" avx512vl ")) {
            return "-onednn-avx512";
        }
        return "-onednn-avx2";
    }

    private static String cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
