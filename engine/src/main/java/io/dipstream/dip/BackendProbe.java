package io.dipstream.dip;

/**
 * The facts the backend choice rests on. {@link #system()} reads this build and this machine;
 * {@link Backends#decide} takes any probe, so each combination can be decided without a GPU.
 */
public interface BackendProbe {
    /** Whether ND4J's CUDA backend is in this build (built with {@code mvn -Pcuda}). */
    boolean cudaBuild();

    /** This machine's NVIDIA GPUs; asked only where the CUDA build is present. */
    GpuScan gpus();

    /** ND4J's CPU build in force, as JavaCPP's platform extension (e.g. {@code -onednn-avx2}). */
    String cpuBuild();

    /** This build and machine: the CUDA backend's class, nvidia-smi, {@link NativeRuntime}. */
    static BackendProbe system() {
        return new BackendProbe() {
            @Override
            public boolean cudaBuild() {
                try {
                    // initialize=false: finding the class must not load CUDA.
                    Class.forName(Backends.CUDA_BACKEND, false, Backends.class.getClassLoader());
                    return true;
                } catch (ClassNotFoundException | LinkageError e) {
                    return false;
                }
            }

            @Override
            public GpuScan gpus() {
                return NvidiaSmi.DEFAULT.scan();
            }

            @Override
            public String cpuBuild() {
                return NativeRuntime.configureNatives();
            }
        };
    }
}
