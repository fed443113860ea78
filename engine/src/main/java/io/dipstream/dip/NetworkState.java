package io.dipstream.dip;

/**
 * Everything needed to continue optimising a network elsewhere: its weights and Adam's moments, as
 * plain arrays in the engine's flat parameter layout (the order of {@code
 * SkipGenerator.params().slots()}). Used to warm-start the next frame from this one.
 *
 * @param parameterCount length of each array, checked against the network on import
 */
public record NetworkState(
        int parameterCount, float[] weights, float[] adamM, float[] adamV, int adamSteps) {
    public NetworkState {
        if (weights.length != parameterCount
                || adamM.length != parameterCount
                || adamV.length != parameterCount) {
            throw new IllegalArgumentException(
                    "state arrays must all have " + parameterCount + " values");
        }
        if (adamSteps < 0) {
            throw new IllegalArgumentException("adamSteps must be >= 0, got " + adamSteps);
        }
    }
}
