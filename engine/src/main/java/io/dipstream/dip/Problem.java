package io.dipstream.dip;

/**
 * One image to restore and what the task needs besides it; validated on construction.
 *
 * @param task the task
 * @param degraded the observed image x0 (RGB); for FLASH the no-flash image
 * @param known for INPAINT, a 1-channel image of the degraded image's size, 1 where a pixel is
 *     known and 0 where it is to be filled; otherwise {@code null}
 * @param guide for FLASH, the flash image (RGB, same size); otherwise {@code null}
 * @param factor for SUPER_RESOLVE 2, 4 or 8; otherwise 1
 */
public record Problem(Task task, Image degraded, Image known, Image guide, int factor) {
    public Problem {
        if (task == null || degraded == null) {
            throw new IllegalArgumentException("task and degraded image are required");
        }
        if (degraded.channels() != 3) {
            throw new IllegalArgumentException("degraded image must be RGB");
        }
        switch (task) {
            case INPAINT -> {
                if (known == null || known.channels() != 1 || !known.sameSize(degraded)) {
                    throw new IllegalArgumentException(
                            "inpainting needs a 1-channel mask of the image's size "
                                    + degraded.width()
                                    + "x"
                                    + degraded.height());
                }
            }
            case FLASH -> {
                if (guide == null || guide.channels() != 3 || !guide.sameSize(degraded)) {
                    throw new IllegalArgumentException(
                            "flash/no-flash needs an RGB flash image of the no-flash image's size "
                                    + degraded.width()
                                    + "x"
                                    + degraded.height());
                }
            }
            case SUPER_RESOLVE -> {
                if (factor != 2 && factor != 4 && factor != 8) {
                    throw new IllegalArgumentException(
                            "super-resolution factor must be 2, 4 or 8, got " + factor);
                }
            }
            default -> {}
        }
        if (task != Task.SUPER_RESOLVE && factor != 1) {
            throw new IllegalArgumentException("factor applies to super-resolution only");
        }
    }

    public static Problem denoise(Image noisy) {
        return new Problem(Task.DENOISE, noisy, null, null, 1);
    }

    public static Problem inpaint(Image damaged, Image known) {
        return new Problem(Task.INPAINT, damaged, known, null, 1);
    }

    public static Problem superResolve(Image lowRes, int factor) {
        return new Problem(Task.SUPER_RESOLVE, lowRes, null, null, factor);
    }

    public static Problem flash(Image noFlash, Image flash) {
        return new Problem(Task.FLASH, noFlash, null, flash, 1);
    }

    /** Height of the restored image. */
    public int outputHeight() {
        return degraded.height() * factor;
    }

    /** Width of the restored image. */
    public int outputWidth() {
        return degraded.width() * factor;
    }
}
