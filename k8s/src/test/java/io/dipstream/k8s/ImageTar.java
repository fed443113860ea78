package io.dipstream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A container image as {@code jib:buildTar} writes it (Docker's {@code docker save} layout): its
 * tags, its configuration, and the paths in its layers, with a way to read one file of a layer.
 */
final class ImageTar {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path tar;
    private final List<String> tags = new ArrayList<>();
    private final List<String> layers = new ArrayList<>();
    private final Set<String> paths = new LinkedHashSet<>();
    private JsonNode config;

    private ImageTar(Path tar) {
        this.tar = tar;
    }

    /** Reads {@code tar}; an error naming the command to build it when it is missing. */
    static ImageTar read(Path tar) {
        if (!Files.isRegularFile(tar)) {
            throw new IllegalStateException(
                    tar + " is missing: build it with mvn package (jib:buildTar) first");
        }
        ImageTar image = new ImageTar(tar);
        Map<String, byte[]> small = new HashMap<>();
        image.eachEntry(
                (name, in) -> {
                    if (name.endsWith(".json")) {
                        small.put(name, in.readAllBytes());
                    }
                });
        try {
            JsonNode manifest = JSON.readTree(small.get("manifest.json")).get(0);
            manifest.path("RepoTags").forEach(t -> image.tags.add(t.asText()));
            manifest.path("Layers").forEach(l -> image.layers.add(l.asText()));
            image.config =
                    JSON.readTree(small.get(manifest.path("Config").asText())).path("config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        image.eachEntry(
                (name, in) -> {
                    if (image.layers.contains(name)) {
                        eachFile(in, (path, file) -> image.paths.add(path), p -> false);
                    }
                });
        return image;
    }

    List<String> tags() {
        return tags;
    }

    /** The image's configuration: Env, Entrypoint, WorkingDir, ... */
    JsonNode config() {
        return config;
    }

    /** Every regular file of every layer, without a leading slash. */
    Set<String> paths() {
        return paths;
    }

    /** Calls {@code reader} with the contents of the file at {@code path} in the layers. */
    void open(String path, EntryReader reader) {
        eachEntry(
                (name, in) -> {
                    if (layers.contains(name)) {
                        eachFile(in, (p, file) -> {}, path::equals, reader);
                    }
                });
    }

    interface EntryReader {
        void read(String name, InputStream in) throws IOException;
    }

    private void eachEntry(EntryReader r) {
        try (TarArchiveInputStream in =
                new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                r.read(e.getName(), in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(tar + ": " + e.getMessage(), e);
        }
    }

    private static void eachFile(InputStream layer, EntryReader names, Predicate<String> wanted)
            throws IOException {
        eachFile(layer, names, wanted, (n, in) -> {});
    }

    private static void eachFile(
            InputStream layer, EntryReader names, Predicate<String> wanted, EntryReader reader)
            throws IOException {
        TarArchiveInputStream files =
                new TarArchiveInputStream(new GZIPInputStream(layer, 1 << 16));
        for (TarArchiveEntry f = files.getNextEntry(); f != null; f = files.getNextEntry()) {
            if (f.isFile()) {
                String p = f.getName().replaceFirst("^\\./", "").replaceFirst("^/", "");
                names.read(p, files);
                if (wanted.test(p)) {
                    reader.read(p, files);
                }
            }
        }
    }
}
