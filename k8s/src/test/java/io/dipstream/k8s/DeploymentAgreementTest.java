package io.dipstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.cli.Main;
import io.dipstream.frames.KafkaConnection;
import io.dipstream.frames.SizeLimits;
import io.dipstream.frames.Topics;
import io.dipstream.job.JobConfig;
import io.dipstream.job.RestoreJob;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.kafka.listener.GenericKafkaListener;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.nodepool.ProcessRoles;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The manifests agree with the code they deploy: the broker and topic limits with the job's record
 * and transaction limits, the topic names with {@link Topics}, the job's and the CLI's arguments
 * with their parsers, and every Secret, volume claim and account they name exists.
 */
class DeploymentAgreementTest {
    private static final Manifests M = Manifests.load(ManifestSchemaTest.DIR);
    private static final SizeLimits LIMITS = SizeLimits.DEFAULT;

    private static Kafka kafka() {
        return M.of(Kafka.class).get(0);
    }

    /** host:port of the Strimzi cluster's plain internal listener. */
    private static String bootstrap() {
        GenericKafkaListener plain =
                kafka().getSpec().getKafka().getListeners().stream()
                        .filter(l -> !l.isTls())
                        .findFirst()
                        .orElseThrow();
        return kafka().getMetadata().getName() + "-kafka-bootstrap:" + plain.getPort();
    }

    @Test
    void theBrokerTakesTheJobsRecordsAndTransactionsInKRaftMode() {
        Map<String, Object> config = kafka().getSpec().getKafka().getConfig();
        LIMITS.broker().forEach((k, v) -> assertThat(config.get(k)).as(k).hasToString(v));
        long txMax = ((Number) config.get("transaction.max.timeout.ms")).longValue();
        JobConfig job = JobConfig.defaults(KafkaConnection.of("unused:9092"));
        assertThat(txMax).isGreaterThanOrEqualTo(job.transactionTimeout().toMillis());
        assertThat(kafka().getMetadata().getAnnotations())
                .containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        KafkaNodePool pool = M.of(KafkaNodePool.class).get(0);
        assertThat(pool.getMetadata().getLabels())
                .containsEntry("strimzi.io/cluster", kafka().getMetadata().getName());
        assertThat(pool.getSpec().getRoles())
                .contains(ProcessRoles.CONTROLLER, ProcessRoles.BROKER);
        int minIsr = ((Number) config.get("min.insync.replicas")).intValue();
        assertThat(pool.getSpec().getReplicas()).isGreaterThan(minIsr);
    }

    @Test
    void theTopicsAreThePipelinesWithItsLimitsAndEnoughPartitions() {
        List<KafkaTopic> topics = M.of(KafkaTopic.class);
        assertThat(topics)
                .extracting(t -> t.getSpec().getTopicName())
                .containsExactlyInAnyOrder(Topics.FRAMES, Topics.RESTORED, Topics.DEAD_LETTER);
        int maxParallelism =
                M.of(FlinkDeployment.class).stream()
                        .mapToInt(d -> d.getSpec().getJob().getParallelism())
                        .max()
                        .orElseThrow();
        for (KafkaTopic t : topics) {
            assertThat(t.getMetadata().getLabels())
                    .containsEntry("strimzi.io/cluster", kafka().getMetadata().getName());
            LIMITS.topic()
                    .forEach((k, v) -> assertThat(t.getSpec().getConfig().get(k)).hasToString(v));
            if (!t.getSpec().getTopicName().equals(Topics.DEAD_LETTER)) {
                assertThat(t.getSpec().getPartitions())
                        .as(t.getSpec().getTopicName() + " partitions")
                        .isGreaterThanOrEqualTo(maxParallelism);
            }
        }
    }

