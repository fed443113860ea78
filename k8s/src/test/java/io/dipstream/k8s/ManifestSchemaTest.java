package io.dipstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under {@code k8s/manifests} reads into its resource's own API model with no field
 * the model lacks, and every FlinkDeployment conforms to the operator's CRD schema; the checks
 * themselves refuse a misspelt field at each level.
 */
class ManifestSchemaTest {
    static final Path DIR = Path.of("manifests");

    private static final CrdSchema FLINK_DEPLOYMENT =
            CrdSchema.fromClassPath(
                    "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml", "v1beta1");

    @Test
    void everyDocumentReadsIntoItsModelAndTheCrdSchema() {
        Manifests m = Manifests.load(DIR);
        List<String> report = new ArrayList<>();
        for (Manifest d : m.all()) {
            String schema = "model " + d.resource().getClass().getName();
            if (d.kind().equals("FlinkDeployment")) {
                assertThat(FLINK_DEPLOYMENT.violations(d.yaml())).as(d.toString()).isEmpty();
                schema += " + CRD flinkdeployments.flink.apache.org v1beta1";
            }
            report.add(
                    String.format(
                            "%-26s %-22s %-26s ok (%s)", d.file(), d.kind(), d.name(), schema));
        }
        System.out.println("k8s manifests validated (" + report.size() + " documents):");
        report.forEach(r -> System.out.println("  " + r));
        assertThat(m.all())
                .extracting(Manifest::kind)
                .contains(
                        "Kafka",
                        "KafkaNodePool",
                        "KafkaTopic",
                        "FlinkDeployment",
                        "Job",
                        "Secret",
                        "PersistentVolumeClaim");
    }

    @Test
    void aMisspeltFieldIsRefusedWhereverItIs() {
        // Strimzi's model: a field of the Kafka cluster spec.
        assertRefused("10-kafka.yaml", 1, "spec.kafka", "listenrs", "listenrs");
        // Strimzi's model: a topic spec field.
        assertRefused("20-topics.yaml", 0, "spec", "partitons", "partitons");
        // The Flink operator's model: the job spec.
        assertRefused("40-restore-job.yaml", 0, "spec.job", "upgradeMod", "upgradeMod");
        // fabric8's Pod inside the operator's pod template.
        assertRefused(
                "40-restore-job.yaml",
                0,
                "spec.taskManager.podTemplate.spec",
                "containrs",
                "containrs");
        // fabric8's batch Job.
        assertRefused("50-ingest.yaml", 0, "spec", "backofLimit", "backofLimit");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        JsonNode doc = Manifests.documents(DIR.resolve("40-restore-job.yaml")).get(0);
        ObjectNode conf = (ObjectNode) at(doc, "spec.flinkConfiguration");
        conf.put("taskmanager.numberOfTaskSlots", 2);
        assertThatThrownBy(() -> StrictModels.read(doc))
                .hasMessageContaining("taskmanager.numberOfTaskSlots");
        assertThat(FLINK_DEPLOYMENT.violations(doc))
                .containsExactly(
                        "spec.flinkConfiguration.taskmanager.numberOfTaskSlots: expected a string,"
                                + " got NUMBER");
    }

    @Test
    void theCrdSchemaRefusesUnknownFieldsAndValuesOutsideItsEnums() {
        JsonNode doc = Manifests.documents(DIR.resolve("40-restore-job.yaml")).get(0);
        ((ObjectNode) at(doc, "spec.job")).put("upgradeMode", "latest-state");
        ((ObjectNode) at(doc, "spec.jobManager")).put("replica", 1);
        assertThat(FLINK_DEPLOYMENT.violations(doc))
                .anyMatch(v -> v.startsWith("spec.job.upgradeMode: \"latest-state\" is not one of"))
                .contains("spec.jobManager.replica: unknown field");
    }

    @Test
    void aKindWithoutAModelIsRefused() {
        JsonNode doc = Manifests.documents(DIR.resolve("00-namespace.yaml")).get(0);
        ((ObjectNode) doc).put("kind", "Namespaces");
        assertThatThrownBy(() -> StrictModels.read(doc)).hasMessageContaining("v1/Namespaces");
    }

    private static void assertRefused(
            String file, int document, String parent, String field, String named) {
        JsonNode doc = Manifests.documents(DIR.resolve(file)).get(document);
        StrictModels.read(doc.deepCopy());
        ((ObjectNode) at(doc, parent)).put(field, 1);
        assertThatThrownBy(() -> StrictModels.read(doc))
                .as(file + " " + parent + "." + field)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(named);
    }

    private static JsonNode at(JsonNode doc, String dotted) {
        JsonNode n = doc;
        for (String part : dotted.split("\\.")) {
            n = n.isArray() ? n.get(Integer.parseInt(part)) : n.get(part);
        }
        return n;
    }
}
