package dev.pulse.render.layer;

import dev.pulse.model.HostLabels;

/** Node labels other layers select hosts by; the model's {@link HostLabels} says which a host carries. */
public final class NodeLabels {

    /** The host's hardware profile. */
    public static final String HARDWARE_PROFILE = HostLabels.HARDWARE_PROFILE;

    /** Hosts that create SR-IOV VFs. */
    public static final String SRIOV = HostLabels.SRIOV;

    /** The NVIDIA GPU Operator's per-node workload. */
    public static final String GPU_WORKLOAD = HostLabels.GPU_WORKLOAD;

    private NodeLabels() {}
}
