package io.dipstream.report;

import io.dipstream.ingest.VideoInfo;
import java.util.Objects;

/**
 * What one pass over the clips measured.
 *
 * @param referenceInfo null without a reference
 * @param restoredVsReference null without a reference
 * @param inputVsReference null without a reference; a smaller (super-resolution) input is measured
 *     after bicubic scaling to the reference's size
 * @param restoredVsInput how far the restoration moved from its input (PSNR and tdPSNR, no SSIM),
 *     the input scaled likewise
 */
record Measurements(
        VideoInfo inputInfo,
        VideoInfo restoredInfo,
        VideoInfo referenceInfo,
        long frames,
        MetricSeries restoredVsReference,
        MetricSeries inputVsReference,
        MetricSeries restoredVsInput,
        Still still) {

    Measurements {
        Objects.requireNonNull(inputInfo, "inputInfo");
        Objects.requireNonNull(restoredInfo, "restoredInfo");
        Objects.requireNonNull(restoredVsInput, "restoredVsInput");
        Objects.requireNonNull(still, "still");
    }

    boolean hasReference() {
        return referenceInfo != null;
    }

    /** The integer super-resolution factor of the restoration, 1 for same-size clips. */
    int scale() {
        return restoredInfo.width() / inputInfo.width();
    }
}
