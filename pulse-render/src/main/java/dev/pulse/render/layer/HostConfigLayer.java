package dev.pulse.render.layer;

import dev.pulse.model.CpuVendor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.machineconfiguration.v1.MachineConfig;
import io.fabric8.openshift.api.model.machineconfiguration.v1.MachineConfigBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Wave 1: host configuration that reboots nodes. Today the IOMMU MachineConfig: kernel arguments by CPU
 * vendor ({@code amd_iommu=on iommu=pt} or {@code intel_iommu=on iommu=pt}) on the pool of the nodes that
 * pass devices to VMs — {@code worker} on a standard cluster, {@code master} on a compact or single-node
 * one (MCO docs/SingleNodeOpenShift.md).
 */
public final class HostConfigLayer implements Layer {

    /** Ignition spec version MachineConfigs of OpenShift 4.12+ accept. */
    static final String IGNITION_VERSION = "3.2.0";

    @Override
    public String name() {
        return "host-config";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        List<ClusterView.HostView> hosts = cluster.passthroughHosts();
        if (hosts.isEmpty()) {
            return List.of();
        }
        TreeSet<String> kernelArguments = new TreeSet<>();
        hosts.stream().map(host -> host.profile().cpu()).distinct().map(CpuVendor::iommuKernelArguments).forEach(kernelArguments::addAll);
        return List.of(machineConfig(cluster, "iommu", List.copyOf(kernelArguments)));
    }

    /** A MachineConfig named like the seed's {@code 100-worker-iommu}, for the cluster's VM pool. */
    private static MachineConfig machineConfig(ClusterView cluster, String purpose, List<String> kernelArguments) {
        String pool = cluster.machineConfigPool();
        return new MachineConfigBuilder()
                .withMetadata(Resources.metadata(null, "100-" + pool + "-" + purpose, cluster.fleet().name(),
                        Map.of("machineconfiguration.openshift.io/role", pool)))
                .withNewSpec()
                .withConfig(Map.of("ignition", Map.of("version", IGNITION_VERSION)))
                .withKernelArguments(kernelArguments)
                .endSpec()
                .build();
    }
}
