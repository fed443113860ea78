package io.dipstream.dip;

import io.dipstream.dip.nn.SkipConfig;

/**
 * How to fit one image: network, schedule and optimiser. Validated on construction; every bad value
 * is named in the message.
 *
 * @param preset the preset these settings came from ("custom" otherwise), kept for provenance
 * @param net the generator
 * @param iterations optimisation steps
 * @param learningRate Adam's step size
 * @param regNoise std of the N(0,1) perturbation added to z every iteration (0 = none)
 * @param emaWeight weight of the exponential moving average of outputs (0.99 in the paper; 0 = the
 *     last output is the result)
 * @param input what the network sees (FLASH always uses the flash image)
 * @param guard whether a loss jump of more than 5 dB restores the last good weights
 */
public record DipSettings(
        String preset,
        SkipConfig net,
        int iterations,
        double learningRate,
        double regNoise,
        double emaWeight,
        InputKind input,
        boolean guard) {

    /** The network input z. */
    public enum InputKind {
        /** U(0,1)·0.1, {@code net.inputDepth()} channels. */
        NOISE,
        /** Two channels: x and y coordinates in [0,1]. */
        MESHGRID
    }

    public DipSettings {
        if (preset == null || preset.isBlank()) {
            throw new IllegalArgumentException("preset name must not be empty");
        }
        if (net == null) {
            throw new IllegalArgumentException("net must not be null");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        if (!(learningRate > 0) || learningRate > 10) {
            throw new IllegalArgumentException(
                    "learningRate must be in (0, 10], got " + learningRate);
        }
        if (!(regNoise >= 0) || regNoise > 1) {
            throw new IllegalArgumentException("regNoise must be in [0, 1], got " + regNoise);
        }
        if (!(emaWeight >= 0) || emaWeight >= 1) {
            throw new IllegalArgumentException("emaWeight must be in [0, 1), got " + emaWeight);
        }
        if (input == InputKind.MESHGRID && net.inputDepth() != 2) {
            throw new IllegalArgumentException("a meshgrid input needs net.inputDepth 2");
        }
    }

    /** The same settings with another iteration count. */
    public DipSettings withIterations(int n) {
        return new DipSettings(preset, net, n, learningRate, regNoise, emaWeight, input, guard);
    }

    /** The same settings with another weight of the moving average of outputs. */
    public DipSettings withEmaWeight(double w) {
        return new DipSettings(preset, net, iterations, learningRate, regNoise, w, input, guard);
    }

    /** The same settings with another network. */
    public DipSettings withNet(SkipConfig n) {
        return new DipSettings(
                preset, n, iterations, learningRate, regNoise, emaWeight, input, guard);
    }
}
