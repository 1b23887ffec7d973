package dev.pulse.model;

/**
 * The NVIDIA vGPU Manager (the host driver vGPU hosts run): an image the user builds from NVIDIA's licensed
 * vGPU package and pushes to a private registry, since NVIDIA does not publish it (NVIDIA GPU Operator docs,
 * "Building the vGPU Manager image"). The GPU Operator deploys it on {@code vm-vgpu} nodes from ClusterPolicy
 * {@code spec.vgpuManager}.
 *
 * @param repository registry and path, e.g. {@code registry.example.com/nvidia}
 * @param image image name, e.g. {@code vgpu-manager}
 * @param version tag: the vGPU Manager driver version with its OS suffix, e.g. {@code 550.90.05-rhcos4.16}
 * @param source where it was written
 */
public record VgpuManager(String repository, String image, String version, Source source) {

    /** The image name NVIDIA's build instructions use, and the default. */
    public static final String DEFAULT_IMAGE = "vgpu-manager";

    /**
     * The vGPU Manager image {@code repository/vgpu-manager:version}, built at the calling line.
     *
     * @param repository registry and path
     * @param version the driver version tag
     * @return the image settings
     */
    public static VgpuManager of(String repository, String version) {
        return new VgpuManager(repository, DEFAULT_IMAGE, version, Caller.source());
    }
}
