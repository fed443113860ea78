package io.dipstream.dip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists this machine's NVIDIA GPUs and their compute capabilities by asking the driver's own tool
 * ({@code nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader}), without loading CUDA
 * into this process.
 *
 * <p>Guarantees: {@link #scan} returns within about its timeout and never throws; a missing tool
 * reads as no driver, a failing or silent one as a {@link GpuScan#problem} quoting it.
 */
public final class NvidiaSmi {
    /** The driver's tool, asked for what the backend choice needs. */
    public static final NvidiaSmi DEFAULT =
            new NvidiaSmi(
                    List.of("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader"),
                    Duration.ofSeconds(5));

    private static final Pattern LINE =
            Pattern.compile("\\s*(.*\\S)\\s*,\\s*(\\d{1,3})\\.(\\d{1,3})\\s*");

    private final List<String> command;
    private final Duration timeout;

    /**
     * Runs {@code command} (its output in nvidia-smi's CSV form), waiting at most {@code timeout}.
     */
    public NvidiaSmi(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** The GPUs the tool lists, or why it could not tell. */
    public GpuScan scan() {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return GpuScan.failed("no NVIDIA driver (" + command.get(0) + " not found)");
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return GpuScan.failed(
                        command.get(0) + " did not answer within " + seconds(timeout));
            }
            String text = out.get(1, TimeUnit.SECONDS);
            if (p.exitValue() != 0) {
                return GpuScan.failed(
                        command.get(0) + " failed (exit " + p.exitValue() + "): " + first(text));
            }
            return GpuScan.listed(parse(text));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return GpuScan.failed("interrupted while asking " + command.get(0));
        } catch (Exception e) {
            p.destroyForcibly();
            return GpuScan.failed("cannot read " + command.get(0) + ": " + e.getMessage());
        }
    }

    /**
     * The GPUs in the tool's CSV output ({@code name, major.minor} a line); other lines (a compute
     * capability of [N/A], messages) are skipped.
     */
    static List<Gpu> parse(String csv) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                gpus.add(
                        new Gpu(
                                m.group(1),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3))));
            }
        }
        return gpus;
    }

    private static String read(Process p) {
        try (InputStream in = p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String first(String text) {
        String line = text.strip().lines().findFirst().orElse("no output");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
