package dev.pulse.model.rules;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.Role;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rules on GPUs: one mode per host, vGPU profiles the board offers, the GPU Operator where a mode needs it, and
 * enough GPUs for the VMs that ask for them (PULSE-GPU-MODE, PULSE-VGPU, PULSE-GPU-OPERATOR, PULSE-GPU-CAPACITY,
 * PULSE-GPU-MODEL). The vGPU Manager image is a host configuration rule ({@link HostConfigRules}).
 */
final class GpuRules {

    private final Diagnostics diagnostics;

    GpuRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The GPUs of every hardware profile. */
    void checkCatalog(Catalog catalog) {
        for (HardwareProfile profile : catalog.hardwareProfiles().values()) {
            checkOneGpuMode(profile);
            checkVgpu(catalog, profile);
        }
    }

    /**
     * PULSE-GPU-MODE: a node runs GPU containers, or passthrough VMs, or vGPU VMs, never two of these.
     * Source: NVIDIA GPU Operator with OpenShift Virtualization, "Assumptions, constraints and dependencies".
     */
    private void checkOneGpuMode(HardwareProfile profile) {
        Set<GpuMode> modes = profile.gpus().stream().map(GpuSlot::mode).collect(Collectors.toSet());
        if (modes.size() > 1) {
            diagnostics.error(Rule.GPU_MODE, profile.source().of("gpus"), "hardware profile '" + profile.name() + "' mixes GPU modes "
                    + modes.stream().map(GpuMode::keyword).sorted().collect(Collectors.joining(" and ")) + " on one host",
                    "a node serves GPU containers, passthrough VMs or vGPU VMs, never two: give all its GPUs one mode, or split them into two hosts");
        }
    }

    /**
     * PULSE-VGPU: a vGPU host names the NVIDIA vGPU profile its cards are split into, and the GPU model must
     * support it. Source: NVIDIA Virtual GPU software, supported vGPU types per board.
     */
    private void checkVgpu(Catalog catalog, HardwareProfile profile) {
        for (GpuSlot gpu : profile.gpus()) {
            String what = "hardware profile '" + profile.name() + "'";
            if (gpu.mode() == GpuMode.VM_VGPU && gpu.vgpuProfile().isEmpty()) {
                diagnostics.error(Rule.VGPU, gpu.source().of("mode"), what + " runs '" + gpu.model() + "' as vm-vgpu without a 'vgpuProfile'",
                        "add the vGPU profile each card is split into, e.g. vgpuProfile: L4-24Q");
            }
            gpu.vgpuProfile().ifPresent(vgpu -> catalog.device(gpu.model()).ifPresent(device -> {
                if (gpu.mode() != GpuMode.VM_VGPU) {
                    diagnostics.error(Rule.VGPU, gpu.source().of("vgpuProfile"), what + " gives '" + gpu.model() + "' a vgpuProfile but mode "
                            + gpu.mode().keyword(), "set 'mode: vm-vgpu' or remove vgpuProfile");
                } else if (!device.vgpuProfiles().contains(vgpu)) {
                    diagnostics.error(Rule.VGPU, gpu.source().of("vgpuProfile"), "vGPU profile '" + vgpu + "' is not one of '" + gpu.model() + "': "
                            + (device.vgpuProfiles().isEmpty() ? "it lists none" : String.join(", ", device.vgpuProfiles())),
                            ReferenceRules.hint(vgpu, device.vgpuProfiles(), "list the profile under the device's vgpuProfiles if the board supports it"));
                }
            }));
        }
    }

    /**
     * PULSE-GPU-OPERATOR: vGPU and GPU containers need the NVIDIA GPU Operator (vGPU manager, device plugin);
     * only passthrough can run on KubeVirt's own device plugin. Source: NVIDIA GPU Operator with KubeVirt.
     */
    void checkGpuOperator(FleetSpec fleet, Cluster cluster) {
        if (cluster.gpuOperator()) {
            return;
        }
        for (Host host : cluster.hosts()) {
            fleet.catalog().hardwareProfile(host.profile()).flatMap(profile -> profile.gpus().stream().filter(gpu -> gpu.mode() != GpuMode.VM_PASSTHROUGH)
                    .findFirst()).ifPresent(gpu -> diagnostics.error(Rule.GPU_OPERATOR, host.source().of("profile"), "host '" + host.name()
                            + "' has GPUs in mode " + gpu.mode().keyword() + ", but cluster '" + cluster.name() + "' sets 'gpuOperator: false'",
                            "only vm-passthrough works without the NVIDIA GPU Operator: set 'gpuOperator: true' or change the mode"));
        }
    }

