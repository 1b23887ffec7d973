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

    /**
     * A builder with the defaults: a standard OpenShift Virtualization cluster on the local API server, GPU Operator on, VMs in the fleet's namespace.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Cluster}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String name = "";
        private Topology topology = Topology.STANDARD;
        private String server = "https://kubernetes.default.svc";
        private StorageDefaults storage = StorageDefaults.builder().build();
        private boolean gpuOperator = true;
        private Optional<VgpuManager> vgpuManager = Optional.empty();
        private String fleetName = "";
        private String vmNamespace;
        private Placement placement = Placement.ANYWHERE;
        private final List<Network> networks = new java.util.ArrayList<>();
        private AccessSecrets access = AccessSecrets.NONE;
        private final List<LocalVolume> volumes = new java.util.ArrayList<>();
        private final List<OperatorSettings> operators = new java.util.ArrayList<>();
        private final List<Host> hosts = new java.util.ArrayList<>();
        private final List<Vm> vms = new java.util.ArrayList<>();
        private Platform platform = Platform.OPENSHIFT_VIRTUALIZATION;
        private Optional<Rhoso> rhoso = Optional.empty();
        private Optional<LiveMigration> liveMigration = Optional.empty();
        private Source source;

        private Builder() {}

        /**
         * The cluster name: its folder under {@code overlays/} and {@code apps/}.
         *
         * @param value a DNS-1123 label
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * standard, compact or single-node (default standard).
         *
         * @param value the topology
         * @return this builder
         */
        public Builder topology(Topology value) {
            topology = value;
            return this;
        }

        /**
         * The Kubernetes API URL Argo CD deploys to (default {@code https://kubernetes.default.svc}, the cluster Argo CD runs on).
         *
         * @param value an https URL
         * @return this builder
         */
        public Builder server(String value) {
            server = value;
            return this;
        }

        /**
         * The storage for VM disks, configured by {@code spec}; its source is the line of this call.
         *
         * @param spec sets its values
         * @return this builder
         */
        public Builder storage(java.util.function.Consumer<StorageDefaults.Builder> spec) {
            StorageDefaults.Builder builder = StorageDefaults.builder().source(Caller.source());
            spec.accept(builder);
            return storage(builder.build());
        }

        /**
         * The storage for VM disks (default: the cluster's default class, ReadWriteOnce, 50Gi).
         *
         * @param value the storage settings
         * @return this builder
         */
        public Builder storage(StorageDefaults value) {
            storage = value;
            return this;
        }

        /**
         * Whether the NVIDIA GPU Operator manages the GPUs (default true).
         *
         * @param value false for KubeVirt's own device plugin
         * @return this builder
         */
        public Builder gpuOperator(boolean value) {
            gpuOperator = value;
            return this;
        }

        /**
         * The vGPU Manager image vGPU hosts need.
         *
         * @param value the image
         * @return this builder
         */
        public Builder vgpuManager(VgpuManager value) {
            vgpuManager = Optional.of(value);
            return this;
        }

        /**
         * The name of the fleet the cluster belongs to: the default vmNamespace. {@link FleetSpec.Builder} sets it.
         *
         * @param value the fleet name
         * @return this builder
         */
        public Builder fleet(String value) {
            fleetName = value;
            return this;
        }

        /**
         * The namespace of the cluster's VMs and their networks (default: the fleet's name).
         *
         * @param value a namespace
         * @return this builder
         */
        public Builder vmNamespace(String value) {
            vmNamespace = value;
            return this;
        }

        /**
         * Nodes virtualization workloads are kept to (default: anywhere).
         *
         * @param value the placement
         * @return this builder
         */
        public Builder placement(Placement value) {
            placement = value;
            return this;
        }

        /**
         * Adds a secondary network VMs attach to.
         *
         * @param name the network name
         * @param type its kind
         * @return this builder
         */
        public Builder network(String name, Network.Type type) {
            return network(Network.builder().name(name).type(type).source(Caller.source()).build());
        }

        /**
         * Adds a secondary network VMs attach to, configured by {@code spec}; its source is the line of this call.
         *
         * @param spec sets its values
         * @return this builder
         */
        public Builder network(java.util.function.Consumer<Network.Builder> spec) {
            Network.Builder builder = Network.builder().source(Caller.source());
            spec.accept(builder);
            return network(builder.build());
        }

        /**
         * Adds a secondary network VMs attach to.
         *
         * @param value the network
         * @return this builder
         */
        public Builder network(Network value) {
            networks.add(value);
            return this;
        }

        /**
         * Secrets that give access to the VMs (default: none).
         *
         * @param value the secrets
         * @return this builder
         */
        public Builder access(AccessSecrets value) {
            access = value;
            return this;
        }

        /**
         * Adds an existing host block device offered to VMs.
         *
         * @param value the volume
         * @return this builder
         */
        public Builder volume(LocalVolume value) {
            volumes.add(value);
            return this;
        }

        /**
         * Adds per-operator settings.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder operator(OperatorSettings value) {
            operators.add(value);
            return this;
        }

        /**
         * Adds a node with its hardware profile; its source is the line of this call.
         *
         * @param hostName the node name
         * @param profile the hardware profile name
         * @return this builder
         */
        public Builder host(String hostName, String profile) {
            return host(Host.builder().name(hostName).profile(profile).source(Caller.source()).build());
        }

        /**
         * Adds a node, configured by {@code spec}; its source is the line of this call.
         *
         * @param spec sets its values
         * @return this builder
         */
        public Builder host(java.util.function.Consumer<Host.Builder> spec) {
            Host.Builder builder = Host.builder().source(Caller.source());
            spec.accept(builder);
            return host(builder.build());
        }

        /**
         * Adds a node.
         *
         * @param value the host
         * @return this builder
         */
        public Builder host(Host value) {
            hosts.add(value);
            return this;
        }

        /**
         * Adds a virtual machine (a retired one goes to {@link Cluster#retiredVms()}), configured by {@code spec}; its source is the line of this call.
         *
         * @param spec sets its values
         * @return this builder
         */
        public Builder vm(java.util.function.Consumer<Vm.Builder> spec) {
            Vm.Builder builder = Vm.builder().source(Caller.source());
            spec.accept(builder);
            return vm(builder.build());
        }

        /**
         * Adds a virtual machine; one with {@link Vm#retired()} set goes to {@link Cluster#retiredVms()}.
         *
         * @param value the VM
         * @return this builder
         */
        public Builder vm(Vm value) {
            vms.add(value);
            return this;
        }

        /**
         * What the cluster runs (default OpenShift Virtualization).
         *
         * @param value the platform
         * @return this builder
         */
        public Builder platform(Platform value) {
            platform = value;
            return this;
        }

        /**
         * The OpenStack settings of an RHOSO cluster (default, with platform rhoso: {@link Rhoso#builder()}'s).
         *
         * @param value the settings
         * @return this builder
         */
        public Builder rhoso(Rhoso value) {
            rhoso = Optional.of(value);
            return this;
        }

        /**
         * Live migration settings (default: HyperConverged's, over the pod network).
         *
         * @param value the settings
         * @return this builder
         */
        public Builder liveMigration(LiveMigration value) {
            liveMigration = Optional.of(value);
            return this;
        }

        /**
         * Where the cluster was written; unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The cluster.
         *
         * @return a new {@link Cluster}
         */
        public Cluster build() {
            Source at = source != null ? source : Caller.source();
            // an RHOSO cluster without OpenStack settings gets their defaults, standing where the cluster does
            Optional<Rhoso> settings = platform == Platform.RHOSO && rhoso.isEmpty()
                    ? Optional.of(Rhoso.builder().source(new Source(at.at(), java.util.Map.of())).build()) : rhoso;
            return new Cluster(name, topology, server, storage, gpuOperator, vgpuManager, vmNamespace != null ? vmNamespace : fleetName, placement, networks,
                    access, volumes, operators, hosts, vms.stream().filter(vm -> vm.retired().isEmpty()).toList(),
                    vms.stream().filter(vm -> vm.retired().isPresent()).toList(), platform, settings, liveMigration, at);
        }
    }
}
