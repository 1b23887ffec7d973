package dev.pulse.model;

import java.util.List;
import java.util.Optional;

/**
 * What a kind of server has: CPU, GPUs, NICs and the host networks NMState builds on it.
 *
 * @param name catalog key, e.g. {@code g493-zb1-rtx6000ada}
 * @param description human name
 * @param cpu CPU vendor (decides the IOMMU kernel arguments)
 * @param cpuCount logical CPUs of the host (threads), 0 when not given; CPU lists must lie inside it
 * @param reservedCpus CPU list kept for the host (kubelet, OS), e.g. {@code 0-1,64-65}; needed for dedicated CPUs
 * @param isolatedCpus CPU list for pinned VM vCPUs, e.g. {@code 2-63,66-127}
 * @param gpus GPU slots
 * @param nics NIC slots
 * @param hostNetworks bonds, bridges and VLANs on the host
 * @param source where it was defined
 */
public record HardwareProfile(
        String name,
        String description,
        CpuVendor cpu,
        int cpuCount,
        Optional<String> reservedCpus,
        Optional<String> isolatedCpus,
        List<GpuSlot> gpus,
        List<NicSlot> nics,
        List<HostInterface> hostNetworks,
        Source source) {

    public HardwareProfile {
        gpus = List.copyOf(gpus);
        nics = List.copyOf(nics);
        hostNetworks = List.copyOf(hostNetworks);
    }

    /** True when a VM can be given one of this host's devices, so the IOMMU must be on. */
    public boolean passesDevicesToVms() {
        return gpus.stream().anyMatch(gpu -> gpu.mode().forVms())
                || nics.stream().anyMatch(nic -> nic.vfsPerPort() > 0 && nic.use() == NicUse.VM);
    }

    /** The GPU mode of this host, if it has GPUs (rules ensure one mode per host). */
    public Optional<GpuMode> gpuMode() {
        return gpus.stream().map(GpuSlot::mode).findFirst();
    }
}
