package io.dipstream.ingest;

import io.dipstream.frames.motion.GrayPlane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the defects of scanned film in a frame, for the archival preset: dust and dirt (blobs on
 * one frame only, judged against the previous and next frames with pans and flicker compensated)
 * and vertical scratches (long thin lines brighter or darker than both sides, judged within the
 * frame). The result is an inpainting mask: one byte per pixel, 255 = defect to fill, 0 = keep.
 *
 * <p>Guarantees: pure and deterministic (no state between calls, so one instance may serve several
 * threads); inputs are never modified. The two neighbours are treated alike, so at a clip's ends a
 * caller may pass the two nearest frames on the one side (ingest does). Given one neighbour, dust
 * is judged against that frame alone, and a speck in it marks the same place here too; given none,
 * only scratches are found. A frame where more than {@link DefectThresholds#maxDustFraction()}
 * looks like dust (a flash, a one-frame shot) gets no dust mask.
 *
 * <p>Limits: the scratch test looks at one frame, so a thin upright object in the picture that
 * spans half its height (a pole, a mast, the rocket at the edge of sample-videos/zoom.mp4's first
 * frames) is marked as a scratch; dirt that stays on two frames is not one-frame dust and is
 * missed; pans beyond {@link DefectThresholds#maxShift()} px per frame and strong local motion can
 * mark thin moving details.
 *
 * <p>Cf. A. Kokaram, <i>Motion Picture Restoration</i> (Springer, 1998): the spike detection index
 * of dirt detection and the line detection of scratches, here without per-block motion estimation.
 */
public final class DefectDetector {
    private static final Logger LOG = LoggerFactory.getLogger(DefectDetector.class);

    private final DefectThresholds thresholds;
    private final DustDetector dust;
    private final ScratchDetector scratches;

    public DefectDetector(DefectThresholds thresholds) {
        if (thresholds == null) {
            throw new IllegalArgumentException("thresholds must be given");
        }
        this.thresholds = thresholds;
        this.dust = new DustDetector(thresholds);
        this.scratches = new ScratchDetector(thresholds);
    }

    public DefectThresholds thresholds() {
        return thresholds;
    }

    /**
     * The defect mask of {@code cur}.
     *
     * @param prev the previous frame (packed RGB24 like {@code cur}), or null
     * @param cur the frame to examine, {@code width*height*3} bytes of packed RGB24
     * @param next the next frame, or null
     * @return {@code width*height} bytes, 255 where a defect is to be filled, else 0
     * @throws IllegalArgumentException when a frame is not {@code width*height*3} bytes of RGB
     */
    public byte[] detect(int width, int height, byte[] prev, byte[] cur, byte[] next) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "width and height must be positive, got " + width + "x" + height);
        }
        if (cur == null) {
            throw new IllegalArgumentException("cur must be given");
        }
        GrayPlane c = luma("cur", cur, width, height);
        GrayPlane p = prev == null ? null : luma("prev", prev, width, height);
        GrayPlane n = next == null ? null : luma("next", next, width, height);
        boolean[] found = dust.detect(p, c, n);
        int dustPixels = count(found);
        if (dustPixels > thresholds.maxDustFraction() * found.length) {
            LOG.debug(
                    "{} of {} pixels look like dust: taking the frame for a flash or a one-frame"
                            + " shot and ignoring them",
                    dustPixels,
                    found.length);
            found = new boolean[found.length];
        }
        boolean[] lines = scratches.detect(c);
        for (int i = 0; i < found.length; i++) {
            found[i] |= lines[i];
        }
        return dilate(found, width, height, thresholds.dilation());
    }

    private static GrayPlane luma(String name, byte[] rgb, int width, int height) {
        if (rgb.length != 3 * width * height) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s must hold %dx%dx3 = %d bytes, got %d",
                            name, width, height, 3 * width * height, rgb.length));
        }
        return GrayPlane.luma(rgb, width, height);
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean v : b) {
            n += v ? 1 : 0;
        }
        return n;
    }

    /** Grows the mask by {@code r} pixels in every direction (a square), as 0/255 bytes. */
    private static byte[] dilate(boolean[] mask, int w, int h, int r) {
        boolean[] rows = new boolean[mask.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean any = false;
                for (int k = Math.max(0, x - r); k <= Math.min(w - 1, x + r) && !any; k++) {
                    any = mask[y * w + k];
                }
                rows[y * w + x] = any;
            }
        }
        byte[] out = new byte[mask.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean any = false;
                for (int k = Math.max(0, y - r); k <= Math.min(h - 1, y + r) && !any; k++) {
                    any = rows[k * w + x];
                }
                out[y * w + x] = any ? (byte) 255 : 0;
            }
        }
        return out;
    }
}