    /**
     * PULSE-GPU-CAPACITY: the GPUs VMs ask for must exist. Pinned VMs count against their host; unpinned
     * ones against what the cluster's VM GPUs have left. Source: DESIGN §3; the device plugin would leave the
     * VM Pending forever.
     */
    void checkGpuCapacity(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        Map<String, Integer> left = new HashMap<>();
        profiles.forEach((host, profile) -> left.put(host, profile.gpus().stream().mapToInt(gpu -> vmGpuUnits(fleet, gpu)).sum()));
        for (Vm vm : cluster.vms()) {
            int asked = gpusAsked(fleet, vm);
            Optional<String> host = vm.host().filter(profiles::containsKey);
            if (asked == 0 || host.isEmpty()) {
                continue;
            }
            int hostLeft = left.get(host.get());
            if (asked > hostLeft) {
                diagnostics.error(Rule.GPU_CAPACITY, vm.source().of("host"), "vm '" + vm.name() + "' asks for " + gpus(asked) + " (role '" + vm.role()
                        + "') but host '" + host.get() + "' has " + Math.max(0, hostLeft) + " left",
                        "pin the VM to another host, give the role fewer GPUs, or add GPUs to the host's hardware profile");
            }
            left.put(host.get(), hostLeft - asked);
        }
        long vmGpuKinds = profiles.values().stream().flatMap(p -> p.gpus().stream()).filter(g -> g.mode().forVms())
                .map(g -> g.model() + "/" + g.mode() + "/" + g.vgpuProfile().orElse("")).distinct().count();
        for (Vm vm : cluster.vms()) {
            if (gpusAsked(fleet, vm) > 0 && vm.host().isEmpty() && vmGpuKinds > 1) {
                diagnostics.error(Rule.GPU_MODEL, vm.source().of("role"), "vm '" + vm.name() + "' asks for GPUs without a host, but cluster '" + cluster.name()
                        + "' has " + vmGpuKinds + " kinds of VM GPU, so its device name is ambiguous", "pin the VM to a host with 'host:'");
            }
        }
        int clusterLeft = left.values().stream().mapToInt(n -> Math.max(0, n)).sum();
        for (Vm vm : cluster.vms()) {
            int asked = gpusAsked(fleet, vm);
            if (asked == 0 || vm.host().isPresent()) {
                continue;
            }
            if (asked > clusterLeft) {
                diagnostics.error(Rule.GPU_CAPACITY, vm.source().of("role"), "vm '" + vm.name() + "' asks for " + gpus(asked) + " (role '" + vm.role()
                        + "') but cluster '" + cluster.name() + "' has " + Math.max(0, clusterLeft) + " left for VMs", "add GPU hosts or give the role fewer GPUs");
            }
            clusterLeft -= asked;
        }
    }

    /** GPUs of the slot a VM can get: whole boards, or vGPUs of the slot's type. */
    static int vmGpuUnits(FleetSpec fleet, GpuSlot gpu) {
        if (gpu.mode() == GpuMode.VM_VGPU && gpu.vgpuProfile().isPresent()) {
            return fleet.catalog().device(gpu.model()).map(device -> gpu.count() * dev.pulse.model.VgpuTypes.perBoard(device, gpu.vgpuProfile().get()))
                    .orElse(gpu.count());
        }
        return gpu.mode().forVms() ? gpu.count() : 0;
    }

    private static int gpusAsked(FleetSpec fleet, Vm vm) {
        return fleet.role(vm).map(Role::gpus).orElse(0);
    }

    private static String gpus(int count) {
        return count + (count == 1 ? " GPU" : " GPUs");
    }
}
