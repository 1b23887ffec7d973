package dev.pulse.model;

import java.util.List;
import java.util.Optional;

/**
 * A cluster of a resolved fleet: the cluster as written, its hosts with their hardware profiles and its VMs
 * with their roles.
 *
 * @param spec the cluster as written
 * @param hosts the nodes, each with its hardware profile, in the order written
 * @param vms the VMs in service, each with its role, in the order written
 */
public record ResolvedCluster(Cluster spec, List<ResolvedHost> hosts, List<ResolvedVm> vms) {

    public ResolvedCluster {
        hosts = List.copyOf(hosts);
        vms = List.copyOf(vms);
    }

    /** Cluster name: the folder under {@code overlays/} and {@code apps/}. */
    public String name() {
        return spec.name();
    }

    public Topology topology() {
        return spec.topology();
    }

    /** The Kubernetes API URL Argo CD deploys to. */
    public String server() {
        return spec.server();
    }

    public StorageDefaults storage() {
        return spec.storage();
    }

    /** Whether the NVIDIA GPU Operator manages the GPUs. */
    public boolean gpuOperator() {
        return spec.gpuOperator();
    }

    public Optional<VgpuManager> vgpuManager() {
        return spec.vgpuManager();
    }

    public String vmNamespace() {
        return spec.vmNamespace();
    }

    public Placement placement() {
        return spec.placement();
    }

    public List<Network> networks() {
        return spec.networks();
    }

    public AccessSecrets access() {
        return spec.access();
    }

    public List<LocalVolume> volumes() {
        return spec.volumes();
    }

    public List<OperatorSettings> operators() {
        return spec.operators();
    }

    /** The VMs marked {@code retired}: only their disks are rendered. */
    public List<Vm> retiredVms() {
        return spec.retiredVms();
    }

    public Platform platform() {
        return spec.platform();
    }

    public Optional<Rhoso> rhoso() {
        return spec.rhoso();
    }

    public Optional<LiveMigration> liveMigration() {
        return spec.liveMigration();
    }

    public Source source() {
        return spec.source();
    }

    /** True on an RHOSO cluster: OpenStack layers, no OpenShift Virtualization layers. */
    public boolean isRhoso() {
        return spec.isRhoso();
    }

    /** True when {@code network} is the dedicated live migration network. */
    public boolean isMigrationNetwork(String network) {
        return spec.isMigrationNetwork(network);
    }

    public Optional<ResolvedHost> host(String hostName) {
        return hosts.stream().filter(host -> host.name().equals(hostName)).findFirst();
    }

    public Optional<Network> network(String networkName) {
        return spec.network(networkName);
    }

    public Optional<LocalVolume> volume(String volumeName) {
        return spec.volume(volumeName);
    }

    public Optional<OperatorSettings> operator(String operatorName) {
        return spec.operator(operatorName);
    }
}
