package dev.pulse.model.rules;

import dev.pulse.model.Cluster;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.GpuMode;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.HostLabels;
import dev.pulse.model.Topology;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Rules about what hosts need configured on the node itself: kernel arguments, vfio-pci binding, the vGPU host
 * driver, and the labels that select hosts, per cluster topology (PULSE-TOPOLOGY, PULSE-MACHINE-POOL, PULSE-VGPU,
 * PULSE-IOMMU-MIXED). CPU sets are {@link CpuRules}.
 */
final class HostConfigRules {

    private final Diagnostics diagnostics;

    HostConfigRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Runs the rules over one cluster; {@code profiles} maps host names to their resolved profiles. */
    void check(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        for (Host host : cluster.hosts()) {
            HardwareProfile profile = profiles.get(host.name());
            if (profile == null) {
                continue;
            }
            checkManagedHost(cluster, host, profile);
            checkMachinePoolLabels(host, profile);
            checkVgpuManager(cluster, host, profile);
        }
        if (cluster.topology() == Topology.MANAGED) {
            for (Vm vm : cluster.vms()) {
                fleet.role(vm).filter(role -> role.dedicatedCpu() || !role.hugepages().isEmpty()).ifPresent(role -> diagnostics.error(
                        Rule.TOPOLOGY, vm.source().of("role"), "vm '" + vm.name() + "' (role '" + role.name() + "') asks for "
                                + (role.dedicatedCpu() ? "dedicated CPUs" : "huge pages") + ", which need a PerformanceProfile, but cluster '"
                                + cluster.name() + "' is managed",
                        "managed clusters (ROSA, OSD, ARO) forbid PerformanceProfiles and MachineConfigs: give the role shared CPUs and no huge pages"));
            }
        }
        checkIommuVendors(cluster, profiles);
    }

    /**
     * PULSE-TOPOLOGY: a single-node cluster has exactly one host, which is also its control plane, so
     * its MachineConfigs go to the {@code master} pool. Source: MCO docs/SingleNodeOpenShift.md (seed 001).
     */
    void checkSingleNode(Cluster cluster) {
        if (cluster.topology() == Topology.SINGLE_NODE && cluster.hosts().size() != 1) {
            diagnostics.error(Rule.TOPOLOGY, cluster.source().of("topology"), "cluster '" + cluster.name() + "' is single-node but lists "
                    + cluster.hosts().size() + " hosts", "list exactly one host, or set 'topology: standard'");
        }
    }

    /**
     * PULSE-IOMMU-MIXED (warning): MachineConfigs apply to a whole pool, so a pool with AMD and Intel hosts
     * gets both vendors' IOMMU arguments; each kernel ignores the other's. Source: kernel-parameters.txt.
     */
    private void checkIommuVendors(Cluster cluster, Map<String, HardwareProfile> profiles) {
        Set<String> vendors = profiles.values().stream().filter(HardwareProfile::passesDevicesToVms).map(p -> p.cpu().keyword())
                .collect(Collectors.toCollection(TreeSet::new));
        if (vendors.size() > 1) {
            diagnostics.warning(Rule.IOMMU_MIXED, cluster.source().of("hosts"), "cluster '" + cluster.name() + "' mixes " + String.join(" and ", vendors)
                    + " passthrough hosts in one pool: both vendors' IOMMU arguments are written", "fine as is; split the hosts into clusters to keep them apart");
        }
    }

