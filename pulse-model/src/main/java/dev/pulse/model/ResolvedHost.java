package dev.pulse.model;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A host of a resolved fleet: the host as written and the hardware profile it names.
 *
 * @param spec the host as written
 * @param profile its hardware profile
 */
public record ResolvedHost(Host spec, HardwareProfile profile) {

    /** The Kubernetes node name (or the machine pool's name). */
    public String name() {
        return spec.name();
    }

    public List<HostPci> pci() {
        return spec.pci();
    }

    public boolean controlPlane() {
        return spec.controlPlane();
    }

    public Optional<SortedMap<String, String>> machinePool() {
        return spec.machinePool();
    }

    public Optional<String> ctlplaneIP() {
        return spec.ctlplaneIP();
    }

    public SortedMap<String, List<String>> addresses() {
        return spec.addresses();
    }

    /** The labels that select this host's node(s): the machine pool's labels, else the node name. */
    public SortedMap<String, String> selector() {
        return spec.selector();
    }

    public Source source() {
        return spec.source();
    }
}
