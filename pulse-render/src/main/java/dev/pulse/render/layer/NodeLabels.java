package dev.pulse.render.layer;

/**
 * Node labels Pulse gives hosts through its NodeFeatureRule (never by patching Node objects), and that
 * other layers select hosts by.
 */
public final class NodeLabels {

    /** The host's hardware profile: SR-IOV policies and NMState policies select by it. */
    public static final String HARDWARE_PROFILE = "pulse.dev/hardware-profile";

    /** Hosts that create SR-IOV VFs: the SR-IOV config daemon runs there. */
    public static final String SRIOV = "pulse.dev/sriov";

    /** The NVIDIA GPU Operator's per-node workload: container, vm-passthrough or vm-vgpu. */
    public static final String GPU_WORKLOAD = "nvidia.com/gpu.workload.config";

    private NodeLabels() {}
}
