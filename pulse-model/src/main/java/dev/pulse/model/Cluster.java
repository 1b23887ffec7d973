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
 * @param vgpuManager the vGPU Manager image vGPU hosts need; empty when no host runs vGPU
 * @param vmNamespace the namespace of the cluster's VMs and their networks
 * @param placement nodes that virtualization workloads are kept to
 * @param networks secondary networks VMs attach to
 * @param access Secrets that give access to the VMs
 * @param volumes existing host block devices offered to VMs
 * @param operators per-operator overrides, sorted by operator name
 * @param hosts the nodes
 * @param vms the virtual machines in service
 * @param retiredVms the VMs marked {@code retired}: no VirtualMachine is rendered for them, only their disks
 * @param platform what the cluster runs: OpenShift Virtualization (default) or RHOSO
 * @param rhoso the OpenStack settings of an RHOSO cluster; empty on other platforms
 * @param liveMigration live migration settings (empty: HCO's defaults, over the pod network)
 * @param source where it was written
 */
public record Cluster(
        String name,
        Topology topology,
        String server,
        StorageDefaults storage,
        boolean gpuOperator,
        Optional<VgpuManager> vgpuManager,
        String vmNamespace,
        Placement placement,
        List<Network> networks,
        AccessSecrets access,
        List<LocalVolume> volumes,
        List<OperatorSettings> operators,
        List<Host> hosts,
        List<Vm> vms,
        List<Vm> retiredVms,
        Platform platform,
        Optional<Rhoso> rhoso,
        Optional<LiveMigration> liveMigration,
        Source source) {

    /** True when {@code network} is the dedicated live migration network (its attachment lives in openshift-cnv). */
    public boolean isMigrationNetwork(String network) {
        return liveMigration.map(LiveMigration::network).filter(network::equals).isPresent();
    }

    public Cluster {
        networks = List.copyOf(networks);
        volumes = List.copyOf(volumes);
        operators = List.copyOf(operators);
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
        retiredVms = List.copyOf(retiredVms);
    }

    /** True when the cluster is an RHOSO cluster: OpenStack layers, no OpenShift Virtualization layers. */
    public boolean isRhoso() {
        return platform == Platform.RHOSO;
    }

    public Optional<Host> host(String hostName) {
        return hosts.stream().filter(host -> host.name().equals(hostName)).findFirst();
    }

    public Optional<Network> network(String networkName) {
        return networks.stream().filter(network -> network.name().equals(networkName)).findFirst();
    }

    public Optional<LocalVolume> volume(String volumeName) {
        return volumes.stream().filter(volume -> volume.name().equals(volumeName)).findFirst();
    }

    public Optional<OperatorSettings> operator(String operatorName) {
        return operators.stream().filter(settings -> settings.operator().equals(operatorName)).findFirst();
    }
}