    /**
     * PULSE-TOPOLOGY: a managed cluster's provider owns the nodes' configuration (no MachineConfigs) and replaces
     * nodes, so everything that needs a MachineConfig is refused and hosts are machine pools. Sources: ROSA/OSD
     * service definition and responsibility matrix (the machine config operator is managed by Red Hat SRE).
     */
    private void checkManagedHost(Cluster cluster, Host host, HardwareProfile profile) {
        if (cluster.topology() != Topology.MANAGED) {
            return;
        }
        String who = "host '" + host.name() + "' of managed cluster '" + cluster.name() + "'";
        String why = "managed clusters (ROSA, OSD, ARO) forbid MachineConfigs";
        if (host.machinePool().isEmpty()) {
            diagnostics.error(Rule.TOPOLOGY, host.source().of("name"), who + " is written as a node, but the provider creates and replaces the nodes",
                    "describe the machine pool instead: 'machinePool: {labels: {...}}' with the labels its nodes carry");
        }
        if (!cluster.gpuOperator() && profile.gpus().stream().anyMatch(gpu -> gpu.mode() == GpuMode.VM_PASSTHROUGH)) {
            diagnostics.error(Rule.TOPOLOGY, host.source().of("profile"), who + " needs its GPUs bound to vfio-pci by a MachineConfig (gpuOperator: false); " + why,
                    "set 'gpuOperator: true': the GPU Operator's VFIO manager binds them without a MachineConfig");
        }
        if (!host.pci().isEmpty()) {
            diagnostics.error(Rule.TOPOLOGY, host.source().of("pci"), who + " passes PCI functions by address, which needs a MachineConfig; " + why,
                    "remove 'pci:' from the host");
        }
        if (profile.gpus().stream().anyMatch(gpu -> gpu.console() && gpu.mode().forVms())) {
            diagnostics.error(Rule.TOPOLOGY, host.source().of("profile"), who + " has a console GPU, whose release needs kernel arguments; " + why,
                    "remove 'console: true' (cloud hosts have their own display device)");
        }
        if (profile.passesDevicesToVms() && profile.cpu().needsIommuArgument()) {
            diagnostics.error(Rule.TOPOLOGY, host.source().of("profile"), who + " passes devices to VMs on an Intel CPU, whose IOMMU needs the kernel "
                    + "argument intel_iommu=on; " + why, "use hosts whose IOMMU is on by default (AMD), or a self-managed cluster");
        }
    }

    /**
     * PULSE-MACHINE-POOL: a machine pool's nodes cannot be labelled by node name (NodeFeatureRule), so the pool must
     * give them the labels the tree selects its hosts by ({@link HostLabels#of}).
     */
    private void checkMachinePoolLabels(Host host, HardwareProfile profile) {
        host.machinePool().ifPresent(labels -> {
            SortedMap<String, String> missing = new TreeMap<>();
            HostLabels.of(profile).forEach((key, value) -> {
                if (!value.equals(labels.get(key))) {
                    missing.put(key, value);
                }
            });
            if (!missing.isEmpty()) {
                StringBuilder flags = new StringBuilder();
                missing.forEach((key, value) -> flags.append(flags.isEmpty() ? "" : ",").append(key).append('=').append(value));
                diagnostics.error(Rule.MACHINE_POOL, host.source().of("machinePool"), "machine pool '" + host.name() + "' does not give its nodes the labels "
                        + "the tree selects hosts of profile '" + profile.name() + "' by: " + missing,
                        "add them to the pool (e.g. rosa edit machinepool --labels " + flags + ") and under 'machinePool: {labels: ...}'");
            }
        });
    }

    /**
     * PULSE-VGPU: vGPU hosts run NVIDIA's vGPU Manager, an image the user builds from the licensed vGPU package
     * (NVIDIA GPU Operator docs, "Build the vGPU Manager image"); without it no mediated device ever appears.
     */
    private void checkVgpuManager(Cluster cluster, Host host, HardwareProfile profile) {
        if (cluster.vgpuManager().isEmpty() && profile.gpus().stream().anyMatch(gpu -> gpu.mode() == GpuMode.VM_VGPU)) {
            diagnostics.error(Rule.VGPU, host.source().of("profile"), "host '" + host.name() + "' runs vGPU, but cluster '" + cluster.name()
                    + "' names no vGPU Manager image", "build the vGPU Manager image from NVIDIA's licensed package and set "
                    + "'vgpuManager: {repository: registry.example.com/nvidia, image: vgpu-manager, version: <driver>-<os>}' on the cluster");
        }
    }
}
