package dev.pulse.model;

import java.util.List;
import java.util.Map;

/**
 * Where virtualization workloads run when they are kept to a pool of nodes (seed 002: a tainted
 * bare-metal machine pool): HyperConverged's workload nodePlacement and every VM's placement.
 *
 * @param nodeSelector labels the nodes carry
 * @param tolerations taints the workloads tolerate
 */
public record Placement(Map<String, String> nodeSelector, List<Toleration> tolerations) {

    public static final Placement ANYWHERE = new Placement(Map.of(), List.of());

    public Placement {
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
    }

    public boolean isAnywhere() {
        return nodeSelector.isEmpty() && tolerations.isEmpty();
    }

    /**
     * A Kubernetes toleration.
     *
     * @param key taint key
     * @param operator Equal or Exists
     * @param value taint value (empty with Exists)
     * @param effect NoSchedule, PreferNoSchedule or NoExecute
     */
    public record Toleration(String key, String operator, String value, String effect) {}
}
