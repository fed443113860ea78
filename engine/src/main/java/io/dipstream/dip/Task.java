package io.dipstream.dip;

/** The restoration tasks of Deep Image Prior (Ulyanov et al., CVPR 2018, §4). */
public enum Task {
    /** E = ‖f − x0‖²: the degraded image is the target. */
    DENOISE,
    /** E = ‖(f − x0) ⊙ m‖²: only known pixels count. */
    INPAINT,
    /** E = ‖d(f) − x0‖² with d a Lanczos-2 downsampler; the output is larger by the factor. */
    SUPER_RESOLVE,
    /** The flash image replaces z as the input; the no-flash image is the target. */
    FLASH;

    /** Parses the command-line names denoise, inpaint, sr and flash. */
    public static Task parse(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "denoise" -> DENOISE;
            case "inpaint" -> INPAINT;
            case "sr", "super-resolve", "superresolve" -> SUPER_RESOLVE;
            case "flash" -> FLASH;
            default ->
                    throw new IllegalArgumentException(
                            "unknown task '" + name + "': use denoise, inpaint, sr or flash");
        };
    }

    /** The command-line name. */
    public String cliName() {
        return switch (this) {
            case DENOISE -> "denoise";
            case INPAINT -> "inpaint";
            case SUPER_RESOLVE -> "sr";
            case FLASH -> "flash";
        };
    }
}
