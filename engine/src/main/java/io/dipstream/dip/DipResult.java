package io.dipstream.dip;

/**
 * A restored image with its provenance.
 *
 * @param image the restored image (RGB, the problem's output size)
 * @param preset the settings' preset name
 * @param seed the seed of weights, z and the perturbation noise
 * @param iterations optimisation steps run (including rejected ones)
 * @param backtracks steps rejected by the divergence guard
 * @param finalLoss the task loss at the last accepted step
 * @param seconds wall time of the optimisation
 * @param engineVersion the engine's version
 * @param stopReason why the fit ended
 * @param underfit whether it ended at a cap while its residual was still well above what the noise
 *     explains
 */
public record DipResult(
        Image image,
        String preset,
        long seed,
        int iterations,
        int backtracks,
        double finalLoss,
        double seconds,
        String engineVersion,
        StopReason stopReason,
        boolean underfit) {}
