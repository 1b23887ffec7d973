package dev.pulse.model;

import java.util.List;
import java.util.Optional;

/**
 * One OpenShift cluster of the fleet: its own overlays and Argo CD Applications.
 *
 * @param name cluster name: the folder name under {@code overlays/} and {@code apps/}
 * @param topology standard, compact or single-node
 * @param server the Kubernetes API URL Argo CD deploys to
 * @param storage default storage for VM disks
 * @param gpuOperator whether the NVIDIA GPU Operator manages the GPUs; false: KubeVirt's own device
 *     plugin and a MachineConfig that binds them to vfio-pci (seed 001)
 * @param operators per-operator overrides, sorted by operator name
 * @param hosts the nodes
 * @param vms the virtual machines
 * @param source where it was written
 */
public record Cluster(
        String name,
        Topology topology,
        String server,
        StorageDefaults storage,
        boolean gpuOperator,
        List<OperatorSettings> operators,
        List<Host> hosts,
        List<Vm> vms,
        Source source) {

    public Cluster {
        operators = List.copyOf(operators);
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
    }

    public Optional<Host> host(String hostName) {
        return hosts.stream().filter(host -> host.name().equals(hostName)).findFirst();
    }

    public Optional<OperatorSettings> operator(String operatorName) {
        return operators.stream().filter(settings -> settings.operator().equals(operatorName)).findFirst();
    }
}
