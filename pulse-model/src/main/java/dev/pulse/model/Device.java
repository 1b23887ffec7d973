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

    /**
     * A builder with the defaults: kind pci, no VFs, no companions; {@code pci} and {@code resourceName} must be set.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Device}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String name = "";
        private DeviceKind kind = DeviceKind.PCI;
        private String description;
        private PciId pci = new PciId("0000", "0000");
        private final List<Companion> companions = new java.util.ArrayList<>();
        private String resourceName = "";
        private int maxVfsPerPort;
        private boolean vfChangeReboots;
        private final List<String> vgpuProfiles = new java.util.ArrayList<>();
        private java.util.Optional<PciId> vfPci = java.util.Optional.empty();
        private boolean sriovCapable;
        private Source source;

        private Builder() {}

        /**
         * The catalog key; a built-in device's name replaces that device.
         *
         * @param value a DNS-1123 label
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * gpu, nic or pci (default pci).
         *
         * @param value the kind
         * @return this builder
         */
        public Builder kind(DeviceKind value) {
            kind = value;
            return this;
        }

        /**
         * A human name (default: the device's name).
         *
         * @param value a description
         * @return this builder
         */
        public Builder description(String value) {
            description = value;
            return this;
        }

        /**
         * The main function's vendor:device id (unset: {@code 0000:0000}, which matches nothing).
         *
         * @param value the id
         * @return this builder
         */
        public Builder pci(PciId value) {
            pci = value;
            return this;
        }

        /**
         * Adds another function of the same card that shares its IOMMU group.
         *
         * @param value the companion
         * @return this builder
         */
        public Builder companion(Companion value) {
            companions.add(value);
            return this;
        }

        /**
         * The extended resource KubeVirt exposes it as, or for NICs the SR-IOV resource name.
         *
         * @param value a resource name
         * @return this builder
         */
        public Builder resourceName(String value) {
            resourceName = value;
            return this;
        }

        /**
         * For NICs: the most virtual functions a port supports (default 0).
         *
         * @param value the VF limit
         * @return this builder
         */
        public Builder maxVfsPerPort(int value) {
            maxVfsPerPort = value;
            return this;
        }

        /**
         * For NICs: whether changing the VF count reboots the node (default false).
         *
         * @param value true for Mellanox firmware
         * @return this builder
         */
        public Builder vfChangeReboots(boolean value) {
            vfChangeReboots = value;
            return this;
        }

        /**
         * For GPUs: adds NVIDIA vGPU profiles it supports.
         *
         * @param values profile names such as {@code L4-24Q}
         * @return this builder
         */
        public Builder vgpuProfiles(String... values) {
            vgpuProfiles.addAll(List.of(values));
            return this;
        }

        /**
         * For NICs: the vendor:device id its virtual functions show.
         *
         * @param value the id
         * @return this builder
         */
        public Builder vfPci(PciId value) {
            vfPci = java.util.Optional.of(value);
            return this;
        }

        /**
         * For GPUs: whether the function carries the SR-IOV capability (default false).
         *
         * @param value true for Nova type-PF
         * @return this builder
         */
        public Builder sriovCapable(boolean value) {
            sriovCapable = value;
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
         * The device.
         *
         * @return a new {@link Device}
         */
        public Device build() {
            return new Device(name, kind, description != null ? description : name, pci, companions, resourceName, maxVfsPerPort, vfChangeReboots,
                    vgpuProfiles, vfPci, sriovCapable, source != null ? source : Caller.source());
        }
    }
}
