package dev.pulse.model;

import java.util.List;

/** CPU vendor of a host; decides the IOMMU kernel arguments. */
public enum CpuVendor implements Keyword {
    AMD("amd", List.of("iommu=pt")),
    INTEL("intel", List.of("intel_iommu=on", "iommu=pt"));

    private final String keyword;
    private final List<String> iommuKernelArguments;

    CpuVendor(String keyword, List<String> iommuKernelArguments) {
        this.keyword = keyword;
        this.iommuKernelArguments = iommuKernelArguments;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }

    /**
     * Kernel arguments for device passthrough. Intel VT-d is off unless asked for ({@code intel_iommu=on}; the
     * default follows CONFIG_INTEL_IOMMU_DEFAULT_ON, unset in RHEL kernels). The AMD IOMMU is on by default
     * wherever the firmware describes it, and {@code amd_iommu=on}, which seed 000 writes, is not a value the
     * kernel knows: {@code drivers/iommu/amd/init.c} logs "Unknown option" and ignores it (kernel
     * Documentation/admin-guide/kernel-parameters.txt lists off, force_isolation, force_enable, pgtbl_v1/v2, ...).
     * {@code iommu=pt} keeps host DMA fast for the devices the host keeps.
     */
    public List<String> iommuKernelArguments() {
        return iommuKernelArguments;
    }

    /** True when passthrough needs a kernel argument to work at all, not only to be fast (Intel). */
    public boolean needsIommuArgument() {
        return this == INTEL;
    }
}
