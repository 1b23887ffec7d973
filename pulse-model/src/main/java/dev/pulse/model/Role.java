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

    /**
     * A builder with the defaults: 1 core, 1 socket, 4Gi, no GPUs or networks, UEFI, Linux, virtio NICs.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Role}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String name = "";
        private String description;
        private int gpus;
        private final List<String> sriov = new java.util.ArrayList<>();
        private final List<String> bridges = new java.util.ArrayList<>();
        private final List<String> pci = new java.util.ArrayList<>();
        private int cpuCores = 1;
        private int cpuSockets = 1;
        private boolean dedicatedCpu;
        private String memory = "4Gi";
        private String hugepages = "";
        private boolean gpuDisplay;
        private Firmware firmware = Firmware.UEFI;
        private GuestOs os = GuestOs.LINUX;
        private final List<String> guest = new java.util.ArrayList<>();
        private final Map<String, String> guestVars = new java.util.TreeMap<>();
        private Optional<EvictionStrategy> evictionStrategy = Optional.empty();
        private NicModel nicModel = NicModel.VIRTIO;
        private boolean spread;
        private Source source;

        private Builder() {}

        /**
         * The catalog key; a built-in role's name replaces that role.
         *
         * @param value a DNS-1123 label
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * What the role is for (default: its name).
         *
         * @param value a sentence
         * @return this builder
         */
        public Builder description(String value) {
            description = value;
            return this;
        }

        /**
         * GPUs each VM gets, of its host's GPU model (default 0).
         *
         * @param value the GPU count
         * @return this builder
         */
        public Builder gpus(int value) {
            gpus = value;
            return this;
        }

        /**
         * Adds SR-IOV networks each VM gets one virtual function on.
         *
         * @param values network names
         * @return this builder
         */
        public Builder sriov(String... values) {
            sriov.addAll(List.of(values));
            return this;
        }

        /**
         * Adds bridge networks each VM gets an interface on.
         *
         * @param values network names
         * @return this builder
         */
        public Builder bridges(String... values) {
            bridges.addAll(List.of(values));
            return this;
        }

        /**
         * Adds host PCI device models (kind pci) each VM takes whole.
         *
         * @param values device names
         * @return this builder
         */
        public Builder pci(String... values) {
            pci.addAll(List.of(values));
            return this;
        }

        /**
         * Virtual CPU cores per socket (default 1).
         *
         * @param value the core count
         * @return this builder
         */
        public Builder cpuCores(int value) {
            cpuCores = value;
            return this;
        }

        /**
         * Virtual CPU sockets (default 1).
         *
         * @param value the socket count
         * @return this builder
         */
        public Builder cpuSockets(int value) {
            cpuSockets = value;
            return this;
        }

        /**
         * Whether the cores are pinned (default false).
         *
         * @param value true for dedicated CPUs
         * @return this builder
         */
        public Builder dedicatedCpu(boolean value) {
            dedicatedCpu = value;
            return this;
        }

        /**
         * Memory per VM (default {@code 4Gi}).
         *
         * @param value a Kubernetes quantity
         * @return this builder
         */
        public Builder memory(String value) {
            memory = value;
            return this;
        }

        /**
         * The huge page size backing the memory (default: none).
         *
         * @param value a page size such as {@code 1Gi}; empty for none
         * @return this builder
         */
        public Builder hugepages(String value) {
            hugepages = value;
            return this;
        }

        /**
         * Whether the passed-through GPU is the VM's display (default false).
         *
         * @param value true for no emulated VGA
         * @return this builder
         */
        public Builder gpuDisplay(boolean value) {
            gpuDisplay = value;
            return this;
        }

        /**
         * Boot firmware (default UEFI).
         *
         * @param value the firmware
         * @return this builder
         */
        public Builder firmware(Firmware value) {
            firmware = value;
            return this;
        }

        /**
         * The guest operating system (default Linux).
         *
         * @param value the OS
         * @return this builder
         */
        public Builder os(GuestOs value) {
            os = value;
            return this;
        }

        /**
         * Adds guest-configuration templates, merged in this order into cloud-init user data.
         *
         * @param values template names
         * @return this builder
         */
        public Builder guest(String... values) {
            guest.addAll(List.of(values));
            return this;
        }

        /**
         * Sets a value the guest templates read as {@code vars}.
         *
         * @param key the variable name
         * @param value its value
         * @return this builder
         */
        public Builder guestVar(String key, String value) {
            guestVars.put(key, value);
            return this;
        }

        /**
         * The eviction strategy asked for (default: derived, LiveMigrate only when the VM can move).
         *
         * @param value the strategy
         * @return this builder
         */
        public Builder evictionStrategy(EvictionStrategy value) {
            evictionStrategy = Optional.of(value);
            return this;
        }

        /**
         * The emulated NIC model of bridged interfaces (default virtio).
         *
         * @param value the model
         * @return this builder
         */
        public Builder nicModel(NicModel value) {
            nicModel = value;
            return this;
        }

        /**
         * Whether the role's VMs should run on different hosts (default false).
         *
         * @param value true to spread them
         * @return this builder
         */
        public Builder spread(boolean value) {
            spread = value;
            return this;
        }

        /**
         * Where it was written; unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The role.
         *
         * @return a new {@link Role}
         */
        public Role build() {
            return new Role(name, description != null ? description : name, gpus, sriov, bridges, pci, cpuCores, cpuSockets, dedicatedCpu, memory, hugepages,
                    gpuDisplay, firmware, os, guest, guestVars, evictionStrategy, nicModel, spread, source != null ? source : Caller.source());
        }
    }
}
