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
 * @param cpuCores virtual CPU cores per socket
 * @param cpuSockets virtual CPU sockets (Proxmox {@code sockets}); vCPUs are cores × sockets
 * @param dedicatedCpu whether the cores are pinned (dedicatedCpuPlacement, isolated emulator thread)
 * @param memory memory as a Kubernetes quantity, e.g. {@code 128Gi}
 * @param hugepages huge page size backing the memory, e.g. {@code 1Gi}; empty for none
 * @param gpuDisplay the passed-through GPU is the VM's display: no emulated VGA (seed 001)
 * @param firmware boot firmware
 * @param os guest operating system: Windows guests get Hyper-V enlightenments and disks they have drivers for
 * @param guest guest-configuration templates, merged in this order into cloud-init user data
 * @param guestVars values the guest templates read as {@code vars}
 * @param evictionStrategy asked-for eviction strategy; empty: derived (LiveMigrate only when the VM can move)
 * @param nicModel the emulated NIC model of the VM's bridged interfaces (virtio; e1000e for guests without virtio drivers)
 * @param spread whether the role's VMs should run on different hosts (preferred pod anti-affinity)
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
        int cpuSockets,
        boolean dedicatedCpu,
        String memory,
        String hugepages,
        boolean gpuDisplay,
        Firmware firmware,
        GuestOs os,
        List<String> guest,
        Map<String, String> guestVars,
        Optional<EvictionStrategy> evictionStrategy,
        NicModel nicModel,
        boolean spread,
        Source source) {

    /** A role with virtio NICs. */
    public Role(String name, String description, int gpus, List<String> sriov, List<String> bridges, List<String> pci, int cpuCores, int cpuSockets,
            boolean dedicatedCpu, String memory, String hugepages, boolean gpuDisplay, Firmware firmware, GuestOs os, List<String> guest,
            Map<String, String> guestVars, Optional<EvictionStrategy> evictionStrategy, Source source) {
        this(name, description, gpus, sriov, bridges, pci, cpuCores, cpuSockets, dedicatedCpu, memory, hugepages, gpuDisplay, firmware, os, guest, guestVars,
                evictionStrategy, NicModel.VIRTIO, false, source);
    }

    /**
     * Emulated NIC models of KubeVirt interfaces ({@code spec.domain.devices.interfaces[].model}; kubevirt
     * {@code pkg/virt-api/webhooks/validating-webhook/admitters} accepts e1000, e1000e, igb, ne2k_pci, pcnet, rtl8139,
     * virtio): virtio unless the guest has no virtio driver (older Windows before virtio-win is installed).
     */
    public enum NicModel implements Keyword {
        VIRTIO("virtio"),
        E1000E("e1000e");

        private final String keyword;

        NicModel(String keyword) {
            this.keyword = keyword;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String keyword() {
            return keyword;
        }
    }

    public Role {
        sriov = List.copyOf(sriov);
        bridges = List.copyOf(bridges);
        pci = List.copyOf(pci);
        guest = List.copyOf(guest);
        guestVars = Map.copyOf(guestVars);
    }

    /** Virtual CPUs: cores × sockets. */
    public int vcpus() {
        return cpuCores * cpuSockets;
    }

    /** This role as {@code shape} changes it for one VM: each value the VM sets replaces the role's. */
    public Role with(VmShape shape) {
        if (shape.isEmpty()) {
            return this;
        }
        return new Role(name, description, shape.gpus().orElse(gpus), shape.sriov().orElse(sriov), shape.bridges().orElse(bridges), pci,
                shape.cores().orElse(cpuCores), shape.sockets().orElse(cpuSockets), shape.dedicated().orElse(dedicatedCpu), shape.memory().orElse(memory),
                shape.hugepages().orElse(hugepages), gpuDisplay, shape.firmware().orElse(firmware), shape.os().orElse(os), shape.guest().orElse(guest), guestVars,
                evictionStrategy, nicModel, spread, source);
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
