package io.dipstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.junit.jupiter.api.Test;

/**
 * Each FlinkDeployment's flinkConfiguration as the job's own Flink (1.20) reads it: every key is
 * one Flink knows (or belongs to a plugin or the operator), the state is RocksDB with incremental
 * checkpoints on S3, high availability is Kubernetes', and the TaskManager memory adds up.
 */
class FlinkSettingsTest {
    private static final Manifests M = Manifests.load(ManifestSchemaTest.DIR);

    /** Keys read by others than Flink's core: the S3 plugin, reporters, the operator. */
    private static final List<String> PREFIXES =
            List.of("s3.", "metrics.reporter.prom.", "kubernetes.operator.");

    @Test
    void everyKeyIsOneFlinkOrAPluginKnows() throws Exception {
        Set<String> known = knownKeys();
        for (FlinkDeployment d : M.of(FlinkDeployment.class)) {
            for (String key : d.getSpec().getFlinkConfiguration().keySet()) {
                boolean ok = known.contains(key) || PREFIXES.stream().anyMatch(key::startsWith);
                assertThat(ok)
                        .as(d.getMetadata().getName() + ": unknown Flink key " + key)
                        .isTrue();
            }
        }
        assertThat(known)
                .contains("state.backend.incremental")
                .doesNotContain("state.backend.incremantal");
    }

    @Test
    void stateIsRocksDbIncrementalOnS3WithKubernetesHa() {
        for (FlinkDeployment d : M.of(FlinkDeployment.class)) {
            Configuration c = Configuration.fromMap(d.getSpec().getFlinkConfiguration());
            String name = d.getMetadata().getName();
            assertThat(c.get(StateBackendOptions.STATE_BACKEND)).as(name).isEqualTo("rocksdb");
            assertThat(c.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).as(name).isTrue();
            assertThat(c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).startsWith("s3://");
            assertThat(c.get(CheckpointingOptions.SAVEPOINT_DIRECTORY)).startsWith("s3://");
            assertThat(c.get(HighAvailabilityOptions.HA_MODE)).isEqualTo("kubernetes");
            assertThat(c.get(HighAvailabilityOptions.HA_STORAGE_PATH)).startsWith("s3://");
        }
    }

    @Test
    void thePrometheusReporterIsFlinksOwn() throws Exception {
        for (FlinkDeployment d : M.of(FlinkDeployment.class)) {
            String factory =
                    d.getSpec().getFlinkConfiguration().get("metrics.reporter.prom.factory.class");
            assertThat(org.apache.flink.metrics.reporter.MetricReporterFactory.class)
                    .isAssignableFrom(Class.forName(factory));
        }
    }

    @Test
    void theTaskManagerMemoryAddsUpWithRoomForTheNativeBuffers() {
        for (FlinkDeployment d : M.of(FlinkDeployment.class)) {
            Map<String, String> conf = new java.util.HashMap<>(d.getSpec().getFlinkConfiguration());
            conf.put(
                    TaskManagerOptions.TOTAL_PROCESS_MEMORY.key(),
                    d.getSpec().getTaskManager().getResource().getMemory());
            Configuration c = Configuration.fromMap(conf);
            var spec = TaskExecutorProcessUtils.processSpecFromConfig(c);
            MemorySize offHeap = c.get(TaskManagerOptions.TASK_OFF_HEAP_MEMORY);
            assertThat(spec.getTaskOffHeapSize()).isEqualTo(offHeap);
            assertThat(c.get(CoreOptions.FLINK_TM_JVM_OPTIONS))
                    .contains(
                            "-Dorg.bytedeco.javacpp.maxbytes="
                                    + conf.get(TaskManagerOptions.TASK_OFF_HEAP_MEMORY.key()));
        }
    }

    /** Keys (and their deprecated and fallback keys) of Flink's option classes the job uses. */
    private static Set<String> knownKeys() throws IllegalAccessException {
        Set<String> keys = new HashSet<>();
        for (Class<?> c :
                List.of(
                        CheckpointingOptions.class,
                        StateBackendOptions.class,
                        StateRecoveryOptions.class,
                        HighAvailabilityOptions.class,
                        TaskManagerOptions.class,
                        JobManagerOptions.class,
                        CoreOptions.class,
                        MetricOptions.class)) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                    ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                    keys.add(o.key());
                    for (FallbackKey k : o.fallbackKeys()) {
                        keys.add(k.getKey());
                    }
                }
            }
        }
        return keys;
    }
}
