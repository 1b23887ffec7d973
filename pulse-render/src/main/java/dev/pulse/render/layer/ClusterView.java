package dev.pulse.render.layer;

import dev.pulse.model.Fleet;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.HostLabels;
import dev.pulse.model.ResolvedCluster;
import dev.pulse.model.ResolvedHost;
import dev.pulse.model.ResolvedVm;
import dev.pulse.model.Role;
import dev.pulse.model.diag.Diagnostics;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster together with what layers ask of it over and over: what its hosts' hardware profiles imply and
 * where host configuration goes. Built once per cluster per render from a resolved fleet.
 *
 * @param fleet the whole fleet (catalog, git and Argo CD settings)
 * @param cluster the cluster being rendered
 * @param problems where a layer reports what only rendering finds (a guest template that fails); the
 *     renderer fails with all of them after every layer ran
 * @param pools the MachineConfigPools host configuration goes to (see {@link #computePools})
 */
public record ClusterView(Fleet fleet, ResolvedCluster cluster, List<ClusterView.Pool> pools, Diagnostics problems) {

    public static ClusterView of(Fleet fleet, ResolvedCluster cluster, Diagnostics problems) {
        return new ClusterView(fleet, cluster, computePools(fleet, cluster), problems);
    }

    /** The cluster's hosts with their hardware profiles, in the order written. */
    public List<ResolvedHost> hosts() {
        return cluster.hosts();
    }

    /** The GPU slot a VM's GPUs come from: its host's, or for an unpinned VM the cluster's only VM GPU model. */
    public Optional<GpuSlot> gpuSlotFor(ResolvedVm vm) {
        List<ResolvedHost> hosts = hosts();
        List<GpuSlot> slots = vm.host().map(name -> hosts.stream().filter(h -> h.name().equals(name)).flatMap(h -> h.profile().gpus().stream()))
                .orElseGet(() -> hosts.stream().flatMap(h -> h.profile().gpus().stream()))
                .filter(gpu -> gpu.mode().forVms()).toList();
        return slots.stream().findFirst();
    }

    public String name() {
        return cluster.name();
    }

    /** True when some host has GPUs. */
    public boolean hasGpus() {
        return hosts().stream().anyMatch(host -> !host.profile().gpus().isEmpty());
    }

    /** True when the NVIDIA GPU Operator manages this cluster's GPUs. */
    public boolean usesGpuOperator() {
        return cluster.gpuOperator() && hasGpus();
    }

    /** True when some host creates SR-IOV virtual functions. */
    public boolean usesSriov() {
        return hosts().stream().anyMatch(ClusterView::hasVfs);
    }

    /** True when the host creates SR-IOV virtual functions. */
    public static boolean hasVfs(ResolvedHost host) {
        return host.profile().nics().stream().anyMatch(nic -> nic.vfsPerPort() > 0);
    }

    /** True when some host has bonds, bridges or VLANs for NMState to build. */
    public boolean usesHostNetworks() {
        return hosts().stream().anyMatch(host -> !host.profile().hostNetworks().isEmpty())
                || cluster.networks().stream().anyMatch(network -> network.type() == dev.pulse.model.Network.Type.LOCALNET);
    }

    /** The storage backend Pulse installs on this cluster, if any. */
    public Optional<dev.pulse.model.StorageBackend.Type> storageBackend() {
        return cluster.storage().backend().map(dev.pulse.model.StorageBackend::type);
    }

    /** True when layers select hosts by the labels Pulse's NodeFeatureRule gives them. */
    public boolean labelsHosts() {
        return hasGpus() || usesSriov() || usesHostNetworks() || pools().stream().anyMatch(Pool::custom)
                || storageBackend().filter(b -> b == dev.pulse.model.StorageBackend.Type.ODF).isPresent();
    }

    /** True when the cluster installs {@code operator} (a key of {@code operators:}): as the model needs, or as told. */
    public boolean installs(String operator) {
        return OperatorsLayer.installs(this, operator);
    }

    /**
     * A MachineConfigPool that host configuration (MachineConfigs, a PerformanceProfile) goes to.
     *
     * @param name pool name: a hardware profile's name for a custom pool, else {@code master}
     * @param custom true when Pulse renders the pool (standard clusters: one per hardware profile that needs host
     *     config, selecting the profile label, so only those hosts reboot and get the isolation)
     * @param profile the hardware profile of a custom pool's hosts (empty for {@code master})
     * @param hosts the pool's hosts
     */
    public record Pool(String name, boolean custom, Optional<HardwareProfile> profile, List<ResolvedHost> hosts) {

        /** The label a PerformanceProfile's {@code machineConfigPoolSelector} finds the pool by. */
        public String selectorLabel() {
            return "pools.operator.machineconfiguration.openshift.io/" + name;
        }

        /** The one label a PerformanceProfile selects the pool's nodes by (NTO accepts exactly one). */
        public Map<String, String> nodeSelector() {
            return profile.map(p -> Map.of(HostLabels.HARDWARE_PROFILE, p.name())).orElse(Map.of("node-role.kubernetes.io/" + name, ""));
        }
    }

    /**
     * The pools host configuration goes to: none on managed clusters or when no host needs any; {@code master}
     * (every host) on compact and single-node clusters; else one custom pool per hardware profile whose hosts need
     * host configuration.
     */
    private static List<Pool> computePools(Fleet fleet, ResolvedCluster cluster) {
        List<ResolvedHost> hosts = cluster.hosts();
        if (!cluster.topology().allowsMachineConfigs() || hosts.stream().noneMatch(host -> needsHostConfig(fleet, cluster, host))) {
            return List.of();
        }
        if (!cluster.topology().customPools()) {
            return List.of(new Pool(cluster.topology().machineConfigPool(), false, Optional.empty(), hosts));
        }
        return profiles(hosts).stream()
                .filter(profile -> hosts.stream().anyMatch(host -> host.profile().equals(profile) && needsHostConfig(fleet, cluster, host)))
                .map(profile -> new Pool(profile.name(), true, Optional.of(profile), hosts.stream().filter(host -> host.profile().equals(profile)).toList()))
                .toList();
    }

    /**
     * True when the host needs kernel arguments, vfio-pci binding or a PerformanceProfile: it passes devices to
     * VMs, KubeVirt binds its devices itself, or it may run a VM with dedicated CPUs or huge pages.
     */
    public boolean needsHostConfig(ResolvedHost host) {
        return needsHostConfig(fleet, cluster, host);
    }

    private static boolean needsHostConfig(Fleet fleet, ResolvedCluster cluster, ResolvedHost host) {
        return host.profile().passesDevicesToVms() || !vfioIds(fleet, cluster, host.profile()).isEmpty() || !host.pci().isEmpty()
                || host.profile().gpus().stream().anyMatch(gpu -> gpu.console() && gpu.mode().forVms())
                || cluster.vms().stream().anyMatch(vm -> needsPerformanceProfile(vm) && vm.host().map(host.name()::equals).orElse(true));
    }

    /** True when the VM asks for dedicated CPUs or huge pages, which only a PerformanceProfile provides. */
    public static boolean needsPerformanceProfile(ResolvedVm vm) {
        Role role = vm.role();
        return role.dedicatedCpu() || !role.hugepages().isEmpty();
    }

    /**
     * PCI ids Pulse binds to vfio-pci on hosts of {@code profile}: passthrough GPUs and their companions where
     * KubeVirt's own device plugin serves them (no GPU Operator, whose VFIO manager binds them otherwise).
     */
    public java.util.SortedSet<String> vfioIds(HardwareProfile profile) {
        return vfioIds(fleet, cluster, profile);
    }

    private static java.util.SortedSet<String> vfioIds(Fleet fleet, ResolvedCluster cluster, HardwareProfile profile) {
        java.util.SortedSet<String> ids = new java.util.TreeSet<>();
        if (!cluster.gpuOperator()) {
            for (GpuSlot gpu : profile.gpus()) {
                if (gpu.mode() == dev.pulse.model.GpuMode.VM_PASSTHROUGH) {
                    dev.pulse.model.Device device = fleet.catalog().device(gpu.model()).orElseThrow();
                    ids.add(device.pci().toString());
                    device.companions().forEach(companion -> ids.add(companion.pci().toString()));
                }
            }
        }
        return ids;
    }

    /** The distinct hardware profiles of the cluster's hosts, in first-use order. */
    public List<HardwareProfile> profiles() {
        return profiles(hosts());
    }

    private static List<HardwareProfile> profiles(List<ResolvedHost> hosts) {
        return hosts.stream().map(ResolvedHost::profile).distinct().toList();
    }

    /** Names of the hosts with {@code profile}. */
    public List<String> hostsWith(HardwareProfile profile) {
        return hosts().stream().filter(host -> host.profile().equals(profile)).map(ResolvedHost::name).toList();
    }

    /** The namespace VMs and their networks live in. */
    public String vmNamespace() {
        return cluster.vmNamespace();
    }

    /** Hosts whose devices VMs get (GPU passthrough or vGPU, SR-IOV VFs): they need the IOMMU on. */
    public List<ResolvedHost> passthroughHosts() {
        return hosts().stream().filter(host -> host.profile().passesDevicesToVms()).toList();
    }

    /** GPU slots of every host, for layers that list device models in use. */
    public List<GpuSlot> gpuSlots() {
        return hosts().stream().flatMap(host -> host.profile().gpus().stream()).toList();
    }

}
