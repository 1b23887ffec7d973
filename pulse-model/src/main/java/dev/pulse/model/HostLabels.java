package dev.pulse.model;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The node labels hosts of a hardware profile carry, and that the rendered tree selects hosts by. Pulse gives
 * them through a NodeFeatureRule (never by patching Node objects); hosts that are machine pools, whose node names
 * nobody knows in advance, carry them from their pool's labels.
 */
public final class HostLabels {

    /** The host's hardware profile: MachineConfigPools, SR-IOV policies and NMState policies select by it. */
    public static final String HARDWARE_PROFILE = "pulse.dev/hardware-profile";

    /** Hosts that create SR-IOV VFs: the SR-IOV config daemon runs there. */
    public static final String SRIOV = "pulse.dev/sriov";

    /**
     * The NVIDIA GPU Operator's per-node workload: container, vm-passthrough or vm-vgpu (NVIDIA/gpu-operator
     * {@code controllers/state_manager.go}, gpuWorkloadConfigLabelKey).
     */
    public static final String GPU_WORKLOAD = "nvidia.com/gpu.workload.config";

    /**
     * The vGPU device manager's per-node choice: the name of a config in its ConfigMap, and the operator's default
     * {@code default-vgpu-devices-config} has one config per vGPU type, named like it (NVIDIA/vgpu-device-manager
     * {@code cmd/nvidia-k8s-vgpu-dm/main.go}; gpu-operator {@code assets/state-vgpu-device-manager/0500_configmap.yaml}).
     */
    public static final String VGPU_CONFIG = "nvidia.com/vgpu.config";

    private HostLabels() {}

    /** The labels every host of {@code profile} carries: its profile, GPU workload, vGPU type and SR-IOV use. */
    public static SortedMap<String, String> of(HardwareProfile profile) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put(HARDWARE_PROFILE, profile.name());
        profile.gpuMode().ifPresent(mode -> labels.put(GPU_WORKLOAD, mode.keyword()));
        profile.gpus().stream().filter(gpu -> gpu.mode() == GpuMode.VM_VGPU).findFirst()
                .flatMap(GpuSlot::vgpuProfile).ifPresent(type -> labels.put(VGPU_CONFIG, type));
        if (profile.nics().stream().anyMatch(nic -> nic.vfsPerPort() > 0)) {
            labels.put(SRIOV, "true");
        }
        return labels;
    }
}
