package dev.pulse.model;

import java.util.List;

/**
 * A bare-metal node of a cluster.
 *
 * @param name the Kubernetes node name (NodeFeatureRules and VM placement match it)
 * @param profile hardware profile name
 * @param pci PCI functions of this host passed to VMs whole, by address
 * @param source where it was written
 */
public record Host(String name, String profile, List<HostPci> pci, Source source) {

    public Host {
        pci = List.copyOf(pci);
    }
}
