package dev.pulse.model;

import java.util.List;

/**
 * What the VMs of one kind need: a node role such as {@code optik}, {@code unreal}, {@code inference}
 * or {@code control}.
 *
 * @param name catalog key
 * @param description what the role is for
 * @param gpus GPUs each VM of the role gets (of its host's GPU model)
 * @param sriov SR-IOV network names each VM gets one virtual function on
 * @param cpuCores virtual CPU cores
 * @param dedicatedCpu whether the cores are pinned (dedicatedCpuPlacement)
 * @param memory memory as a Kubernetes quantity, e.g. {@code 128Gi}
 * @param hugepages huge page size backing the memory, e.g. {@code 1Gi}; empty for none
 * @param guest guest-configuration templates, applied in this order
 * @param source where it was defined
 */
public record Role(
        String name,
        String description,
        int gpus,
        List<String> sriov,
        int cpuCores,
        boolean dedicatedCpu,
        String memory,
        String hugepages,
        List<String> guest,
        Source source) {

    public Role {
        sriov = List.copyOf(sriov);
        guest = List.copyOf(guest);
    }
}
