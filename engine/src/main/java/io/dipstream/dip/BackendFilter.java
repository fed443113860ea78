package io.dipstream.dip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.nd4j.common.config.ND4JClassLoading;

/**
 * ND4J's class loader, less one backend: ND4J finds its backends with a {@link
 * java.util.ServiceLoader} on {@link ND4JClassLoading}'s loader and starts the available one of
 * highest priority, settable otherwise only through environment variables ({@code
 * BACKEND_PRIORITY_CPU}/{@code _GPU}, read once, which a running JVM cannot set). This loader
 * answers every class and resource as its parent does, except that the service files naming the
 * hidden backend are left out.
 */
final class BackendFilter extends ClassLoader {
    static final String SERVICES = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    private final String hidden;

    BackendFilter(ClassLoader parent, String hidden) {
        super(parent);
        this.hidden = hidden;
    }

    /** Makes ND4J blind to {@code backendClass}; must run before ND4J's first backend lookup. */
    static void hide(String backendClass) {
        ClassLoader current = ND4JClassLoading.getNd4jClassloader();
        ND4JClassLoading.setNd4jClassloader(
                new BackendFilter(
                        current != null ? current : BackendFilter.class.getClassLoader(),
                        backendClass));
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!SERVICES.equals(name)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        for (URL u : Collections.list(all)) {
            if (!names(u, hidden)) {
                kept.add(u);
            }
        }
        return Collections.enumeration(kept);
    }

    /** Whether the service file at {@code url} lists {@code provider}. */
    static boolean names(URL url, String provider) {
        try (InputStream in = url.openStream();
                BufferedReader r =
                        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().map(l -> l.replaceFirst("#.*", "").strip()).anyMatch(provider::equals);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }
}
