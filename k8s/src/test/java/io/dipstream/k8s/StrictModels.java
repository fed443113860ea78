package io.dipstream.k8s;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;

/**
 * Reads a manifest document into its resource's API model class (Strimzi's, the Flink operator's,
 * fabric8's Kubernetes model) the way a strict API server would: a field the model does not have,
 * or a value of the wrong type (a number where the schema says string), is an error naming it.
 *
 * <p>The models keep unknown fields in an "additional properties" map instead of refusing them, so
 * the reader takes that map away from every bean it builds.
 */
final class StrictModels {
    private static final Map<String, Class<? extends HasMetadata>> MODELS =
            Map.ofEntries(
                    Map.entry("v1/Namespace", Namespace.class),
                    Map.entry("v1/Secret", Secret.class),
                    Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
                    Map.entry("v1/ServiceAccount", ServiceAccount.class),
                    Map.entry("v1/ConfigMap", ConfigMap.class),
                    Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
                    Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
                    Map.entry("batch/v1/Job", Job.class),
                    Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
                    Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
                    Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
                    Map.entry("flink.apache.org/v1beta1/FlinkDeployment", FlinkDeployment.class));

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final ObjectMapper STRICT = strictMapper();

    private StrictModels() {}

    private static ObjectMapper strictMapper() {
        SimpleModule noUnknownFields = new SimpleModule("no-unknown-fields");
        noUnknownFields.setDeserializerModifier(
                new BeanDeserializerModifier() {
                    @Override
                    public BeanDeserializerBuilder updateBuilder(
                            DeserializationConfig config,
                            BeanDescription bean,
                            BeanDeserializerBuilder builder) {
                        builder.setAnySetter(null);
                        builder.setIgnoreUnknownProperties(false);
                        return builder;
                    }
                });
        JsonMapper m =
                JsonMapper.builder()
                        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                        .addModule(noUnknownFields)
                        .build();
        for (CoercionInputShape shape :
                new CoercionInputShape[] {
                    CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
                }) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return m;
    }

    /** The model class for a document's apiVersion and kind; an error if it is not one we know. */
    static Class<? extends HasMetadata> modelOf(JsonNode doc) {
        String key = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        Class<? extends HasMetadata> c = MODELS.get(key);
        if (c == null) {
            throw new IllegalArgumentException(
                    "no API model for " + key + " (known: " + MODELS.keySet() + ")");
        }
        return c;
    }

    /** The document read into its model; {@link IllegalArgumentException} naming the field. */
    static HasMetadata read(JsonNode doc) {
        Class<? extends HasMetadata> c = modelOf(doc);
        try {
            return STRICT.treeToValue(doc, c);
        } catch (JsonMappingException e) {
            String path =
                    e.getPath().stream()
                            .map(
                                    r ->
                                            r.getFieldName() != null
                                                    ? r.getFieldName()
                                                    : "" + r.getIndex())
                            .collect(Collectors.joining("."));
            String why = e.getOriginalMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException(c.getSimpleName() + " at " + path + ": " + why, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
