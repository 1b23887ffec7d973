package dev.pulse.model;

import java.util.Map;
import java.util.Optional;

/**
 * A virtual machine of a cluster.
 *
 * @param name the VirtualMachine name (DNS-1123 label)
 * @param role role name: decides GPUs, VFs, CPU, memory and guest configuration
 * @param host the node it is pinned to; empty: any host with the right devices
 * @param disk the root disk; empty: none yet
 * @param runStrategy whether it runs
 * @param evictionStrategy overrides the role's
 * @param guestVars values for the guest templates, over the role's
 * @param retired present when the VM is retired on purpose: no VirtualMachine is rendered, only its disks
 * @param source where it was written
 */
public record Vm(
        String name,
        String role,
        Optional<String> host,
        Optional<Disk> disk,
        RunStrategy runStrategy,
        Optional<EvictionStrategy> evictionStrategy,
        Map<String, String> guestVars,
        Optional<Retirement> retired,
        Source source) {

    public Vm {
        guestVars = Map.copyOf(guestVars);
    }

    /** A VM in service. */
    public Vm(String name, String role, Optional<String> host, Optional<Disk> disk, RunStrategy runStrategy,
            Optional<EvictionStrategy> evictionStrategy, Map<String, String> guestVars, Source source) {
        this(name, role, host, disk, runStrategy, evictionStrategy, guestVars, Optional.empty(), source);
    }
}
