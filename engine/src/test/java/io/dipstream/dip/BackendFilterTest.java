package io.dipstream.dip;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendFilterTest {
    @TempDir Path dir;

    private URL root(String name, String services) throws Exception {
        Path file = dir.resolve(name).resolve(BackendFilter.SERVICES);
        Files.createDirectories(file.getParent());
        Files.writeString(file, services);
        Files.writeString(dir.resolve(name).resolve("other.txt"), name);
        return dir.resolve(name).toUri().toURL();
    }

    @Test
    void leavesOutOnlyTheServiceFilesThatNameTheHiddenBackend() throws Exception {
        URL cpu = root("cpu", "# license\norg.nd4j.linalg.cpu.nativecpu.CpuBackend\n");
        URL cuda = root("cuda", "# license\n  " + Backends.CUDA_BACKEND + "  # the GPU one\n");
        try (URLClassLoader parent = new URLClassLoader(new URL[] {cpu, cuda}, null)) {
            BackendFilter f = new BackendFilter(parent, Backends.CUDA_BACKEND);
            List<URL> seen = Collections.list(f.getResources(BackendFilter.SERVICES));
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).toString()).contains("/cpu/");
            // Everything else is the parent's.
            assertThat(Collections.list(f.getResources("other.txt"))).hasSize(2);
            assertThat(Collections.list(parent.getResources(BackendFilter.SERVICES))).hasSize(2);
        }
    }
}
