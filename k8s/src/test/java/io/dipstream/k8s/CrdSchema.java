package io.dipstream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A custom resource's OpenAPI v3 schema as its CRD gives it to the API server, and the check a
 * strict {@code kubectl apply --validate=strict} makes with it: every field must be declared
 * (unless the schema preserves unknown fields), and every value must have the declared type and,
 * where the schema lists them, one of the allowed values.
 */
final class CrdSchema {
    private final JsonNode root;

    private CrdSchema(JsonNode root) {
        this.root = root;
    }

    /** The schema of {@code version} in the CRD at {@code resource} on the class path. */
    static CrdSchema fromClassPath(String resource, String version) {
        try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no CRD " + resource + " on the class path");
            }
            JsonNode crd = StrictModels.YAML.readTree(in);
            for (JsonNode v : crd.path("spec").path("versions")) {
                if (version.equals(v.path("name").asText())) {
                    return new CrdSchema(v.path("schema").path("openAPIV3Schema"));
                }
            }
            throw new IllegalStateException(resource + " has no version " + version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every violation, each as "path: problem"; empty when the document conforms. */
    List<String> violations(JsonNode doc) {
        List<String> out = new ArrayList<>();
        // apiVersion, kind and metadata belong to every object; the API server checks them itself.
        ObjectNode body = doc.deepCopy();
        body.remove(List.of("apiVersion", "kind", "metadata"));
        check(body, root, "", out);
        return out;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> out) {
        String type = schema.path("type").asText("");
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                out.add(path + ": expected an integer or a string, got " + value.getNodeType());
            }
            return;
        }
        switch (type) {
            case "object" -> checkObject(value, schema, path, out);
            case "array" -> {
                if (!value.isArray()) {
                    out.add(path + ": expected an array, got " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.path("items"), path + "[" + i + "]", out);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    out.add(path + ": expected a string, got " + value.getNodeType());
                } else if (schema.has("enum") && !contains(schema.get("enum"), value)) {
                    out.add(path + ": " + value + " is not one of " + schema.get("enum"));
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    out.add(path + ": expected an integer, got " + value.getNodeType());
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    out.add(path + ": expected a number, got " + value.getNodeType());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(path + ": expected a boolean, got " + value.getNodeType());
                }
            }
            default -> {
                // No type: the schema leaves the value open.
            }
        }
    }

    private static void checkObject(
            JsonNode value, JsonNode schema, String path, List<String> out) {
        if (!value.isObject()) {
            out.add(path + ": expected an object, got " + value.getNodeType());
            return;
        }
        JsonNode props = schema.path("properties");
        JsonNode extra = schema.path("additionalProperties");
        // An object schema that declares no fields at all (metadata, which the API server checks on
        // its own) leaves them open.
        boolean open =
                schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                        || (!schema.has("properties") && !schema.has("additionalProperties"));
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String at = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            if (props.has(f.getKey())) {
                check(f.getValue(), props.get(f.getKey()), at, out);
            } else if (extra.isObject()) {
                check(f.getValue(), extra, at, out);
            } else if (!open && !extra.asBoolean(false)) {
                out.add(at + ": unknown field");
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                out.add((path.isEmpty() ? "" : path + ".") + required.asText() + ": missing");
            }
        }
    }

    private static boolean contains(JsonNode values, JsonNode v) {
        for (JsonNode x : values) {
            if (x.equals(v)) {
                return true;
            }
        }
        return false;
    }
}
