package dev.pulse.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A virtual machine of a cluster.
 *
 * @param name the VirtualMachine name (DNS-1123 label)
 * @param role role name: decides GPUs, VFs, CPU, memory and guest configuration
 * @param host the node it is pinned to; empty: any host with the right devices
 * @param disk the root disk; empty: none yet (or {@code disks})
 * @param disks all disks in boot order, instead of {@code disk}
 * @param shape what the VM sets over its role (GPUs, networks, CPU, memory, firmware, OS)
 * @param identity what keeps the guest's machine identity (UUID, MACs, UEFI and TPM state, CPU model)
 * @param usb USB devices of its host passed to the VM, by vendor:product id (HyperConverged usbHostDevices)
 * @param runStrategy whether it runs
 * @param evictionStrategy overrides the role's
 * @param guestVars values for the guest templates, over the role's
 * @param retired present when the VM is retired on purpose: no VirtualMachine is rendered, only its disks
 * @param group VMs of one group prefer the same host (preferred pod affinity); empty: none
 * @param source where it was written
 */
public record Vm(
        String name,
        String role,
        Optional<String> host,
        Optional<Disk> disk,
        List<Disk> disks,
        VmShape shape,
        VmIdentity identity,
        List<PciId> usb,
        RunStrategy runStrategy,
        Optional<EvictionStrategy> evictionStrategy,
        Map<String, String> guestVars,
        Optional<Retirement> retired,
        Optional<String> group,
        Source source) {

    public Vm {
        guestVars = Map.copyOf(guestVars);
        disks = List.copyOf(disks);
        usb = List.copyOf(usb);
    }

    /**
     * The extended resource a USB device is advertised as: {@code pulse.dev/usb-<vendor>-<product>}, one HyperConverged
     * usbHostDevices entry per id (KubeVirt docs compute/host-devices.md, "USB host passthrough").
     */
    public static String usbResourceName(PciId id) {
        return "pulse.dev/usb-" + id.vendor() + "-" + id.device();
    }

    /** Every disk in boot order: the single {@code disk}, or the {@code disks} list. */
    public List<Disk> allDisks() {
        return disk.map(List::of).orElse(disks);
    }

    /** A VM in service. */
    public Vm(String name, String role, Optional<String> host, Optional<Disk> disk, RunStrategy runStrategy,
            Optional<EvictionStrategy> evictionStrategy, Map<String, String> guestVars, Source source) {
        this(name, role, host, disk, List.of(), VmShape.NONE, VmIdentity.NONE, List.of(), runStrategy, evictionStrategy, guestVars, Optional.empty(),
                Optional.empty(), source);
    }

    /** A VM in no placement group. */
    public Vm(String name, String role, Optional<String> host, Optional<Disk> disk, List<Disk> disks, VmShape shape, VmIdentity identity, List<PciId> usb,
            RunStrategy runStrategy, Optional<EvictionStrategy> evictionStrategy, Map<String, String> guestVars, Optional<Retirement> retired, Source source) {
        this(name, role, host, disk, disks, shape, identity, usb, runStrategy, evictionStrategy, guestVars, retired, Optional.empty(), source);
    }

    /**
     * A builder with the defaults: running ({@code Always}), no host pin, no disk, nothing set over the role.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Vm}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String name = "";
        private String role = "";
        private Optional<String> host = Optional.empty();
        private Optional<Disk> disk = Optional.empty();
        private final List<Disk> disks = new java.util.ArrayList<>();
        private VmShape shape = VmShape.NONE;
        private VmIdentity identity = VmIdentity.NONE;
        private final List<PciId> usb = new java.util.ArrayList<>();
        private RunStrategy runStrategy = RunStrategy.ALWAYS;
        private Optional<EvictionStrategy> evictionStrategy = Optional.empty();
        private final Map<String, String> guestVars = new java.util.TreeMap<>();
        private Optional<Retirement> retired = Optional.empty();
        private Optional<String> group = Optional.empty();
        private Source source;

        private Builder() {}

        /**
         * The VirtualMachine name.
         *
         * @param value a DNS-1123 label
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * The role, built in or defined in the fleet.
         *
         * @param value a role name
         * @return this builder
         */
        public Builder role(String value) {
            role = value;
            return this;
        }

        /**
         * Pins the VM to a node (default: any host with the right devices).
         *
         * @param value a host name of the cluster
         * @return this builder
         */
        public Builder host(String value) {
            host = Optional.of(value);
            return this;
        }

        /**
         * A root disk CDI imports from an http(s) URL: {@code disk: {import: {url: ...}}}.
         *
         * @param url the image URL (qcow2, raw or iso)
         * @return this builder
         */
        public Builder importDisk(String url) {
            return disk(Disk.builder().importUrl(url).source(Caller.source()).build());
        }

        /**
         * The root disk ({@code disk:}), configured by {@code spec} on a builder named {@code rootdisk}.
         *
         * @param spec sets the disk's values
         * @return this builder
         */
        public Builder disk(java.util.function.Consumer<Disk.Builder> spec) {
            Disk.Builder builder = Disk.builder().source(Caller.source());
            spec.accept(builder);
            return disk(builder.build());
        }

        /**
         * The root disk ({@code disk:}).
         *
         * @param value the disk
         * @return this builder
         */
        public Builder disk(Disk value) {
            disk = Optional.of(value);
            return this;
        }

        /**
         * Adds a disk to the boot-ordered {@code disks:} list (instead of a single {@code disk}).
         *
         * @param spec sets the disk's values; name it
         * @return this builder
         */
        public Builder disks(java.util.function.Consumer<Disk.Builder> spec) {
            Disk.Builder builder = Disk.builder().source(Caller.source());
            spec.accept(builder);
            return disks(builder.build());
        }

        /**
         * Adds a disk to the boot-ordered {@code disks:} list.
         *
         * @param value the disk
         * @return this builder
         */
        public Builder disks(Disk value) {
            disks.add(value);
            return this;
        }

        /**
         * What the VM sets over its role, all at once (replaces what {@link #gpus(int)}, {@link #memory(String)} and the
         * like set before).
         *
         * @param value the shape
         * @return this builder
         */
        public Builder shape(VmShape value) {
            shape = value;
            return this;
        }

        /**
         * GPUs over the role's.
         *
         * @param value the GPU count
         * @return this builder
         */
        public Builder gpus(int value) {
            shape = new VmShape(Optional.of(value), shape.sriov(), shape.bridges(), shape.cores(), shape.sockets(), shape.dedicated(), shape.memory(),
                    shape.hugepages(), shape.firmware(), shape.os(), shape.guest());
            return this;
        }

        /**
         * SR-IOV networks over the role's, one VF each.
         *
         * @param networks network names
         * @return this builder
         */
        public Builder sriov(String... networks) {
            shape = new VmShape(shape.gpus(), Optional.of(List.of(networks)), shape.bridges(), shape.cores(), shape.sockets(), shape.dedicated(),
                    shape.memory(), shape.hugepages(), shape.firmware(), shape.os(), shape.guest());
            return this;
        }

        /**
         * Bridge networks over the role's.
         *
         * @param networks network names
         * @return this builder
         */
        public Builder bridges(String... networks) {
            shape = new VmShape(shape.gpus(), shape.sriov(), Optional.of(List.of(networks)), shape.cores(), shape.sockets(), shape.dedicated(),
                    shape.memory(), shape.hugepages(), shape.firmware(), shape.os(), shape.guest());
            return this;
        }

        /**
         * Virtual CPU cores per socket over the role's.
         *
         * @param value the core count
         * @return this builder
         */
        public Builder cores(int value) {
            shape = new VmShape(shape.gpus(), shape.sriov(), shape.bridges(), Optional.of(value), shape.sockets(), shape.dedicated(), shape.memory(),
                    shape.hugepages(), shape.firmware(), shape.os(), shape.guest());
            return this;
        }

        /**
         * Virtual CPU sockets over the role's.
         *
         * @param value the socket count
         * @return this builder
         */
        public Builder sockets(int value) {
            shape = new VmShape(shape.gpus(), shape.sriov(), shape.bridges(), shape.cores(), Optional.of(value), shape.dedicated(), shape.memory(),
                    shape.hugepages(), shape.firmware(), shape.os(), shape.guest());
            return this;
        }

        /**
         * Pinned vCPUs over the role's choice.
         *
         * @param value true for dedicated CPUs
         * @return this builder
         */
        public Builder dedicatedCpu(boolean value) {
            shape = new VmShape(shape.gpus(), shape.sriov(), shape.bridges(), shape.cores(), shape.sockets(), Optional.of(value), shape.memory(),
                    shape.hugepages(), shape.firmware(), shape.os(), shape.guest());
            return this;
        }

        /**
         * Guest memory over the role's.
         *
         * @param value a Kubernetes quantity, e.g. {@code 64Gi}
         * @return this builder
         */
        public Builder memory(String value) {
            shape = new VmShape(shape.gpus(), shape.sriov(), shape.bridges(), shape.cores(), shape.sockets(), shape.dedicated(), Optional.of(value),
                    shape.hugepages(), shape.firmware(), shape.os(), shape.guest());
            return this;
        }

        /**
         * The huge page size over the role's.
         *
         * @param value a page size such as {@code 1Gi}; an empty string: none
         * @return this builder
         */
        public Builder hugepages(String value) {
            shape = new VmShape(shape.gpus(), shape.sriov(), shape.bridges(), shape.cores(), shape.sockets(), shape.dedicated(), shape.memory(),
                    Optional.of(value), shape.firmware(), shape.os(), shape.guest());
            return this;
        }

        /**
         * Boot firmware over the role's.
         *
         * @param value the firmware
         * @return this builder
         */
        public Builder firmware(Role.Firmware value) {
            shape = new VmShape(shape.gpus(), shape.sriov(), shape.bridges(), shape.cores(), shape.sockets(), shape.dedicated(), shape.memory(),
                    shape.hugepages(), Optional.of(value), shape.os(), shape.guest());
            return this;
        }

        /**
         * The guest operating system over the role's.
         *
         * @param value the OS
         * @return this builder
         */
        public Builder os(GuestOs value) {
            shape = new VmShape(shape.gpus(), shape.sriov(), shape.bridges(), shape.cores(), shape.sockets(), shape.dedicated(), shape.memory(),
                    shape.hugepages(), shape.firmware(), Optional.of(value), shape.guest());
            return this;
        }

        /**
         * Guest templates over the role's; none: no guest configuration (a migrated disk carries its own).
         *
         * @param templates template names
         * @return this builder
         */
        public Builder guest(String... templates) {
            shape = new VmShape(shape.gpus(), shape.sriov(), shape.bridges(), shape.cores(), shape.sockets(), shape.dedicated(), shape.memory(),
                    shape.hugepages(), shape.firmware(), shape.os(), Optional.of(List.of(templates)));
            return this;
        }

        /**
         * What keeps the guest's machine identity (default: nothing kept).
         *
         * @param value the identity
         * @return this builder
         */
        public Builder identity(VmIdentity value) {
            identity = value;
            return this;
        }

        /**
         * Adds a USB device of the host passed to the VM.
         *
         * @param value its vendor:product id
         * @return this builder
         */
        public Builder usb(PciId value) {
            usb.add(value);
            return this;
        }

        /**
         * Whether the VM runs (default {@code Always}).
         *
         * @param value the run strategy
         * @return this builder
         */
        public Builder runStrategy(RunStrategy value) {
            runStrategy = value;
            return this;
        }

        /**
         * The eviction strategy over the role's.
         *
         * @param value the strategy
         * @return this builder
         */
        public Builder evictionStrategy(EvictionStrategy value) {
            evictionStrategy = Optional.of(value);
            return this;
        }

        /**
         * Sets a value the guest templates read, over the role's.
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
         * Sets values the guest templates read, over the role's.
         *
         * @param values variable names to values
         * @return this builder
         */
        public Builder guestVars(Map<String, String> values) {
            guestVars.putAll(values);
            return this;
        }

        /**
         * Retires the VM on purpose: no VirtualMachine is rendered, only its disks; the cluster lists it under
         * {@link Cluster#retiredVms()}.
         *
         * @param value what happens to its disks
         * @return this builder
         */
        public Builder retired(Retirement value) {
            retired = Optional.of(value);
            return this;
        }

        /**
         * A placement group: VMs of one group prefer the same host.
         *
         * @param value the group name (a label value)
         * @return this builder
         */
        public Builder group(String value) {
            group = Optional.of(value);
            return this;
        }

        /**
         * Where the VM was written; unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The VM.
         *
         * @return a new {@link Vm}
         */
        public Vm build() {
            return new Vm(name, role, host, disk, disks, shape, identity, usb, runStrategy, evictionStrategy, guestVars, retired, group,
                    source != null ? source : Caller.source());
        }
    }
}
