package io.dipstream.dip;

import java.util.List;

/**
 * What asking the driver for this machine's GPUs gave: the GPUs it listed, or why it could not tell
 * (no driver, the tool failed or did not answer).
 *
 * @param gpus the GPUs listed, in the driver's order (empty where {@code problem} is set)
 * @param problem why there is no list, as a phrase that can follow "--engine cuda: "; null when the
 *     driver answered
 */
public record GpuScan(List<Gpu> gpus, String problem) {
    public GpuScan {
        gpus = List.copyOf(gpus);
        if (problem != null && !gpus.isEmpty()) {
            throw new IllegalArgumentException("a failed scan lists no GPUs: " + gpus);
        }
    }

    /** The driver listed {@code gpus} (perhaps none). */
    public static GpuScan listed(List<Gpu> gpus) {
        return new GpuScan(gpus, null);
    }

    /** The driver could not be asked, for the reason given. */
    public static GpuScan failed(String problem) {
        return new GpuScan(List.of(), problem);
    }
}
