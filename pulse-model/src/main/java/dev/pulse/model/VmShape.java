package dev.pulse.model;

import java.util.List;
import java.util.Optional;

/**
 * What a VM sets over its role: its own GPU count, SR-IOV and bridge attachments, CPU, memory, huge pages,
 * firmware and guest OS. Everything left empty comes from the role. Rules and layers see the VM through
 * {@link Role#with(VmShape)} ({@link ResolvedVm#role()}), so capacity, PerformanceProfile huge pages and the
 * VirtualMachine all follow the VM's own values.
 *
 * @param gpus GPUs of the host's GPU model
 * @param sriov SR-IOV network names, one VF each
 * @param bridges bridge network names
 * @param cores virtual CPU cores per socket
 * @param sockets virtual CPU sockets
 * @param dedicated pinned vCPUs
 * @param memory guest memory (quantity)
 * @param hugepages huge page size backing the memory; an empty string: none
 * @param firmware boot firmware
 * @param os guest operating system
 * @param guest guest templates; an empty list: none (a migrated disk already carries its guest configuration)
 */
public record VmShape(
        Optional<Integer> gpus,
        Optional<List<String>> sriov,
        Optional<List<String>> bridges,
        Optional<Integer> cores,
        Optional<Integer> sockets,
        Optional<Boolean> dedicated,
        Optional<String> memory,
        Optional<String> hugepages,
        Optional<Role.Firmware> firmware,
        Optional<GuestOs> os,
        Optional<List<String>> guest) {

    public static final VmShape NONE = new VmShape(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public VmShape {
        sriov = sriov.map(List::copyOf);
        bridges = bridges.map(List::copyOf);
        guest = guest.map(List::copyOf);
    }

    /** True when the VM overrides nothing. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
