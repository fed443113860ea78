package io.dipstream.dip;

import io.dipstream.dip.BackendDecision.Backend;
import io.dipstream.frames.BadInputException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses ND4J's backend (CPU or CUDA) for this process before ND4J starts, and makes ND4J start
 * that one.
 *
 * <p>Guarantees: {@link #decide} is a pure function of the choice and the {@link BackendProbe}'s
 * facts: {@code cpu} is the CPU; {@code cuda} is CUDA only when this build has the CUDA backend and
 * every GPU the driver lists has kernels in it ({@link Gpu#nd4jHasKernels}), else a {@link
 * BadInputException} of one line naming what is missing (the CUDA build, the driver, or the GPU and
 * its compute capability); {@code auto} is CUDA where {@code cuda} would be, else the CPU with a
 * notice saying why. {@link #select} decides once per process, before ND4J loads, with this
 * machine's facts: ND4J picks the available backend of highest priority, which is CUDA whenever a
 * GPU is present (a Hopper GPU included, whose kernels then fail), so where the CPU is chosen in a
 * build that has both, the CUDA backend is hidden from ND4J ({@link BackendFilter}). ND4J cannot
 * change backends once started: a later, different explicit choice in the same process is refused.
 */
public final class Backends {
    /** ND4J's CUDA backend: on the class path only in a {@code -Pcuda} build. */
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private static final String KERNELS =
            "ND4J 1.0.0-M2.1's CUDA build has kernels for compute capability 3.7 to 8.6 only"
                    + " (K80 to Ada)";

    private static BackendDecision selected;

    private Backends() {}

    /**
     * The backend for {@code choice} given {@code probe}'s facts; asks for the GPUs only where the
     * CUDA build is present.
     *
     * @throws BadInputException for {@code cuda} where CUDA cannot run, naming why
     */
    public static BackendDecision decide(EngineChoice choice, BackendProbe probe) {
        if (choice == EngineChoice.CPU) {
            return new BackendDecision(Backend.CPU, "");
        }
        String reason;
        String advice;
        if (!probe.cudaBuild()) {
            reason = "this build has no CUDA backend";
            advice = "rebuild with mvn -Pcuda";
        } else {
            GpuScan scan = probe.gpus();
            reason = scan.problem() != null ? scan.problem() : unsupported(scan.gpus());
            if (reason == null) {
                return new BackendDecision(Backend.CUDA, "engine: CUDA on " + names(scan.gpus()));
            }
            advice = scan.gpus().isEmpty() ? "" : "use --engine cpu";
        }
        if (choice == EngineChoice.CUDA) {
            throw new BadInputException(
                    "--engine cuda: " + reason + (advice.isEmpty() ? "" : ": " + advice));
        }
        return new BackendDecision(
                Backend.CPU, "engine: CPU (" + cpuLabel(probe.cpuBuild()) + "): " + reason);
    }

    /**
     * Decides {@code choice} for this process with this machine's facts and makes ND4J start that
     * backend; the first call decides (and logs the notice), later ones get that decision where
     * they agree with it. Call it before anything touches ND4J.
     *
     * @throws BadInputException for {@code cuda} where CUDA cannot run, or for an explicit choice
     *     other than the backend this process already started
     */
    public static synchronized BackendDecision select(EngineChoice choice) {
        BackendProbe probe = BackendProbe.system();
        if (selected != null) {
            return again(selected, choice, probe);
        }
        // The CPU path's oneDNN build and FFmpeg first: both must precede ND4J.
        NativeRuntime.configureNatives();
        BackendDecision d = decide(choice, probe);
        if (d.backend() == Backend.CUDA) {
            NativeRuntime.useExtension(NativeRuntime.cudaExtension());
        } else if (probe.cudaBuild()) {
            BackendFilter.hide(CUDA_BACKEND);
        }
        selected = d;
        if (d.hasNotice()) {
            LOG.info(d.notice());
        }
        // Started here, in the thread that chose (a command's main thread), not later in
        // whichever thread first touches ND4J.
        NativeRuntime.configure();
        return d;
    }

    /** The backend this process runs on: {@code auto}'s unless a command chose first. */
    static synchronized BackendDecision current() {
        return selected != null ? selected : select(EngineChoice.AUTO);
    }

    /** {@code choice} asked for again in a process that already started {@code started}. */
    static BackendDecision again(BackendDecision started, EngineChoice choice, BackendProbe probe) {
        if (choice == EngineChoice.AUTO || choice.name().equals(started.backend().name())) {
            return started;
        }
        // Where CUDA could not run anyway, that is the more useful thing to say.
        decide(choice, probe);
        throw new BadInputException(
                "--engine "
                        + choice.cliName()
                        + ": this process already runs ND4J on "
                        + started.backend()
                        + ", and ND4J cannot change backends once started");
    }

    /** Why {@code gpus} cannot run ND4J's CUDA kernels, or null where every one can. */
    private static String unsupported(List<Gpu> gpus) {
        if (gpus.isEmpty()) {
            return "nvidia-smi lists no GPU";
        }
        for (int i = 0; i < gpus.size(); i++) {
            Gpu g = gpus.get(i);
            if (!g.nd4jHasKernels()) {
                // ND4J spreads its threads over every visible GPU: one without kernels fails.
                String which =
                        gpus.size() == 1
                                ? "the GPU is "
                                : "GPU " + (i + 1) + " of " + gpus.size() + " is ";
                return which
                        + g
                        + "; "
                        + KERNELS
                        + (g.major() >= 9 ? ", none for Hopper or newer" : ", none for older GPUs");
            }
        }
        return null;
    }

    private static String names(List<Gpu> gpus) {
        return gpus.size() == 1
                ? gpus.get(0).toString()
                : gpus.size()
                        + " GPUs: "
                        + gpus.stream().map(Gpu::toString).collect(Collectors.joining(", "));
    }

    /** "oneDNN avx2" for {@code -onednn-avx2}; "plain" for no extension. */
    static String cpuLabel(String extension) {
        if (extension == null || extension.isBlank()) {
            return "plain";
        }
        String e = extension.strip().replaceFirst("^-", "");
        return e.startsWith("onednn-") ? "oneDNN " + e.substring("onednn-".length()) : e;
    }
}
