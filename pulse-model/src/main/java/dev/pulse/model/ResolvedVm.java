package dev.pulse.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A VM of a resolved fleet: the VM as written and its role with what the VM sets over it
 * ({@link Role#with(VmShape)}).
 *
 * @param spec the VM as written
 * @param role its role, with the VM's own GPUs, networks, resources, firmware and OS over the role's
 */
public record ResolvedVm(Vm spec, Role role) {

    /** The VirtualMachine name. */
    public String name() {
        return spec.name();
    }

    /** The node it is pinned to; empty: any host with the right devices. */
    public Optional<String> host() {
        return spec.host();
    }

    /** Every disk in boot order. */
    public List<Disk> allDisks() {
        return spec.allDisks();
    }

    public VmIdentity identity() {
        return spec.identity();
    }

    public List<PciId> usb() {
        return spec.usb();
    }

    public RunStrategy runStrategy() {
        return spec.runStrategy();
    }

    public Optional<EvictionStrategy> evictionStrategy() {
        return spec.evictionStrategy();
    }

    public Map<String, String> guestVars() {
        return spec.guestVars();
    }

    public Optional<String> group() {
        return spec.group();
    }

    public Source source() {
        return spec.source();
    }
}
