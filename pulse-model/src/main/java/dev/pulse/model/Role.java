package dev.pulse.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the VMs of one kind need: a node role such as {@code optik}, {@code unreal}, {@code inference}
 * or {@code control}.
 *
 * @param name catalog key
 * @param description what the role is for
 * @param gpus GPUs each VM of the role gets (of its host's GPU model)
 * @param sriov SR-IOV network names each VM gets one virtual function on
 * @param bridges bridge network names each VM gets an interface on
 * @param pci host PCI device models (kind pci) each VM takes whole, e.g. a USB controller
 * @param cpuCores virtual CPU cores
 * @param dedicatedCpu whether the cores are pinned (dedicatedCpuPlacement, isolated emulator thread)
 * @param memory memory as a Kubernetes quantity, e.g. {@code 128Gi}
 * @param hugepages huge page size backing the memory, e.g. {@code 1Gi}; empty for none
 * @param gpuDisplay the passed-through GPU is the VM's display: no emulated VGA (seed 001)
 * @param firmware boot firmware
 * @param guest guest-configuration templates, merged in this order into cloud-init user data
 * @param guestVars values the guest templates read as {@code vars}
 * @param evictionStrategy asked-for eviction strategy; empty: derived (LiveMigrate only when the VM can move)
 * @param source where it was defined
 */
public record Role(
        String name,
        String description,
        int gpus,
        List<String> sriov,
        List<String> bridges,
        List<String> pci,
        int cpuCores,
        boolean dedicatedCpu,
        String memory,
        String hugepages,
        boolean gpuDisplay,
        Firmware firmware,
        List<String> guest,
        Map<String, String> guestVars,
        Optional<EvictionStrategy> evictionStrategy,
        Source source) {

    public Role {
        sriov = List.copyOf(sriov);
        bridges = List.copyOf(bridges);
        pci = List.copyOf(pci);
        guest = List.copyOf(guest);
        guestVars = Map.copyOf(guestVars);
    }

    /** Boot firmware. */
    public enum Firmware implements Keyword {
        UEFI("uefi"),
        BIOS("bios");

        private final String keyword;

        Firmware(String keyword) {
            this.keyword = keyword;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String keyword() {
            return keyword;
        }
    }
}