    @Test
    void theRestoreJobsArgumentsReachTheBrokerAndFitTheirTaskManagers() throws Exception {
        for (FlinkDeployment d : M.of(FlinkDeployment.class)) {
            var spec = d.getSpec();
            var job = spec.getJob();
            String name = d.getMetadata().getName();
            assertThat(job.getUpgradeMode()).as(name).isEqualTo(UpgradeMode.LAST_STATE);
            assertThat(job.getEntryClass()).isEqualTo(RestoreJob.class.getName());
            assertThat(RestoreJob.class.getMethod("main", String[].class)).isNotNull();
            assertThat(job.getJarURI()).isEqualTo("local:///opt/flink/usrlib/dipstream-job.jar");
            Map<String, String> args = pairs(job.getArgs());
            assertThat(args).containsEntry("--bootstrap-servers", bootstrap());
            int slots =
                    Integer.parseInt(
                            spec.getFlinkConfiguration().get("taskmanager.numberOfTaskSlots"));
            int threads = Integer.parseInt(args.get("--engine-threads"));
            assertThat((double) slots * threads)
                    .as(name + ": slots × engine threads = TaskManager cores")
                    .isEqualTo(spec.getTaskManager().getResource().getCpu());
            PodSpec tm = spec.getTaskManager().getPodTemplate().getSpec();
            Container main = mainContainer(tm);
            assertThat(env(main))
                    .containsEntry("OMP_WAIT_POLICY", "PASSIVE")
                    .containsEntry("OMP_NUM_THREADS", Integer.toString(threads));
            assertThat(args.get("--claim-dir"))
                    .startsWith(main.getVolumeMounts().get(0).getMountPath());
            Map<String, String> ann = spec.getPodTemplate().getMetadata().getAnnotations();
            assertThat(ann)
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry(
                            "prometheus.io/port",
                            spec.getFlinkConfiguration().get("metrics.reporter.prom.port"));
            assertReferencesExist(spec.getPodTemplate().getSpec());
            assertReferencesExist(tm);
            assertThat(M.named(ServiceAccount.class, spec.getServiceAccount())).isNotNull();
        }
    }

    @Test
    void theGpuVariantHasOneSlotPerGpuAndAsksForTheCudaEngine() {
        FlinkDeployment gpu = M.named(FlinkDeployment.class, "dipstream-restore-gpu");
        assertThat(gpu.getSpec().getFlinkConfiguration())
                .containsEntry("taskmanager.numberOfTaskSlots", "1");
        Container main = mainContainer(gpu.getSpec().getTaskManager().getPodTemplate().getSpec());
        assertThat(main.getResources().getLimits())
                .containsEntry("nvidia.com/gpu", new Quantity("1"));
        assertThat(pairs(gpu.getSpec().getJob().getArgs())).containsEntry("--engine", "cuda");
        FlinkDeployment cpu = M.named(FlinkDeployment.class, "dipstream-restore");
        Container cpuMain =
                mainContainer(cpu.getSpec().getTaskManager().getPodTemplate().getSpec());
        assertThat(cpuMain.getResources()).isNull();
    }

    @Test
    void ingestAndSinkJobsParseWithTheCliAndMeetOnOneStream() {
        Map<String, Map<String, String>> byCommand =
                M.of(Job.class).stream()
                        .collect(
                                Collectors.toMap(
                                        j -> mainArgs(j).get(0),
                                        j -> {
                                            List<String> a = mainArgs(j);
                                            new CommandLine(new Main())
                                                    .parseArgs(a.toArray(String[]::new));
                                            assertReferencesExist(
                                                    j.getSpec().getTemplate().getSpec());
                                            return pairs(
                                                    a.subList(1, a.size()).toArray(String[]::new));
                                        }));
        assertThat(byCommand).containsOnlyKeys("ingest", "sink");
        for (Map<String, String> a : byCommand.values()) {
            assertThat(a).containsEntry("--bootstrap-servers", bootstrap());
        }
        assertThat(byCommand.get("ingest").get("--stream-id"))
                .isEqualTo(byCommand.get("sink").get("--stream-id"));
        assertThat(byCommand.get("ingest").get("--claim-dir"))
                .isEqualTo(byCommand.get("sink").get("--claim-dir"));
    }

    private static List<String> mainArgs(Job j) {
        return j.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    }

    /** Options and their values; a flag without a value maps to "". */
    private static Map<String, String> pairs(String[] args) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            out.put(args[i], hasValue ? args[++i] : "");
        }
        return out;
    }

    private static Container mainContainer(PodSpec pod) {
        return pod.getContainers().stream()
                .filter(c -> c.getName().equals("flink-main-container"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no flink-main-container"));
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    /** Every Secret key and volume claim the pod names is in the manifests. */
    private static void assertReferencesExist(PodSpec pod) {
        for (Container c : pod.getContainers()) {
            for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    var ref = e.getValueFrom().getSecretKeyRef();
                    assertThat(M.named(Secret.class, ref.getName()).getStringData())
                            .containsKey(ref.getKey());
                }
            }
            for (var mount :
                    c.getVolumeMounts() == null
                            ? List.<io.fabric8.kubernetes.api.model.VolumeMount>of()
                            : c.getVolumeMounts()) {
                assertThat(pod.getVolumes()).extracting(Volume::getName).contains(mount.getName());
            }
        }
        for (Volume v : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            if (v.getPersistentVolumeClaim() != null) {
                assertThat(
                                M.named(
                                        PersistentVolumeClaim.class,
                                        v.getPersistentVolumeClaim().getClaimName()))
                        .isNotNull();
            }
        }
    }
}
