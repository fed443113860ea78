package io.dipstream.report;

import io.dipstream.frames.BadInputException;
import io.dipstream.ingest.VideoInfo;

/**
 * Which frame sizes can be compared. The reference must have the restored clip's size exactly; the
 * input may have it too, or be smaller by an integer factor on both axes (super-resolution: it is
 * then scaled up to be measured and shown).
 */
final class ClipSizes {
    private ClipSizes() {}

    /**
     * @param reference null without a reference clip
     * @throws BadInputException naming both clips and their sizes when they cannot be compared
     */
    static void check(
            AlignedClips.Clip input,
            VideoInfo inputInfo,
            AlignedClips.Clip restored,
            VideoInfo restoredInfo,
            AlignedClips.Clip reference,
            VideoInfo referenceInfo) {
        if (reference != null && !sameSize(referenceInfo, restoredInfo)) {
            throw new BadInputException(
                    reference
                            + " is "
                            + size(referenceInfo)
                            + " but "
                            + restored
                            + " is "
                            + size(restoredInfo)
                            + ": the reference must have the restored clip's size");
        }
        if (!sameSize(inputInfo, restoredInfo) && upscaleFactor(inputInfo, restoredInfo) < 2) {
            throw new BadInputException(
                    input
                            + " is "
                            + size(inputInfo)
                            + " but "
                            + restored
                            + " is "
                            + size(restoredInfo)
                            + ": the restored clip must have the input's size or an integer"
                            + " multiple of it (super-resolution)");
        }
    }

    /** The integer factor k with restored = k × input on both axes, or 0 when there is none. */
    static int upscaleFactor(VideoInfo input, VideoInfo restored) {
        if (restored.width() % input.width() != 0 || restored.height() % input.height() != 0) {
            return 0;
        }
        int k = restored.width() / input.width();
        return restored.height() / input.height() == k ? k : 0;
    }

    static boolean sameSize(VideoInfo a, VideoInfo b) {
        return a.width() == b.width() && a.height() == b.height();
    }

    static String size(VideoInfo info) {
        return info.width() + "x" + info.height();
    }
}
