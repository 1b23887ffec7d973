package dev.pulse.model.rules;

import dev.pulse.model.Cluster;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.HostLabels;
import dev.pulse.model.Role;
import dev.pulse.model.Topology;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Rules about what hosts need configured on the node itself: kernel arguments, vfio-pci binding, CPU sets,
 * the vGPU host driver, and the labels that select hosts, per cluster topology.
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
                        "PULSE-TOPOLOGY", vm.source().of("role"), "vm '" + vm.name() + "' (role '" + role.name() + "') asks for "
                                + (role.dedicatedCpu() ? "dedicated CPUs" : "huge pages") + ", which need a PerformanceProfile, but cluster '"
                                + cluster.name() + "' is managed",
                        "managed clusters (ROSA, OSD, ARO) forbid PerformanceProfiles and MachineConfigs: give the role shared CPUs and no huge pages"));
            }
        }
        checkDedicatedCapacity(fleet, cluster, profiles);
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
            diagnostics.error("PULSE-TOPOLOGY", host.source().of("name"), who + " is written as a node, but the provider creates and replaces the nodes",
                    "describe the machine pool instead: 'machinePool: {labels: {...}}' with the labels its nodes carry");
        }
        if (!cluster.gpuOperator() && profile.gpus().stream().anyMatch(gpu -> gpu.mode() == GpuMode.VM_PASSTHROUGH)) {
            diagnostics.error("PULSE-TOPOLOGY", host.source().of("profile"), who + " needs its GPUs bound to vfio-pci by a MachineConfig (gpuOperator: false); " + why,
                    "set 'gpuOperator: true': the GPU Operator's VFIO manager binds them without a MachineConfig");
        }
        if (!host.pci().isEmpty()) {
            diagnostics.error("PULSE-TOPOLOGY", host.source().of("pci"), who + " passes PCI functions by address, which needs a MachineConfig; " + why,
                    "remove 'pci:' from the host");
        }
        if (profile.gpus().stream().anyMatch(gpu -> gpu.console() && gpu.mode().forVms())) {
            diagnostics.error("PULSE-TOPOLOGY", host.source().of("profile"), who + " has a console GPU, whose release needs kernel arguments; " + why,
                    "remove 'console: true' (cloud hosts have their own display device)");
        }
        if (profile.passesDevicesToVms() && profile.cpu().needsIommuArgument()) {
            diagnostics.error("PULSE-TOPOLOGY", host.source().of("profile"), who + " passes devices to VMs on an Intel CPU, whose IOMMU needs the kernel "
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
                diagnostics.error("PULSE-MACHINE-POOL", host.source().of("machinePool"), "machine pool '" + host.name() + "' does not give its nodes the labels "
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
            diagnostics.error("PULSE-VGPU", host.source().of("profile"), "host '" + host.name() + "' runs vGPU, but cluster '" + cluster.name()
                    + "' names no vGPU Manager image", "build the vGPU Manager image from NVIDIA's licensed package and set "
                    + "'vgpuManager: {repository: registry.example.com/nvidia, image: vgpu-manager, version: <driver>-<os>}' on the cluster");
        }
    }

    /**
     * PULSE-CPU-SETS: the dedicated vCPUs pinned to a host fit its isolated CPUs: each takes one, plus one for an isolated emulator
     * thread (KubeVirt dedicated CPU placement), else the VM never schedules.
     */
    private void checkDedicatedCapacity(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        Map<String, Integer> asked = new TreeMap<>();
        for (Vm vm : cluster.vms()) {
            Optional<Role> role = fleet.role(vm).filter(Role::dedicatedCpu);
            if (role.isPresent() && vm.host().isPresent() && profiles.containsKey(vm.host().get())) {
                asked.merge(vm.host().get(), role.get().vcpus() + 1, Integer::sum);
            }
        }
        for (Host host : cluster.hosts()) {
            HardwareProfile profile = profiles.get(host.name());
            if (profile == null) {
                continue;
            }
            Optional<BitSet> isolated = profile.isolatedCpus().flatMap(HostConfigRules::cpus);
            Integer need = asked.get(host.name());
            if (need != null && isolated.isPresent() && need > isolated.get().cardinality()) {
                diagnostics.error("PULSE-CPU-SETS", host.source().of("name"), "VMs pinned to host '" + host.name() + "' need " + need
                        + " dedicated CPUs (vCPUs plus one emulator thread each), but its profile isolates " + isolated.get().cardinality(),
                        "pin some of them to another host, or give their roles fewer cores");
            }
        }
    }

    /**
     * PULSE-CPU-SETS: a profile's CPU lists lie inside its CPUs and do not overlap (NTO refuses overlapping
     * reserved and isolated sets: cluster-node-tuning-operator performanceprofile_validation.go validateCPUs).
     */
    void checkCpuLists(HardwareProfile profile) {
        Optional<BitSet> reserved = profile.reservedCpus().flatMap(HostConfigRules::cpus);
        Optional<BitSet> isolated = profile.isolatedCpus().flatMap(HostConfigRules::cpus);
        String what = "hardware profile '" + profile.name() + "'";
        if (reserved.isPresent() && isolated.isPresent() && reserved.get().intersects(isolated.get())) {
            diagnostics.error("PULSE-CPU-SETS", profile.source().of("cpu"), what + " reserves and isolates the same CPUs",
                    "make cpu.reserved and cpu.isolated disjoint");
        }
        if (profile.cpuCount() > 0) {
            for (Optional<BitSet> set : java.util.List.of(reserved, isolated)) {
                if (set.isPresent() && set.get().length() > profile.cpuCount()) {
                    diagnostics.error("PULSE-CPU-SETS", profile.source().of("cpu"), what + " names CPU " + (set.get().length() - 1)
                            + ", but has " + profile.cpuCount() + " CPUs (0-" + (profile.cpuCount() - 1) + ")", "fix cpu.reserved/cpu.isolated or cpu.count");
                }
            }
        }
    }

    /** A cpuset list such as {@code 0-3,8}; empty when malformed (another rule reports that). */
    static Optional<BitSet> cpus(String list) {
        if (!list.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*")) {
            return Optional.empty();
        }
        BitSet set = new BitSet();
        for (String range : list.split(",")) {
            String[] bounds = range.split("-");
            int from = Integer.parseInt(bounds[0]);
            int to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : from;
            if (to < from || to > 65535) {
                return Optional.empty();
            }
            set.set(from, to + 1);
        }
        return Optional.of(set);
    }

    /** GPUs of the slot a VM can get: whole boards, or vGPUs of the slot's type. */
    static int vmGpuUnits(FleetSpec fleet, GpuSlot gpu) {
        if (gpu.mode() == GpuMode.VM_VGPU && gpu.vgpuProfile().isPresent()) {
            return fleet.catalog().device(gpu.model()).map(device -> gpu.count() * dev.pulse.model.VgpuTypes.perBoard(device, gpu.vgpuProfile().get()))
                    .orElse(gpu.count());
        }
        return gpu.mode().forVms() ? gpu.count() : 0;
    }
}
