package io.dipstream.cli;

import io.dipstream.dip.DipEngine;
import io.dipstream.dip.DipSettings;
import io.dipstream.dip.Image;
import io.dipstream.dip.Preset;
import io.dipstream.dip.Problem;
import io.dipstream.dip.Task;
import io.dipstream.frames.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dipstream bench-iteration}: the median time of full training iterations (noise, forward,
 * loss, backward, Adam, EMA, guard) after a warm-up, on a random image; last line {@code
 * ms_per_iteration=M}.
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
            description = "image side in pixels (default: ${DEFAULT-VALUE})")
    int size;

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

    @Override
    public Integer call() throws Exception {
        if (size < 1 || iterations < 1 || warmup < 0) {
            throw new BadInputException("--size and --iterations must be >= 1, --warmup >= 0");
        }
        DipSettings s = CliParsing.parse(() -> Preset.parse(preset)).settings(Task.DENOISE, 1);
        SplittableRandom rng = new SplittableRandom(1);
        float[] v = new float[3 * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble();
        }
        Problem p = Problem.denoise(new Image(3, size, size, v));
        long[] stamps = new long[iterations + 1];
        DipEngine engine = new DipEngine();
        if (warmup > 0) {
            engine.run(p, s.withIterations(warmup), 1, true, true, (d, t, l) -> {});
        }
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
        double median =
                iterations % 2 == 1
                        ? ms[iterations / 2]
                        : (ms[iterations / 2 - 1] + ms[iterations / 2]) / 2;
        System.out.printf(
                Locale.ROOT,
                "dipstream preset=%s size=%d params=%d threads=%s peak_rss_mib=%d%n",
                s.preset(),
                size,
                engine.network().params().size(),
                System.getProperty(
                        "dipstream.threads",
                        String.valueOf(Runtime.getRuntime().availableProcessors())),
                peakRssMib());
        if (Boolean.getBoolean("dipstream.profile")) {
            System.out.print(io.dipstream.dip.nn.LayerProfile.report());
        }
        System.out.printf(Locale.ROOT, "ms_per_iteration=%.1f%n", median);
        return 0;
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
