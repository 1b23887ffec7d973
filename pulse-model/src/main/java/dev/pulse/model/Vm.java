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
}
