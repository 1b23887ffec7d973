package dev.pulse.model;

import java.util.List;

/**
 * A PCI device model in the catalog: a GPU, a NIC or another passthrough function.
 *
 * @param name catalog key, e.g. {@code rtx-6000-ada}
 * @param kind gpu, nic or pci
 * @param description human name, e.g. {@code NVIDIA RTX 6000 Ada Generation}
 * @param pci the main function's vendor:device id
 * @param companions other functions of the same card that share its IOMMU group (e.g. HDMI audio)
 * @param resourceName GPUs and PCI devices: the extended resource KubeVirt exposes the device as, e.g.
 *     {@code nvidia.com/AD102GL_RTX_6000_ADA_GENERATION}; NICs: the SR-IOV device plugin resource name
 *     of its VM virtual functions ({@code ^[a-zA-Z0-9_]+$})
 * @param maxVfsPerPort for NICs, the most SR-IOV virtual functions a port supports (0 otherwise)
 * @param vfChangeReboots for NICs, whether changing the VF count reboots the node (Mellanox firmware does)
 * @param vgpuProfiles for GPUs, the NVIDIA vGPU profiles it supports, e.g. {@code L4-24Q}
 * @param vfPci for NICs, the vendor:device id its SR-IOV virtual functions show (to recognise them in Proxmox configs)
 * @param sriovCapable for GPUs, whether the function carries the SR-IOV capability (Ampere and later data-centre GPUs
 *     whose vGPU uses virtual functions): Nova then classes it {@code type-PF}, else {@code type-PCI}, and a PCI alias
 *     of the wrong type matches no device (Nova "PCI passthrough device type field")
 * @param source where the entry was defined
 */
public record Device(
        String name,
        DeviceKind kind,
        String description,
        PciId pci,
        List<Companion> companions,
        String resourceName,
        int maxVfsPerPort,
        boolean vfChangeReboots,
        List<String> vgpuProfiles,
        java.util.Optional<PciId> vfPci,
        boolean sriovCapable,
        Source source) {

    public Device {
        companions = List.copyOf(companions);
        vgpuProfiles = List.copyOf(vgpuProfiles);
    }
}
