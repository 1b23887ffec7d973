package dev.pulse.render.layer;

import dev.pulse.model.Cluster;
import dev.pulse.model.Fleet;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import java.util.List;
import java.util.Optional;

/**
 * A cluster together with what layers ask of it over and over: its hosts' hardware profiles and what
 * they imply. Built once per cluster per render from a fleet whose references all resolve.
 *
 * @param fleet the whole fleet (catalog, git and Argo CD settings)
 * @param cluster the cluster being rendered
 * @param hosts the cluster's hosts with their hardware profiles, in file order
 * @param problems where a layer reports what only rendering finds (a guest template that fails); the
 *     renderer fails with all of them after every layer ran
 */
public record ClusterView(Fleet fleet, Cluster cluster, List<HostView> hosts, Diagnostics problems) {

    /** A host and its hardware profile. */
    public record HostView(Host host, HardwareProfile profile) {}

    public static ClusterView of(Fleet fleet, Cluster cluster, Diagnostics problems) {
        return new ClusterView(fleet, cluster, cluster.hosts().stream().map(host -> new HostView(host, fleet.profileOf(host))).toList(), problems);
    }

    /** The GPU slot a VM's GPUs come from: its host's, or for an unpinned VM the cluster's only VM GPU model. */
    public Optional<GpuSlot> gpuSlotFor(Vm vm) {
        List<GpuSlot> slots = vm.host().map(name -> hosts.stream().filter(h -> h.host().name().equals(name)).flatMap(h -> h.profile().gpus().stream()))
                .orElseGet(() -> hosts.stream().flatMap(h -> h.profile().gpus().stream()))
                .filter(gpu -> gpu.mode().forVms()).toList();
        return slots.stream().findFirst();
    }

    public String name() {
        return cluster.name();
    }

    /** True when some host has GPUs. */
    public boolean hasGpus() {
        return hosts.stream().anyMatch(host -> !host.profile().gpus().isEmpty());
    }

    /** True when the NVIDIA GPU Operator manages this cluster's GPUs. */
    public boolean usesGpuOperator() {
        return cluster.gpuOperator() && hasGpus();
    }

    /** True when some host creates SR-IOV virtual functions. */
    public boolean usesSriov() {
        return hosts.stream().anyMatch(ClusterView::hasVfs);
    }

    /** True when the host creates SR-IOV virtual functions. */
    public static boolean hasVfs(HostView host) {
        return host.profile().nics().stream().anyMatch(nic -> nic.vfsPerPort() > 0);
    }

    /** True when some host has bonds, bridges or VLANs for NMState to build. */
    public boolean usesHostNetworks() {
        return hosts.stream().anyMatch(host -> !host.profile().hostNetworks().isEmpty());
    }

    /** True when layers select hosts by the labels Pulse's NodeFeatureRule gives them. */
    public boolean labelsHosts() {
        return hasGpus() || usesSriov() || usesHostNetworks();
    }

    /** The distinct hardware profiles of the cluster's hosts, in first-use order. */
    public List<HardwareProfile> profiles() {
        return hosts.stream().map(HostView::profile).distinct().toList();
    }

    /** Names of the hosts with {@code profile}. */
    public List<String> hostsWith(HardwareProfile profile) {
        return hosts.stream().filter(host -> host.profile().equals(profile)).map(host -> host.host().name()).toList();
    }

    /** The namespace VMs and their networks live in. */
    public String vmNamespace() {
        return cluster.vmNamespace();
    }

    /** Label key selecting a MachineConfigPool's nodes ({@code node-role.kubernetes.io/worker}). */
    public String poolNodeRoleLabel() {
        return "node-role.kubernetes.io/" + machineConfigPool();
    }

    /** Hosts whose devices VMs get (GPU passthrough or vGPU, SR-IOV VFs): they need the IOMMU on. */
    public List<HostView> passthroughHosts() {
        return hosts.stream().filter(host -> host.profile().passesDevicesToVms()).toList();
    }

    /** GPU slots of every host, for layers that list device models in use. */
    public List<GpuSlot> gpuSlots() {
        return hosts.stream().flatMap(host -> host.profile().gpus().stream()).toList();
    }

    /** The MachineConfigPool of the nodes that run VMs. */
    public String machineConfigPool() {
        return cluster.topology().machineConfigPool();
    }
}
