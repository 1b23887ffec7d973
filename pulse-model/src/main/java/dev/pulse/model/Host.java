package dev.pulse.model;

import java.util.List;

/**
 * A bare-metal node of a cluster.
 *
 * @param name the Kubernetes node name (NodeFeatureRules and VM placement match it)
 * @param profile hardware profile name
 * @param pci PCI functions of this host passed to VMs whole, by address
 * @param controlPlane whether the node is a control-plane node (compact and single-node clusters: all are)
 * @param machinePool when the entry stands for a machine pool whose nodes the provider creates and replaces
 *     (ROSA, OSD, ARO, MachineSets): the labels its nodes carry, which select them instead of a node name
 * @param ctlplaneIP on an RHOSO cluster, the EDPM node's address on the control-plane network (Ansible connects to it;
 *     the NodeSet's fixed IP)
 * @param addresses this host's static addresses (CIDR, IPv4 or IPv6) per interface of its profile's hostNetworks
 * @param source where it was written
 */
public record Host(String name, String profile, List<HostPci> pci, boolean controlPlane, java.util.Optional<java.util.SortedMap<String, String>> machinePool,
        java.util.Optional<String> ctlplaneIP, java.util.SortedMap<String, List<String>> addresses, Source source) {

    public Host {
        pci = List.copyOf(pci);
        machinePool = machinePool.map(labels -> java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(labels)));
        java.util.SortedMap<String, List<String>> copy = new java.util.TreeMap<>();
        addresses.forEach((iface, list) -> copy.put(iface, List.copyOf(list)));
        addresses = java.util.Collections.unmodifiableSortedMap(copy);
    }

    /** A host without static addresses. */
    public Host(String name, String profile, List<HostPci> pci, boolean controlPlane, java.util.Optional<java.util.SortedMap<String, String>> machinePool,
            java.util.Optional<String> ctlplaneIP, Source source) {
        this(name, profile, pci, controlPlane, machinePool, ctlplaneIP, new java.util.TreeMap<>(), source);
    }

    /** The labels that select this host's node(s): the machine pool's labels, else the node name. */
    public java.util.SortedMap<String, String> selector() {
        return machinePool.orElseGet(() -> new java.util.TreeMap<>(java.util.Map.of("kubernetes.io/hostname", name)));
    }

    /**
     * A builder with the defaults: a worker node, no PCI devices, no machine pool, no static addresses.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Host}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String name = "";
        private String profile = "";
        private final List<HostPci> pci = new java.util.ArrayList<>();
        private boolean controlPlane;
        private java.util.Optional<java.util.SortedMap<String, String>> machinePool = java.util.Optional.empty();
        private java.util.Optional<String> ctlplaneIP = java.util.Optional.empty();
        private final java.util.SortedMap<String, List<String>> addresses = new java.util.TreeMap<>();
        private Source source;

        private Builder() {}

        /**
         * The Kubernetes node name.
         *
         * @param value a DNS-1123 subdomain
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * The hardware profile, built in or defined in the fleet.
         *
         * @param value a profile name
         * @return this builder
         */
        public Builder profile(String value) {
            profile = value;
            return this;
        }

        /**
         * Adds a PCI function of this host passed to VMs whole.
         *
         * @param model the catalog device model (kind pci)
         * @param address the PCI address, e.g. {@code 0000:41:00.0}
         * @return this builder
         */
        public Builder pci(String model, String address) {
            pci.add(new HostPci(model, address, Caller.source()));
            return this;
        }

        /**
         * Adds a PCI function of this host passed to VMs whole.
         *
         * @param value the function
         * @return this builder
         */
        public Builder pci(HostPci value) {
            pci.add(value);
            return this;
        }

        /**
         * Whether the node is a control-plane node (default false).
         *
         * @param value true for a control-plane node
         * @return this builder
         */
        public Builder controlPlane(boolean value) {
            controlPlane = value;
            return this;
        }

        /**
         * Makes the entry a machine pool whose nodes carry {@code labels} (default: a single node, selected by name).
         *
         * @param labels the labels that select the pool's nodes
         * @return this builder
         */
        public Builder machinePool(java.util.Map<String, String> labels) {
            machinePool = java.util.Optional.of(new java.util.TreeMap<>(labels));
            return this;
        }

        /**
         * On an RHOSO cluster: the EDPM node's control-plane address.
         *
         * @param value an IP address
         * @return this builder
         */
        public Builder ctlplaneIP(String value) {
            ctlplaneIP = java.util.Optional.of(value);
            return this;
        }

        /**
         * Sets the static addresses of one interface of the profile's host networks.
         *
         * @param iface the interface name
         * @param cidrs the addresses in CIDR form, IPv4 or IPv6
         * @return this builder
         */
        public Builder addresses(String iface, String... cidrs) {
            addresses.put(iface, List.of(cidrs));
            return this;
        }

        /**
         * Where the host was written; unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The host.
         *
         * @return a new {@link Host}
         */
        public Host build() {
            return new Host(name, profile, pci, controlPlane, machinePool, ctlplaneIP, addresses, source != null ? source : Caller.source());
        }
    }
}
