package io.dipstream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One document of a manifest file: where it came from, its YAML as read, and the same read into its
 * resource's API model.
 */
record Manifest(String file, int document, JsonNode yaml, HasMetadata resource) {
    String kind() {
        return resource.getKind();
    }

    String name() {
        return resource.getMetadata().getName();
    }

    @Override
    public String toString() {
        return file + "#" + document + " " + kind() + " " + name();
    }
}
