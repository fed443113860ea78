package io.dipstream.cli;

import io.dipstream.dip.DipEngine;
import io.dipstream.dip.DipSettings;
import io.dipstream.dip.Image;
import io.dipstream.dip.NativeRuntime;
import io.dipstream.dip.Preset;
import io.dipstream.dip.Problem;
import io.dipstream.dip.Task;
import io.dipstream.frames.BadInputException;
import io.dipstream.job.Workers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dipstream bench-iteration}: the median time of full training iterations (noise, forward,
 * loss, backward, Adam, EMA, guard) after a warm-up, on a random image; with {@code --workers N}, N
 * engines at once in this process, as the job's workers run. Last lines: {@code
 * iterations_per_second=S} (all workers together) and {@code ms_per_iteration=M} (the slowest
 * worker's median).
 */
@Command(
        name = "bench-iteration",
        mixinStandardHelpOptions = true,
        description = "Time DIP training iterations.")
final class BenchIterationCommand implements Callable<Integer> {
    @Option(
            names = "--preset",
            defaultValue = "paper",
            description = "paper, balanced or fast (default: ${DEFAULT-VALUE})")
    String preset;

    @Option(
            names = "--size",
            defaultValue = "256",
            description =
                    "image width (and height, unless --height) in pixels (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--height", description = "image height in pixels (default: --size)")
    Integer height;

    @Option(
            names = "--iterations",
            defaultValue = "5",
            description = "timed iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(
            names = "--warmup",
            defaultValue = "2",
            description = "untimed iterations first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--workers",
            defaultValue = "1",
            description =
                    "engines training at once in this process, one thread each, as the job's"
                            + " workers do; the time is each one's median (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(
            names = "--threads",
            description =
                    "native threads per worker (default: the cores divided among the workers)")
    Integer threads;

    @Mixin EngineOption engine = new EngineOption();

    @Override
    public Integer call() throws Exception {
        engine.select();
        if (size < 1
                || (height != null && height < 1)
                || iterations < 1
                || warmup < 0
                || workers < 1) {
            throw new BadInputException(
                    "--size, --height, --iterations and --workers must be >= 1, --warmup >= 0");
        }
        DipSettings s = CliParsing.parse(() -> Preset.parse(preset)).settings(Task.DENOISE, 1);
        Workers w = CliParsing.workers(workers, threads);
        double[] medians = new double[workers];
        long[] params = new long[1];
        List<Thread> running = new ArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(workers);
        for (int k = 0; k < workers; k++) {
            int worker = k;
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    NativeRuntime.limitThreads(w.threads());
                                    medians[worker] = medianMillis(s, start, params);
                                } catch (Throwable e) {
                                    failed.compareAndSet(null, e);
                                    start.reset();
                                }
                            },
                            "bench-worker-" + k);
            t.start();
            running.add(t);
        }
        for (Thread t : running) {
            t.join();
        }
        if (failed.get() != null) {
            throw new IllegalStateException(failed.get().getMessage(), failed.get());
        }
        double worst = Arrays.stream(medians).max().orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "dipstream preset=%s size=%dx%d params=%d workers=%d threads=%d peak_rss_mib=%d"
                        + " worker_ms=%s%n",
                s.preset(),
                size,
                rows(),
                params[0],
                w.parallelism(),
                w.threads(),
                peakRssMib(),
                Arrays.toString(medians));
        if (Boolean.getBoolean("dipstream.profile")) {
            System.out.print(io.dipstream.dip.nn.LayerProfile.report());
        }
        System.out.printf(
                Locale.ROOT,
                "iterations_per_second=%.3f%n",
                Arrays.stream(medians).map(m -> 1000 / m).sum());
        System.out.printf(Locale.ROOT, "ms_per_iteration=%.1f%n", worst);
        return 0;
    }

    /** One worker: its own image and engine; the median of its timed iterations. */
    private double medianMillis(DipSettings s, CyclicBarrier start, long[] params)
            throws Exception {
        SplittableRandom rng = new SplittableRandom(1);
        float[] v = new float[3 * rows() * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble();
        }
        Problem p = Problem.denoise(new Image(3, rows(), size, v));
        long[] stamps = new long[iterations + 1];
        DipEngine engine = new DipEngine();
        if (warmup > 0) {
            engine.run(p, s.withIterations(warmup), 1, true, true, (d, t, l) -> {});
        }
        params[0] = engine.network().params().size();
        // Every worker times the same stretch: all of them busy at once.
        start.await();
        io.dipstream.dip.nn.LayerProfile.reset();
        stamps[0] = System.nanoTime();
        engine.run(
                p,
                s.withIterations(iterations),
                1,
                false,
                false,
                (done, total, loss) -> stamps[done] = System.nanoTime());
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            ms[i] = (stamps[i + 1] - stamps[i]) / 1e6;
        }
        Arrays.sort(ms);
        return iterations % 2 == 1
                ? ms[iterations / 2]
                : (ms[iterations / 2 - 1] + ms[iterations / 2]) / 2;
    }

    private int rows() {
        return height != null ? height : size;
    }

    /** VmHWM of this process (Linux), or -1. */
    static long peakRssMib() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
