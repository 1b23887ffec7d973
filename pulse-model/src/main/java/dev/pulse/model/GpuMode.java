package dev.pulse.model;

/**
 * What a host's GPUs serve. A node runs GPU containers, or passthrough VMs, or vGPU VMs, never two of
 * these (NVIDIA GPU Operator with OpenShift Virtualization); the value is also the node label
 * {@code nvidia.com/gpu.workload.config}.
 */
public enum GpuMode implements Keyword {
    VM_PASSTHROUGH("vm-passthrough"),
    VM_VGPU("vm-vgpu"),
    CONTAINER("container");

    private final String keyword;

    GpuMode(String keyword) {
        this.keyword = keyword;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }

    /** True when VMs get the device (passthrough or vGPU), so the host needs the IOMMU on. */
    public boolean forVms() {
        return this != CONTAINER;
    }
}
