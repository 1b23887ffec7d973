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

    /**
     * A builder with the defaults: an Intel CPU of unknown count, no GPUs, NICs or host networks.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link HardwareProfile}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String name = "";
        private String description;
        private CpuVendor cpu = CpuVendor.INTEL;
        private int cpuCount;
        private Optional<String> reservedCpus = Optional.empty();
        private Optional<String> isolatedCpus = Optional.empty();
        private final List<GpuSlot> gpus = new java.util.ArrayList<>();
        private final List<NicSlot> nics = new java.util.ArrayList<>();
        private final List<HostInterface> hostNetworks = new java.util.ArrayList<>();
        private Source source;

        private Builder() {}

        /**
         * The catalog key; a built-in profile's name replaces that profile.
         *
         * @param value a DNS-1123 label
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * A human name (default: the profile's name).
         *
         * @param value a description
         * @return this builder
         */
        public Builder description(String value) {
            description = value;
            return this;
        }

        /**
         * The CPU vendor: it decides the IOMMU kernel arguments (default intel; a profile written in YAML must name it).
         *
         * @param value the vendor
         * @return this builder
         */
        public Builder cpu(CpuVendor value) {
            cpu = value;
            return this;
        }

        /**
         * Logical CPUs of the host (default 0: not given).
         *
         * @param value the thread count
         * @return this builder
         */
        public Builder cpuCount(int value) {
            cpuCount = value;
            return this;
        }

        /**
         * The CPU list kept for the host (kubelet, OS).
         *
         * @param value a CPU list such as {@code 0-1,64-65}
         * @return this builder
         */
        public Builder reservedCpus(String value) {
            reservedCpus = Optional.of(value);
            return this;
        }

        /**
         * The CPU list for pinned VM vCPUs.
         *
         * @param value a CPU list such as {@code 2-63,66-127}
         * @return this builder
         */
        public Builder isolatedCpus(String value) {
            isolatedCpus = Optional.of(value);
            return this;
        }

        /**
         * Adds GPUs of one model passed through to VMs.
         *
         * @param model the catalog device name (kind gpu)
         * @param count how many cards
         * @return this builder
         */
        public Builder gpu(String model, int count) {
            return gpu(GpuSlot.builder().model(model).count(count).source(Caller.source()).build());
        }

        /**
         * Adds GPUs of one model, configured by {@code spec}.
         *
         * @param spec sets the slot's values
         * @return this builder
         */
        public Builder gpu(java.util.function.Consumer<GpuSlot.Builder> spec) {
            GpuSlot.Builder builder = GpuSlot.builder().source(Caller.source());
            spec.accept(builder);
            return gpu(builder.build());
        }

        /**
         * Adds GPUs of one model.
         *
         * @param value the slot
         * @return this builder
         */
        public Builder gpu(GpuSlot value) {
            gpus.add(value);
            return this;
        }

        /**
         * Adds NICs of one model, configured by {@code spec}.
         *
         * @param spec sets the slot's values
         * @return this builder
         */
        public Builder nic(java.util.function.Consumer<NicSlot.Builder> spec) {
            NicSlot.Builder builder = NicSlot.builder().source(Caller.source());
            spec.accept(builder);
            return nic(builder.build());
        }

        /**
         * Adds NICs of one model.
         *
         * @param value the slot
         * @return this builder
         */
        public Builder nic(NicSlot value) {
            nics.add(value);
            return this;
        }

        /**
         * Adds a bond, bridge or VLAN NMState builds on the host.
         *
         * @param value the interface
         * @return this builder
         */
        public Builder hostNetwork(HostInterface value) {
            hostNetworks.add(value);
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
         * The profile.
         *
         * @return a new {@link HardwareProfile}
         */
        public HardwareProfile build() {
            return new HardwareProfile(name, description != null ? description : name, cpu, cpuCount, reservedCpus, isolatedCpus, gpus, nics, hostNetworks,
                    source != null ? source : Caller.source());
        }
    }
}
