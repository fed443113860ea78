package io.dipstream.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.dipstream.job.RestoreJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.junit.jupiter.api.Test;

/**
 * The images the build makes with Jib (no Docker daemon): the CLI's and the job's carry what the
 * manifests run, under the names the manifests use.
 */
class ImagesTest {
    private static final Manifests M = Manifests.load(ManifestSchemaTest.DIR);
    private static final String CLI = System.getProperty("dipstream.image.cli");
    private static final String JOB = System.getProperty("dipstream.image.job");
    private static final String SUFFIX = System.getProperty("dipstream.image.suffix", "");

    @Test
    void theCliImageRunsTheCliWithItsNativesAndPassiveOpenMp() throws Exception {
        ImageTar cli = ImageTar.read(Path.of("..", "cli", "target", "jib-image.tar"));
        System.out.println("cli image " + cli.tags() + ": " + cli.paths().size() + " files");
        assertThat(cli.tags()).containsExactly(CLI + SUFFIX);
        assertThat(cli.config().path("Entrypoint").toString())
                .endsWith("\"io.dipstream.cli.Main\"]");
        assertThat(cli.config().path("Env").toString()).contains("OMP_WAIT_POLICY=PASSIVE");
        assertThat(cli.paths())
                .contains(
                        "app/classes/io/dipstream/cli/Main.class",
                        "app/libs/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2.jar",
                        "app/libs/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx512.jar",
                        "app/libs/ffmpeg-5.0-1.5.7-linux-x86_64-gpl.jar");
        List<String> classpath = new ArrayList<>();
        cli.open(
                "app/jib-classpath-file",
                (name, in) ->
                        classpath.addAll(
                                List.of(
                                        new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                                .trim()
                                                .split(":"))));
        assertThat(classpath).isNotEmpty();
        for (String entry : classpath) {
            if (!entry.endsWith("/classes") && !entry.endsWith("/resources")) {
                assertThat(cli.paths()).as("classpath entry").contains(entry.substring(1));
            }
        }
        for (Job j : M.of(Job.class)) {
            assertThat(j.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .as(j.getMetadata().getName())
                    .isEqualTo(CLI);
        }
    }

    @Test
    void theJobImageHasTheJobJarWhereTheFlinkDeploymentsLookWithoutFlinkItself() throws Exception {
        ImageTar job = ImageTar.read(Path.of("target", "jib-image.tar"));
        System.out.println("job image " + job.tags() + ": " + job.paths().size() + " files");
        assertThat(job.tags()).containsExactly(JOB + SUFFIX);
        assertThat(job.config().path("Env").toString()).contains("OMP_WAIT_POLICY=PASSIVE");
        assertThat(job.config().has("Entrypoint")).as("Flink's own entrypoint").isFalse();
        String jar = "opt/flink/usrlib/dipstream-job.jar";
        assertThat(job.paths()).contains(jar);
        List<String> mainClass = new ArrayList<>();
        List<String> flinkRuntime = new ArrayList<>();
        boolean[] operator = {false};
        job.open(
                jar,
                (name, in) -> {
                    JarInputStream j = new JarInputStream(in);
                    mainClass.add(j.getManifest().getMainAttributes().getValue("Main-Class"));
                    for (JarEntry e = j.getNextJarEntry(); e != null; e = j.getNextJarEntry()) {
                        if (e.getName().startsWith("org/apache/flink/runtime/")) {
                            flinkRuntime.add(e.getName());
                        }
                        operator[0] |=
                                e.getName().equals("io/dipstream/job/DipRestoreFunction.class");
                    }
                });
        assertThat(mainClass).containsExactly(RestoreJob.class.getName());
        assertThat(operator[0]).isTrue();
        assertThat(flinkRuntime).as("Flink comes from the cluster's image").isEmpty();
        assertThat(M.named(FlinkDeployment.class, "dipstream-restore").getSpec().getImage())
                .isEqualTo(JOB);
        assertThat(M.named(FlinkDeployment.class, "dipstream-restore-gpu").getSpec().getImage())
                .isEqualTo(JOB + "-cuda");
        assertThat(
                        M.named(FlinkDeployment.class, "dipstream-restore")
                                .getSpec()
                                .getJob()
                                .getJarURI())
                .isEqualTo("local:///" + jar);
    }
}
