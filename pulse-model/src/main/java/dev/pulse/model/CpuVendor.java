package dev.pulse.model;

import java.util.List;

/** CPU vendor of a host; decides the IOMMU kernel arguments. */
public enum CpuVendor implements Keyword {
    AMD("amd", List.of("amd_iommu=on", "iommu=pt")),
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
     * Kernel arguments that turn the IOMMU on in pass-through mode: Intel VT-d is off unless asked for;
     * {@code iommu=pt} keeps host DMA fast for devices the host keeps (seed 000: {@code amd_iommu=on iommu=pt}).
     */
    public List<String> iommuKernelArguments() {
        return iommuKernelArguments;
    }
}
