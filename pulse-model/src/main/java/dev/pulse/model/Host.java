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
}
