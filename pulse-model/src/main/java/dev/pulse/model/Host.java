package dev.pulse.model;

import java.util.List;

/**
 * A bare-metal node of a cluster.
 *
 * @param name the Kubernetes node name (NodeFeatureRules and VM placement match it)
 * @param profile hardware profile name
 * @param pci PCI functions of this host passed to VMs whole, by address
 * @param controlPlane whether the node is a control-plane node (compact and single-node clusters: all are)
 * @param source where it was written
 */
public record Host(String name, String profile, List<HostPci> pci, boolean controlPlane, Source source) {

    public Host {
        pci = List.copyOf(pci);
    }
}
