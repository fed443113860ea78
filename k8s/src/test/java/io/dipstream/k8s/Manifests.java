package io.dipstream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every document of every {@code *.yaml} under a directory, read strictly (see {@link
 * StrictModels}).
 */
final class Manifests {
    private final List<Manifest> all;

    private Manifests(List<Manifest> all) {
        this.all = List.copyOf(all);
    }

    /** The manifests that {@code kubectl apply -f dir} would apply, in its (file name) order. */
    static Manifests load(Path dir) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Manifest> out = new ArrayList<>();
        for (Path f : files) {
            int i = 0;
            for (JsonNode doc : documents(f)) {
                try {
                    out.add(
                            new Manifest(
                                    f.getFileName().toString(), i, doc, StrictModels.read(doc)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            f.getFileName() + " document " + i + ": " + e.getMessage(), e);
                }
                i++;
            }
        }
        return new Manifests(out);
    }

    static List<JsonNode> documents(Path f) {
        try (MappingIterator<JsonNode> it =
                StrictModels.YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isNull() && !d.isEmpty()) {
                    docs.add(d);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }

    List<Manifest> all() {
        return all;
    }

    /** Every resource of type {@code c}. */
    <T extends HasMetadata> List<T> of(Class<T> c) {
        return all.stream().map(Manifest::resource).filter(c::isInstance).map(c::cast).toList();
    }

    /** The one resource of type {@code c} named {@code name}. */
    <T extends HasMetadata> T named(Class<T> c, String name) {
        return of(c).stream()
                .filter(r -> name.equals(r.getMetadata().getName()))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no " + c.getSimpleName() + " named " + name + " in k8s/"));
    }
}
