package io.dipstream.dip;

/**
 * One NVIDIA GPU as its driver names it, with its compute capability ({@code major.minor}).
 *
 * <p>ND4J 1.0.0-M2.1's CUDA build carries machine code (cubins) for sm_37 to sm_86 and no PTX
 * (DESIGN §7). A cubin runs on its own major version at the same or a higher minor one, so every
 * 3.7 to 8.x GPU has kernels (Ada's 8.9 runs the sm_86 ones); with no PTX for the driver to
 * compile, Hopper (9.0) and newer have none.
 */
public record Gpu(String name, int major, int minor) {
    public Gpu {
        if (name == null || name.isBlank() || major < 0 || minor < 0) {
            throw new IllegalArgumentException(
                    "a GPU needs a name and a compute capability, got "
                            + name
                            + " "
                            + major
                            + "."
                            + minor);
        }
    }

    /** {@code major.minor}, as nvidia-smi writes it. */
    public String computeCapability() {
        return major + "." + minor;
    }

    /** Whether ND4J 1.0.0-M2.1's CUDA build has kernels this GPU can run (3.7 ≤ cc < 9.0). */
    public boolean nd4jHasKernels() {
        return (major > 3 || (major == 3 && minor >= 7)) && major < 9;
    }

    /** "NVIDIA H200 (compute capability 9.0)". */
    @Override
    public String toString() {
        return name + " (compute capability " + computeCapability() + ")";
    }
}
