package io.dipstream.report;

import io.dipstream.ingest.DecodedFrame;
import java.util.Objects;

/**
 * The frame shown side by side: the same index of each clip, as decoded.
 *
 * @param reference null without a reference clip
 */
record Still(long index, DecodedFrame input, DecodedFrame restored, DecodedFrame reference) {
    Still {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(restored, "restored");
    }
}
