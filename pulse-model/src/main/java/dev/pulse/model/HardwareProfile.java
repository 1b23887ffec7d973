package dev.pulse.model;

import java.util.List;

/**
 * What a kind of server has: CPU vendor, GPUs and NICs.
 *
 * @param name catalog key, e.g. {@code g493-zb1-rtx6000ada}
 * @param description human name
 * @param cpu CPU vendor (decides the IOMMU kernel arguments)
 * @param gpus GPU slots
 * @param nics NIC slots
 * @param source where it was defined
 */
public record HardwareProfile(String name, String description, CpuVendor cpu, List<GpuSlot> gpus, List<NicSlot> nics, Source source) {

    public HardwareProfile {
        gpus = List.copyOf(gpus);
        nics = List.copyOf(nics);
    }

    /** True when a VM can be given one of this host's devices, so the IOMMU must be on. */
    public boolean passesDevicesToVms() {
        return gpus.stream().anyMatch(gpu -> gpu.mode().forVms()) || nics.stream().anyMatch(nic -> nic.vfsPerPort() > 0);
    }
}
