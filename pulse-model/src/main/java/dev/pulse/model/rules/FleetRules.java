package dev.pulse.model.rules;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.Device;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.Disk;
import dev.pulse.model.ESwitchMode;
import dev.pulse.model.EvictionStrategy;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.HostInterface;
import dev.pulse.model.HostPci;
import dev.pulse.model.LocalVolume;
import dev.pulse.model.Network;
import dev.pulse.model.NicSlot;
import dev.pulse.model.NicUse;
import dev.pulse.model.PciId;
import dev.pulse.model.Quantity;
import dev.pulse.model.Role;
import dev.pulse.model.Topology;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.load.Suggest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The platform rules a fleet must meet before anything is rendered. Every rule reports through
 * {@link Diagnostics} and goes on, so one run lists every problem. Each check names its rule id and why.
 */
public final class FleetRules {

    private final Diagnostics diagnostics;

    public FleetRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Runs every rule over {@code fleet}. */
    public void check(FleetSpec fleet) {
        checkLabel(fleet.name(), fleet.source().of("fleet"), "fleet name");
        checkGit(fleet);
        checkCatalog(fleet.catalog());
        unique(fleet.clusters(), Cluster::name, c -> c.source().of("name"), "cluster", "the fleet");
        for (Cluster cluster : fleet.clusters()) {
            checkCluster(fleet, cluster);
        }
    }

    /**
     * PULSE-GIT: Argo CD needs a repository URL it can clone and a relative path inside it.
     * Source: Argo CD Application spec.source.
     */
    private void checkGit(FleetSpec fleet) {
        String url = fleet.git().repoURL();
        if (!url.isEmpty() && !(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("ssh://") || url.matches("[\\w.-]+@[\\w.-]+:.+"))) {
            diagnostics.error("PULSE-GIT", fleet.source().of("git.repoURL"), "git repoURL '" + url + "' is not an http(s), ssh:// or scp-style git URL",
                    "write the URL Argo CD clones, e.g. https://git.example.com/infra/fleet.git");
        }
        String path = fleet.git().path();
        if (path.startsWith("/") || List.of(path.split("/")).contains("..")) {
            diagnostics.error("PULSE-GIT", fleet.source().of("git.path"), "git path '" + path + "' must be relative to the repository root, without '..'",
                    "write the output folder as it stands in the repository, e.g. deploy");
        }
    }

    private void checkCatalog(Catalog catalog) {
        for (Device device : catalog.devices().values()) {
            checkLabel(device.name(), device.source().of("name"), "device name");
            checkResourceName(device);
        }
        checkCompanionsStayWithTheirGpu(catalog);
        for (Role role : catalog.roles().values()) {
            checkLabel(role.name(), role.source().of("name"), "role name");
            checkRoleResources(role);
        }
        for (HardwareProfile profile : catalog.hardwareProfiles().values()) {
            checkLabel(profile.name(), profile.source().of("name"), "hardware profile name");
            new HostConfigRules(diagnostics).checkCpuLists(profile);
            if (profile.name().equals("master") || profile.name().equals("worker")) {
                diagnostics.error("PULSE-NAME", profile.source().of("name"), "hardware profile name '" + profile.name() + "' is the name of a built-in "
                        + "MachineConfigPool, and a profile's hosts get a pool named after it", "rename the profile, e.g. '" + profile.name() + "-gpu'");
            }
            for (GpuSlot gpu : profile.gpus()) {
                checkDeviceRef(catalog, gpu.model(), DeviceKind.GPU, gpu.source().of("model"), "hardware profile '" + profile.name() + "'");
            }
            for (NicSlot nic : profile.nics()) {
                Optional<Device> device = checkDeviceRef(catalog, nic.model(), DeviceKind.NIC, nic.source().of("model"), "hardware profile '" + profile.name() + "'");
                device.filter(d -> d.maxVfsPerPort() > 0 && nic.vfsPerPort() > d.maxVfsPerPort()).ifPresent(d -> diagnostics.error("PULSE-VF-MAX",
                        nic.source().of("vfsPerPort"), "hardware profile '" + profile.name() + "' asks for " + nic.vfsPerPort() + " VFs per port of '" + d.name()
                                + "', which supports at most " + d.maxVfsPerPort(), "lower vfsPerPort to " + d.maxVfsPerPort() + " or less"));
            }
            String what = "hardware profile '" + profile.name() + "'";
            unique(profile.gpus(), GpuSlot::model, g -> g.source().of("model"), "GPU model", what, "list each GPU model once and raise its 'count'");
            unique(profile.nics(), NicSlot::model, n -> n.source().of("model"), "NIC model", what, "list each NIC model once and raise its 'cards'");
            unique(profile.hostNetworks(), HostInterface::name, i -> i.source().of("name"), "host network", what);
            new HostNetworkRules(diagnostics).checkRoutes(profile);
            checkOneGpuMode(profile);
            checkVgpu(catalog, profile);
            profile.nics().stream().filter(nic -> nic.use() == NicUse.VM && nic.eswitch() == ESwitchMode.SWITCHDEV).forEach(nic -> diagnostics.warning(
                    "PULSE-ESWITCH", nic.source().of("eswitch"), "hardware profile '" + profile.name() + "' puts '" + nic.model()
                            + "' in switchdev mode, but its VFs go to VMs (vfio-pci), which do not use the embedded switch; Pulse writes legacy mode",
                    "use 'eswitch: switchdev' only with 'use: pod' (OVS hardware offload), or drop it"));
            checkCpuSets(profile);
        }
    }

    /**
     * PULSE-RESOURCE-NAME: an SR-IOV {@code resourceName} matches {@code ^[a-zA-Z0-9_]+$}; a KubeVirt host
     * device resource is {@code vendor-domain/NAME}. Source: SR-IOV Network Operator API; Kubernetes
     * extended resources.
     */
    private void checkResourceName(Device device) {
        String name = device.resourceName();
        if (name.isEmpty()) {
            return;
        }
        if (device.kind() == DeviceKind.NIC && !name.matches("[a-zA-Z0-9_]+")) {
            diagnostics.error("PULSE-RESOURCE-NAME", device.source().of("resourceName"), "NIC '" + device.name() + "' has resourceName '" + name
                    + "', which SR-IOV does not accept", "use letters, digits and '_' only, e.g. mlx_cx6");
        } else if (device.kind() != DeviceKind.NIC && !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?/[A-Za-z0-9][-A-Za-z0-9_.]*")) {
            diagnostics.error("PULSE-RESOURCE-NAME", device.source().of("resourceName"), "device '" + device.name() + "' has resourceName '" + name
                    + "', not an extended resource name", "write it as vendor-domain/NAME, e.g. nvidia.com/AD104GL_L4");
        }
    }

    /**
     * PULSE-COMPANION: a GPU's companion functions share its IOMMU group and travel with it; listing one as
     * a device of its own would hand half a group to another VM. Source: VFIO (a group is assigned whole).
     */
    private void checkCompanionsStayWithTheirGpu(Catalog catalog) {
        Map<PciId, String> companions = new HashMap<>();
        catalog.devices().values().forEach(d -> d.companions().forEach(c -> companions.put(c.pci(), d.name())));
        for (Device device : catalog.devices().values()) {
            String gpu = companions.get(device.pci());
            if (gpu != null && !gpu.equals(device.name())) {
                diagnostics.error("PULSE-COMPANION", device.source().of("pci"), "device '" + device.name() + "' (" + device.pci() + ") is a companion function of '"
                        + gpu + "', which passes it with the GPU", "remove the device; VMs get it with their GPU");
            }
        }
    }

    /**
     * PULSE-VGPU: a vGPU host names the NVIDIA vGPU profile its cards are split into, and the GPU model must
     * support it. Source: NVIDIA Virtual GPU software, supported vGPU types per board.
     */
    private void checkVgpu(Catalog catalog, HardwareProfile profile) {
        for (GpuSlot gpu : profile.gpus()) {
            String what = "hardware profile '" + profile.name() + "'";
            if (gpu.mode() == GpuMode.VM_VGPU && gpu.vgpuProfile().isEmpty()) {
                diagnostics.error("PULSE-VGPU", gpu.source().of("mode"), what + " runs '" + gpu.model() + "' as vm-vgpu without a 'vgpuProfile'",
                        "add the vGPU profile each card is split into, e.g. vgpuProfile: L4-24Q");
            }
            gpu.vgpuProfile().ifPresent(vgpu -> catalog.device(gpu.model()).ifPresent(device -> {
                if (gpu.mode() != GpuMode.VM_VGPU) {
                    diagnostics.error("PULSE-VGPU", gpu.source().of("vgpuProfile"), what + " gives '" + gpu.model() + "' a vgpuProfile but mode "
                            + gpu.mode().keyword(), "set 'mode: vm-vgpu' or remove vgpuProfile");
                } else if (!device.vgpuProfiles().contains(vgpu)) {
                    diagnostics.error("PULSE-VGPU", gpu.source().of("vgpuProfile"), "vGPU profile '" + vgpu + "' is not one of '" + gpu.model() + "': "
                            + (device.vgpuProfiles().isEmpty() ? "it lists none" : String.join(", ", device.vgpuProfiles())),
                            hint(vgpu, device.vgpuProfiles(), "list the profile under the device's vgpuProfiles if the board supports it"));
                }
            }));
        }
    }

    /**
     * PULSE-QUANTITY: memory is a whole Kubernetes quantity, and huge pages are a size x86 kernels offer
     * (2Mi or 1Gi) that divides the memory. Source: KubeVirt virtual hardware, hugepages.
     */
    private void checkRoleResources(Role role) {
        String what = "role '" + role.name() + "'";
        if (Quantity.bytes(role.memory()).isEmpty()) {
            diagnostics.error("PULSE-QUANTITY", role.source().of("resources"), what + " has memory '" + role.memory() + "', not a whole Kubernetes quantity",
                    "write it like 128Gi or 4096Mi");
            return;
        }
        if (!role.hugepages().isEmpty()) {
            if (!Quantity.isHugePageSize(role.hugepages())) {
                diagnostics.error("PULSE-QUANTITY", role.source().of("resources"), what + " asks for huge pages of '" + role.hugepages() + "'",
                        "use 1Gi or 2Mi, the sizes x86 kernels offer");
            } else if (!Quantity.bytes(role.memory()).get().mod(Quantity.bytes(role.hugepages()).get()).equals(java.math.BigInteger.ZERO)) {
                diagnostics.error("PULSE-QUANTITY", role.source().of("resources"), what + " has memory " + role.memory() + ", not a multiple of its "
                        + role.hugepages() + " huge pages", "round the memory to a whole number of pages");
            }
        }
    }

    /** PULSE-CPU-SETS: reserved and isolated CPU lists are cpuset lists ({@code 0-3,8}) and come together. */
    private void checkCpuSets(HardwareProfile profile) {
        for (Optional<String> cpus : List.of(profile.reservedCpus(), profile.isolatedCpus())) {
            cpus.filter(list -> !list.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*")).ifPresent(list -> diagnostics.error("PULSE-CPU-SETS",
                    profile.source().of("cpu"), "hardware profile '" + profile.name() + "' has CPU list '" + list + "', which is not a cpuset list",
                    "write CPU numbers and ranges separated by commas, e.g. 0-1,64-65"));
        }
        if (profile.reservedCpus().isPresent() != profile.isolatedCpus().isPresent()) {
            diagnostics.error("PULSE-CPU-SETS", profile.source().of("cpu"), "hardware profile '" + profile.name() + "' sets only one of cpu.reserved and cpu.isolated",
                    "set both: the PerformanceProfile needs the CPUs kept for the host and the CPUs for pinned vCPUs");
        }
    }

    /**
     * PULSE-GPU-MODE: a node runs GPU containers, or passthrough VMs, or vGPU VMs, never two of these.
     * Source: NVIDIA GPU Operator with OpenShift Virtualization, "Assumptions, constraints and dependencies".
     */
    private void checkOneGpuMode(HardwareProfile profile) {
        Set<GpuMode> modes = profile.gpus().stream().map(GpuSlot::mode).collect(Collectors.toSet());
        if (modes.size() > 1) {
            diagnostics.error("PULSE-GPU-MODE", profile.source().of("gpus"), "hardware profile '" + profile.name() + "' mixes GPU modes "
                    + modes.stream().map(GpuMode::keyword).sorted().collect(Collectors.joining(" and ")) + " on one host",
                    "a node serves GPU containers, passthrough VMs or vGPU VMs, never two: give all its GPUs one mode, or split them into two hosts");
        }
    }

    private Optional<Device> checkDeviceRef(Catalog catalog, String model, DeviceKind kind, Location at, String user) {
        Optional<Device> device = catalog.device(model);
        if (device.isEmpty()) {
            diagnostics.error("PULSE-REF", at, user + " names device '" + model + "', which is not in the catalog",
                    hint(model, catalog.devices().keySet(), "define it under 'devices:'"));
        } else if (device.get().kind() != kind) {
            diagnostics.error("PULSE-REF", at, user + " lists '" + model + "' as a " + kind.keyword() + ", but it is a " + device.get().kind().keyword(),
                    "move it to the list of its kind, or fix the device's 'kind'");
            return Optional.empty();
        }
        return device;
    }

    private void checkCluster(FleetSpec fleet, Cluster cluster) {
        String what = "cluster '" + cluster.name() + "'";
        checkLabel(cluster.name(), cluster.source().of("name"), "cluster name");
        unique(cluster.hosts(), Host::name, h -> h.source().of("name"), "host", what);
        unique(cluster.vms(), Vm::name, v -> v.source().of("name"), "vm", what);
        checkTopology(cluster);
        checkLabel(cluster.vmNamespace(), cluster.source().of("vmNamespace"), "vm namespace");
        if (cluster.vmNamespace().isBlank() && cluster.source().fields().containsKey("vmNamespace")) {
            diagnostics.error("PULSE-NAME", cluster.source().of("vmNamespace"), "cluster '" + cluster.name() + "' has an empty vmNamespace",
                    "name the namespace of the cluster's VMs, or leave the key out to use the fleet name");
        }
        if (cluster.vmNamespace().startsWith("openshift-") || cluster.vmNamespace().startsWith("kube-") || cluster.vmNamespace().equals("default")) {
            diagnostics.error("PULSE-NAME", cluster.source().of("vmNamespace"), "vm namespace '" + cluster.vmNamespace() + "' of cluster '" + cluster.name()
                    + "' is a platform namespace", "give the VMs a namespace of their own, e.g. 'vmNamespace: " + cluster.name() + "-vms'");
        }
        Catalog catalog = fleet.catalog();
        Map<String, HardwareProfile> profiles = new LinkedHashMap<>();
        for (Host host : cluster.hosts()) {
            if (!Names.isSubdomain(host.name())) {
                diagnostics.error("PULSE-NAME", host.source().of("name"), "host name '" + host.name() + "' is not a valid Kubernetes node name",
                        "use the node's name as 'oc get nodes' prints it: lower-case letters, digits, '-' and '.'");
            }
            Optional<HardwareProfile> profile = catalog.hardwareProfile(host.profile());
            if (profile.isEmpty()) {
                diagnostics.error("PULSE-REF", host.source().of("profile"), "host '" + host.name() + "' uses hardware profile '" + host.profile() + "', which is not defined",
                        hint(host.profile(), catalog.hardwareProfiles().keySet(), "define it under 'hardwareProfiles:'"));
            } else {
                profiles.put(host.name(), profile.get());
                if (!cluster.isRhoso()) {
                    checkGpuOperator(cluster, host, profile.get());
                }
            }
        }
        for (Vm vm : cluster.vms()) {
            checkLabel(vm.name(), vm.source().of("name"), "vm name");
            vm.group().ifPresent(group -> checkLabel(group, vm.source().of("group"), "vm group (a label value)"));
            if (catalog.role(vm.role()).isEmpty()) {
                diagnostics.error("PULSE-REF", vm.source().of("role"), "vm '" + vm.name() + "' has role '" + vm.role() + "', which is not defined",
                        hint(vm.role(), catalog.roles().keySet(), "define it under 'roles:'"));
            }
            vm.host().filter(h -> cluster.host(h).isEmpty()).ifPresent(h -> diagnostics.error("PULSE-REF", vm.source().of("host"),
                    "vm '" + vm.name() + "' is pinned to host '" + h + "', which is not a host of " + what,
                    hint(h, cluster.hosts().stream().map(Host::name).toList(), "add the host to the cluster or fix the name")));
        }
        checkGpuCapacity(fleet, cluster, profiles);
        checkNetworks(fleet, cluster, profiles);
        checkHostPci(fleet, cluster);
        checkDedicatedCpus(fleet, cluster, profiles);
        new RhosoRules(diagnostics).check(fleet, cluster, profiles);
        if (cluster.isRhoso()) {
            return; // the rest are OpenShift Virtualization rules: EDPM hosts are configured by Ansible, not MachineConfigs
        }
        checkIommuVendors(cluster, profiles);
        checkWorkloads(fleet, cluster);
        checkVfCapacity(fleet, cluster, profiles);
        checkControlPlaneSriov(cluster, profiles);
        new HostConfigRules(diagnostics).check(fleet, cluster, profiles);
        new StorageRules(diagnostics).check(cluster);
        new LiveMigrationRules(diagnostics).check(fleet, cluster);
        new HostNetworkRules(diagnostics).check(cluster, profiles);
    }

    /**
     * PULSE-VF-CAPACITY: every SR-IOV attachment takes one VF of its network's NIC model; pinned VMs count
     * against their host, unpinned ones against what the cluster has left. Source: SR-IOV device plugin
     * (a VM asking for a VF none is free to give stays Pending).
     */
    private void checkVfCapacity(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        Map<String, Map<String, Integer>> left = new HashMap<>();
        profiles.forEach((host, profile) -> profile.nics().stream().filter(nic -> nic.use() == NicUse.VM)
                .forEach(nic -> left.computeIfAbsent(host, h -> new HashMap<>()).merge(nic.model(), nic.totalVfs(), Integer::sum)));
        Set<String> offered = left.values().stream().flatMap(m -> m.keySet().stream()).collect(Collectors.toSet());
        List<Vm> unpinned = new ArrayList<>();
        for (Vm vm : cluster.vms()) {
            if (vm.host().filter(profiles::containsKey).isEmpty()) {
                unpinned.add(vm);
                continue;
            }
            for (String nic : vfNics(fleet, cluster, vm).stream().filter(offered::contains).toList()) { // others: PULSE-NETWORK
                Map<String, Integer> hostLeft = left.computeIfAbsent(vm.host().get(), h -> new HashMap<>());
                int free = hostLeft.getOrDefault(nic, 0);
                if (free < 1) {
                    diagnostics.error("PULSE-VF-CAPACITY", vm.source().of("host"), "vm '" + vm.name() + "' needs a VF of '" + nic + "' but host '" + vm.host().get()
                            + "' has none left", "pin the VM to another host, raise vfsPerPort in the host's profile, or attach fewer networks");
                }
                hostLeft.put(nic, free - 1);
            }
        }
        for (Vm vm : unpinned) {
            for (String nic : vfNics(fleet, cluster, vm).stream().filter(offered::contains).toList()) {
                int free = left.values().stream().mapToInt(m -> Math.max(0, m.getOrDefault(nic, 0))).sum();
                if (free < 1) {
                    diagnostics.error("PULSE-VF-CAPACITY", vm.source().of("role"), "vm '" + vm.name() + "' needs a VF of '" + nic + "' but cluster '" + cluster.name()
                            + "' has none left", "add hosts with that NIC, raise vfsPerPort, or attach fewer networks");
                }
                left.values().stream().filter(m -> m.getOrDefault(nic, 0) > 0).findFirst().ifPresent(m -> m.merge(nic, -1, Integer::sum));
            }
        }
    }

    /** The NIC model behind each SR-IOV network the VM's role attaches to. */
    private static List<String> vfNics(FleetSpec fleet, Cluster cluster, Vm vm) {
        return fleet.role(vm).map(role -> role.sriov().stream().map(cluster::network).flatMap(Optional::stream)
                .filter(n -> n.type() == Network.Type.SRIOV).map(Network::nic).toList()).orElse(List.of());
    }

    /**
     * PULSE-SRIOV-CONTROL-PLANE: SR-IOV policies must not select control-plane nodes of a standard
     * cluster (the config daemon drains and reboots them). Source: OpenShift SR-IOV Network Operator docs.
     */
    private void checkControlPlaneSriov(Cluster cluster, Map<String, HardwareProfile> profiles) {
        if (cluster.topology() != Topology.STANDARD) {
            return;
        }
        for (Host host : cluster.hosts()) {
            HardwareProfile profile = profiles.get(host.name());
            if (host.controlPlane() && profile != null && profile.nics().stream().anyMatch(nic -> nic.vfsPerPort() > 0)) {
                diagnostics.error("PULSE-SRIOV-CONTROL-PLANE", host.source().of("controlPlane"), "host '" + host.name() + "' is a control-plane node of standard cluster '"
                        + cluster.name() + "' but its profile creates SR-IOV VFs", "give it a profile without VFs, or move the VFs to worker hosts");
            }
        }
    }

    /**
     * Rules on VMs as workloads: role attachments resolve in the VM's cluster, disks are well-formed,
     * eviction is possible, guest templates exist, and no secret value is written into the model.
     */
    private void checkWorkloads(FleetSpec fleet, Cluster cluster) {
        String what = "cluster '" + cluster.name() + "'";
        for (Vm vm : cluster.vms()) {
            Optional<Role> role = fleet.role(vm);
            role.ifPresent(r -> checkRoleUse(fleet, cluster, vm, r));
            vm.allDisks().forEach(disk -> checkDisk(cluster, vm, disk));
            checkDiskList(vm);
            checkShape(vm);
            role.filter(r -> vm.identity().numa() && !(r.dedicatedCpu() && !r.hugepages().isEmpty())).ifPresent(r -> diagnostics.error("PULSE-NUMA",
                    vm.source().of("numa"), "vm '" + vm.name() + "' asks for a guest NUMA topology, which needs dedicated CPUs and huge pages, but it has "
                            + (r.dedicatedCpu() ? "no huge pages" : "shared CPUs"),
                    "give the VM (or its role) 'resources: {cpu: {dedicated: true}, hugepages: 1Gi}', or remove 'numa'"));
            checkEviction(fleet, cluster, vm, role);
            checkSecretVars(vm.guestVars(), vm.source().of("guestVars"), "vm '" + vm.name() + "'");
        }
        Map<String, String> claimedBy = new HashMap<>();
        for (Vm vm : cluster.vms()) {
            for (Disk disk : vm.allDisks()) {
                disk.claim().filter(claim -> cluster.volume(claim).isPresent()).ifPresent(claim -> {
                    String other = claimedBy.putIfAbsent(claim, vm.name());
                    if (other != null) {
                        diagnostics.error("PULSE-DISK", disk.source().of("claim"), "vm '" + vm.name() + "' uses volume '" + claim + "', which vm '" + other
                                + "' already uses", "a local volume is one VM's disk; give each VM its own");
                    }
                });
            }
        }
        unique(cluster.volumes(), LocalVolume::name, v -> v.source().of("name"), "volume", what);
        for (LocalVolume volume : cluster.volumes()) {
            checkLabel(volume.name(), volume.source().of("name"), "volume name");
            if (cluster.host(volume.host()).isEmpty()) {
                diagnostics.error("PULSE-REF", volume.source().of("host"), "volume '" + volume.name() + "' is on host '" + volume.host() + "', which is not a host of " + what,
                        hint(volume.host(), cluster.hosts().stream().map(Host::name).toList(), "name the node the device is on"));
            }
            if (!volume.path().startsWith("/dev/") || volume.path().contains("..")) {
                diagnostics.error("PULSE-DISK", volume.source().of("path"), "volume '" + volume.name() + "' has path '" + volume.path() + "', not a device under /dev",
                        "give the block device, e.g. /dev/vg_vms/" + volume.name());
            }
            checkQuantity(volume.size(), volume.source().of("size"), "size of volume '" + volume.name() + "'");
        }
        for (Optional<String> secret : List.of(cluster.access().sshKeys(), cluster.access().passwords())) {
            secret.filter(name -> !Names.isSubdomain(name)).ifPresent(name -> diagnostics.error("PULSE-NAME", cluster.source().of("access"),
                    "Secret name '" + name + "' of " + what + " is not a valid Kubernetes name", "name an existing Secret in the VMs' namespace"));
        }
    }

    private void checkRoleUse(FleetSpec fleet, Cluster cluster, Vm vm, Role role) {
        String who = "vm '" + vm.name() + "' (role '" + role.name() + "')";
        for (String bridge : role.bridges()) {
            Optional<Network> network = cluster.network(bridge);
            if (network.isEmpty() || network.get().type() == Network.Type.SRIOV) {
                diagnostics.error("PULSE-REF", vm.source().of("role"), who + " attaches to bridge network '" + bridge + "', which cluster '" + cluster.name()
                        + (network.isEmpty() ? "' does not define" : "' defines as an sriov network"),
                        "add '{name: " + bridge + ", type: bridge, bridge: <host bridge>}' under the cluster's 'networks:'");
            }
        }
        for (String model : role.pci()) {
            checkDeviceRef(fleet.catalog(), model, DeviceKind.PCI, role.source().of("pci"), "role '" + role.name() + "'");
            Optional<Host> host = vm.host().flatMap(cluster::host);
            if (vm.host().isEmpty()) {
                diagnostics.error("PULSE-PCI-ADDRESS", vm.source().of("role"), who + " takes a '" + model + "' PCI device, which Pulse binds by host address",
                        "pin the VM to the host that lists the device under 'pci:'");
            } else if (host.isPresent() && host.get().pci().stream().noneMatch(p -> p.model().equals(model))) {
                diagnostics.error("PULSE-PCI-ADDRESS", vm.source().of("host"), who + " takes a '" + model + "' PCI device, but host '" + host.get().name()
                        + "' lists none", "add '{model: " + model + ", address: DDDD:BB:DD.F}' under the host's 'pci:'");
            }
        }
        for (String template : role.guest()) {
            if (fleet.catalog().template(template).isEmpty()) {
                diagnostics.error("PULSE-REF", role.source().of("guest"), "role '" + role.name() + "' uses guest template '" + template + "', which is not defined",
                        hint(template, fleet.catalog().templates().keySet(), "add templates/" + template + ".yaml.j2 beside the fleet file"));
            }
        }
        checkSecretVars(role.guestVars(), role.source().of("guestVars"), "role '" + role.name() + "'");
    }

    /**
     * PULSE-DISK: a disk has exactly one source — an http(s) import, a {@code docker://} registry import,
     * a {@code namespace/name} PVC clone, or an existing claim — and a valid size. Source: CDI DataVolume sources.
     */
    private void checkDisk(Cluster cluster, Vm vm, Disk disk) {
        String who = (disk.name().equals(Disk.ROOT) ? "disk" : "disk '" + disk.name() + "'") + " of vm '" + vm.name() + "'";
        long sources = java.util.stream.Stream.of(disk.importUrl(), disk.importRegistry(), disk.clonePvc(), disk.dataSource(), disk.claim())
                .filter(Optional::isPresent).count() + (disk.blank() ? 1 : 0);
        if (sources != 1) {
            diagnostics.error("PULSE-DISK", disk.source().at(), who + " has " + sources + " sources",
                    "give exactly one: import: {url: https://...} | import: {registry: docker://...} | import: {pvc: ns/name} | import: {dataSource: rhel9} | blank: true | claim: name");
        }
        // CDI resolves sourceRef {kind: DataSource, namespace, name} (containerized-data-importer api DataVolumeSourceRef)
        disk.dataSource().filter(ref -> !ref.matches("([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?")).ifPresent(ref -> diagnostics.error("PULSE-DISK",
                disk.source().of("import.dataSource"), who + " clones DataSource '" + ref + "'", "write it as name or namespace/name, e.g. openshift-virtualization-os-images/rhel9"));
        // CDI DataVolume http source: certConfigMap (a ConfigMap with the server's CA bundle) and secretRef (a Secret with
        // accessKeyId/secretKey) belong to http imports only (containerized-data-importer doc/datavolumes.md, "HTTP/S3/GCS/Registry source").
        for (String field : List.of("certConfigMap", "secretRef")) {
            Optional<String> value = field.equals("certConfigMap") ? disk.certConfigMap() : disk.secretRef();
            value.ifPresent(name -> {
                if (disk.importUrl().isEmpty()) {
                    diagnostics.error("PULSE-DISK", disk.source().of("import." + field), who + " sets import." + field + " without an import url",
                            "only http(s) imports take a CA bundle or credentials: add 'url:' or remove '" + field + "'");
                } else if (!Names.isSubdomain(name)) {
                    diagnostics.error("PULSE-DISK", disk.source().of("import." + field), who + " names " + field + " '" + name + "', not a valid Kubernetes name",
                            "name an existing " + (field.equals("secretRef") ? "Secret" : "ConfigMap") + " in the VM namespace");
                }
            });
        }
        if (disk.cdrom() && disk.blank()) {
            diagnostics.error("PULSE-DISK", disk.source().of("cdrom"), who + " is a blank CD-ROM", "import the ISO into it ('import: {url: ...}'), or make it a disk");
        }
        disk.importUrl().filter(url -> !url.matches("https?://[^\\s/]+/\\S*")).ifPresent(url -> diagnostics.error("PULSE-DISK",
                disk.source().of("import.url"), who + " imports from '" + url + "', not an http(s) URL", "give the URL CDI downloads the qcow2/raw image from"));
        disk.importRegistry().filter(url -> !url.matches("docker://[^\\s]+")).ifPresent(url -> diagnostics.error("PULSE-DISK",
                disk.source().of("import.registry"), who + " imports from registry '" + url + "'", "write it as docker://registry/repository:tag"));
        disk.clonePvc().filter(pvc -> !pvc.matches("[a-z0-9-]+/[a-z0-9.-]+")).ifPresent(pvc -> diagnostics.error("PULSE-DISK",
                disk.source().of("import.pvc"), who + " clones '" + pvc + "'", "write the PVC to clone as namespace/name"));
        disk.claim().ifPresent(claim -> {
            if (!Names.isSubdomain(claim)) {
                diagnostics.error("PULSE-DISK", disk.source().of("claim"), who + " names claim '" + claim + "', not a valid Kubernetes name", "name an existing PVC");
            }
            cluster.volume(claim).filter(volume -> vm.host().isPresent() && !vm.host().get().equals(volume.host())).ifPresent(volume -> diagnostics.error(
                    "PULSE-DISK", vm.source().of("host"), "vm '" + vm.name() + "' is pinned to host '" + vm.host().get() + "' but its volume '" + claim
                            + "' is on host '" + volume.host() + "'", "pin the VM to " + volume.host() + ": a local volume cannot leave its host"));
        });
        disk.size().ifPresent(size -> checkQuantity(size, disk.source().of("size"), "size of the " + who));
        if (disk.imported() && cluster.storage().accessModeOf(disk.storageClass()).isEmpty()) {
            List<String> known = new ArrayList<>();
            known.add(cluster.storage().storageClass());
            cluster.storage().otherClasses().forEach(c -> known.add(c.name()));
            diagnostics.error("PULSE-REF", disk.source().of("storageClass"), who + " names storage class '" + disk.storageClass().orElseThrow()
                    + "', which cluster '" + cluster.name() + "' does not offer", hint(disk.storageClass().get(), known,
                            "list it under the cluster's 'storage: {otherClasses: [{name: ..., accessMode: ...}]}'"));
        }
    }

    /**
     * PULSE-DISK: a VM writes its root disk as {@code disk:} or all its disks as {@code disks:}, not both; disk names
     * are distinct labels (they name the volume and, for imports, the DataVolume {@code <vm>-<disk>}).
     */
    private void checkDiskList(Vm vm) {
        if (vm.disk().isPresent() && !vm.disks().isEmpty()) {
            diagnostics.error("PULSE-DISK", vm.source().of("disks"), "vm '" + vm.name() + "' has both 'disk' and 'disks'",
                    "list the root disk first under 'disks:' and remove 'disk:'");
        }
        for (Disk disk : vm.disks()) {
            checkLabel(disk.name(), disk.source().of("name"), "disk name");
        }
        unique(vm.disks(), Disk::name, d -> d.source().of("name"), "disk", "vm '" + vm.name() + "'");
    }

    /**
     * PULSE-QUANTITY: what a VM sets over its role follows the role's rules (memory a whole quantity, huge pages
     * 2Mi/1Gi dividing it). PULSE-NUMA: a guest NUMA topology mirroring the host's needs dedicated CPUs and huge
     * pages (kubevirt docs virtual_machines/numa.md: "guestMappingPassthrough ... requires dedicatedCpuPlacement
     * and hugepages"; the VMI admitter refuses it otherwise).
     */
    private void checkShape(Vm vm) {
        String what = "vm '" + vm.name() + "'";
        vm.identity().nicModels().forEach((network, model) -> {
            if (!dev.pulse.model.VmIdentity.NIC_MODELS.contains(model)) {
                diagnostics.error("PULSE-CHOICE", vm.source().of("nicModels"), what + " gives network '" + network + "' NIC model '" + model
                        + "', which KubeVirt does not emulate", hint(model, dev.pulse.model.VmIdentity.NIC_MODELS, "use one of "
                        + String.join(", ", dev.pulse.model.VmIdentity.NIC_MODELS)));
            }
        });
        vm.shape().memory().filter(memory -> Quantity.bytes(memory).isEmpty()).ifPresent(memory -> diagnostics.error("PULSE-QUANTITY",
                vm.source().of("resources"), what + " has memory '" + memory + "', not a whole Kubernetes quantity", "write it like 128Gi or 4096Mi"));
        vm.shape().hugepages().filter(size -> !size.isEmpty() && !Quantity.isHugePageSize(size)).ifPresent(size -> diagnostics.error("PULSE-QUANTITY",
                vm.source().of("resources"), what + " asks for huge pages of '" + size + "'", "use 1Gi or 2Mi, the sizes x86 kernels offer, or none"));
    }

    /**
     * PULSE-EVICTION: LiveMigrate needs a VM that can move: no host devices (GPUs, VFs, PCI functions stay
     * on their node) and only ReadWriteMany disks. Source: KubeVirt live migration limitations; seed 002
     * ("EBS-backed RWO volumes ... live migration is not supported").
     */
    private void checkEviction(FleetSpec fleet, Cluster cluster, Vm vm, Optional<Role> role) {
        Optional<EvictionStrategy> asked = vm.evictionStrategy().or(() -> role.flatMap(Role::evictionStrategy));
        if (asked.orElse(null) != EvictionStrategy.LIVE_MIGRATE || role.isEmpty()) {
            return;
        }
        Optional<String> blocker = Migration.blocker(fleet.catalog(), cluster, vm, role.get());
        blocker.ifPresent(why -> diagnostics.error("PULSE-EVICTION", vm.source().of(vm.evictionStrategy().isPresent() ? "evictionStrategy" : "role"),
                "vm '" + vm.name() + "' asks for evictionStrategy LiveMigrate, but " + why,
                "use evictionStrategy None (the drain stops it) or External, or remove what pins it"));
    }

    /** PULSE-SECRET: secret values never go into the model or the rendered tree; guests get them from Secrets. */
    private void checkSecretVars(Map<String, String> vars, Location at, String who) {
        vars.keySet().stream().filter(key -> key.toLowerCase(java.util.Locale.ROOT).matches(".*(password|passwd|secret|token|private.?key).*"))
                .forEach(key -> diagnostics.error("PULSE-SECRET", at, who + " sets guest variable '" + key + "', which looks like a secret value",
                        "keep secrets out of Git: put it in a Secret and use the cluster's 'access: {sshKeysSecret, passwordsSecret}'"));
    }

    private void checkQuantity(String quantity, Location at, String what) {
        if (Quantity.bytes(quantity).isEmpty()) {
            diagnostics.error("PULSE-QUANTITY", at, what + " is '" + quantity + "', not a whole Kubernetes quantity", "write it like 100Gi");
        }
    }

    /**
     * PULSE-NETWORK: an SR-IOV network needs a NIC whose VFs go to VMs on some host of the cluster; a
     * bridge network needs a Linux bridge that the hosts' profiles build; every network a role attaches to
     * exists in the VM's cluster. Source: SR-IOV Network Operator (SriovNetwork resourceName), NMState.
     */
    private void checkNetworks(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        String what = "cluster '" + cluster.name() + "'";
        unique(cluster.networks(), Network::name, n -> n.source().of("name"), "network", what);
        for (Network network : cluster.networks()) {
            checkLabel(network.name(), network.source().of("name"), "network name");
            if (network.type() == Network.Type.SRIOV) {
                boolean offered = profiles.values().stream().flatMap(p -> p.nics().stream())
                        .anyMatch(nic -> nic.model().equals(network.nic()) && nic.use() == NicUse.VM && nic.vfsPerPort() > 0);
                if (!offered) {
                    diagnostics.error("PULSE-NETWORK", network.source().of(network.nic().isEmpty() ? "type" : "nic"), "sriov network '" + network.name()
                            + "' uses NIC '" + network.nic() + "', but no host of " + what + " has it with VFs for VMs",
                            "name a NIC model of the hosts' hardware profiles ('nic:'), with vfsPerPort > 0 and use: vm");
                }
            } else if (network.type() == Network.Type.LAYER2) {
                // an overlay between the VMs: no host side, and no VLAN (ovn-kubernetes docs/features/multiple-networks: vlanID is localnet only)
                if (network.vlan() > 0 || !network.bridge().isEmpty()) {
                    diagnostics.error("PULSE-NETWORK", network.source().of(network.vlan() > 0 ? "vlan" : "bridge"), "layer2 network '" + network.name()
                            + "' is an OVN-Kubernetes overlay between VMs: it has no VLAN and no host bridge", "use 'type: localnet' to reach a VLAN of the physical network");
                }
            } else if (network.type() == Network.Type.LOCALNET) {
                boolean built = network.ovsBridge().equals(Network.DEFAULT_OVS_BRIDGE) || profiles.values().stream().flatMap(p -> p.hostNetworks().stream())
                        .anyMatch(i -> i.name().equals(network.bridge()) && i.type() == HostInterface.InterfaceType.OVS_BRIDGE);
                if (!built) {
                    diagnostics.error("PULSE-NETWORK", network.source().of("bridge"), "localnet network '" + network.name() + "' maps to OVS bridge '"
                            + network.bridge() + "', which no host of " + what + " builds",
                            "leave 'bridge' out to use br-ex, or add it to the hardware profile's hostNetworks as 'type: ovs-bridge'");
                }
                if (cluster.topology() == dev.pulse.model.Topology.MANAGED) {
                    diagnostics.error("PULSE-NETWORK", network.source().of("type"), "localnet network '" + network.name() + "' needs an OVN bridge mapping "
                            + "written by NMState on the nodes, which a managed cluster's provider owns", "use a layer2 network, or the provider's networking");
                }
            } else {
                boolean built = profiles.values().stream().flatMap(p -> p.hostNetworks().stream())
                        .anyMatch(i -> i.name().equals(network.bridge()) && i.type() == HostInterface.InterfaceType.LINUX_BRIDGE);
                if (!built) {
                    diagnostics.error("PULSE-NETWORK", network.source().of(network.bridge().isEmpty() ? "type" : "bridge"), "bridge network '" + network.name()
                            + "' uses bridge '" + network.bridge() + "', which no host of " + what + " builds",
                            "add it to the hardware profile's hostNetworks as 'type: linux-bridge', or fix 'bridge:'");
                }
            }
        }
        for (Vm vm : cluster.vms()) {
            fleet.role(vm).ifPresent(role -> role.sriov().forEach(name -> {
                Optional<Network> network = cluster.network(name);
                if (network.isEmpty() || network.get().type() != Network.Type.SRIOV) {
                    diagnostics.error("PULSE-REF", vm.source().of("role"), "vm '" + vm.name() + "' (role '" + role.name() + "') attaches to sriov network '" + name
                            + "', which " + what + (network.isEmpty() ? " does not define" : " defines as a " + network.get().type().keyword() + " network"),
                            "add '{name: " + name + ", type: sriov, nic: <NIC model>}' under the cluster's 'networks:'");
                }
            }));
        }
    }

    /** PULSE-PCI-ADDRESS: a host's passthrough PCI function names a catalog pci device and a full PCI address. */
    private void checkHostPci(FleetSpec fleet, Cluster cluster) {
        for (Host host : cluster.hosts()) {
            unique(host.pci(), HostPci::address, p -> p.source().of("address"), "PCI address", "host '" + host.name() + "'", "list each PCI function once");
            for (HostPci pci : host.pci()) {
                checkDeviceRef(fleet.catalog(), pci.model(), DeviceKind.PCI, pci.source().of("model"), "host '" + host.name() + "'");
                if (!pci.address().isEmpty() && !pci.address().matches("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]")) {
                    diagnostics.error("PULSE-PCI-ADDRESS", pci.source().of("address"), "host '" + host.name() + "' names PCI address '" + pci.address()
                            + "', which is not of the form DDDD:BB:DD.F", "write it as 'lspci -D' prints it, lower case, e.g. 0000:0b:00.3");
                }
            }
        }
    }

    /**
     * PULSE-CPU-SETS: dedicated vCPUs and huge pages need a PerformanceProfile, one per MachineConfigPool,
     * so every host of the pool needs the same reserved/isolated CPU lists (on standard clusters each hardware
     * profile has its own pool; compact and single-node ones share master).
     * Source: OpenShift Virtualization, "Enabling dedicated resources for virtual machines" (seed 001 "Next").
     */
    private void checkDedicatedCpus(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        Optional<Vm> needing = cluster.vms().stream().filter(vm -> fleet.role(vm)
                .map(role -> role.dedicatedCpu() || !role.hugepages().isEmpty()).orElse(false)).findFirst();
        if (needing.isEmpty()) {
            return;
        }
        // On standard clusters each profile has its own pool, so only hosts such a VM may run on need the lists (its pinned
        // host; every host for an unpinned one); compact and single-node clusters have one pool, and so one PerformanceProfile.
        List<Vm> needingVms = cluster.vms().stream().filter(vm -> fleet.catalog().role(vm.role())
                .map(role -> role.dedicatedCpu() || !role.hugepages().isEmpty()).orElse(false)).toList();
        boolean everyHost = !cluster.topology().customPools() || needingVms.stream().anyMatch(vm -> vm.host().isEmpty());
        Set<String> runHosts = needingVms.stream().flatMap(vm -> vm.host().stream()).collect(Collectors.toSet());
        Set<String> cpuSets = new java.util.TreeSet<>();
        for (Map.Entry<String, HardwareProfile> host : profiles.entrySet()) {
            HardwareProfile profile = host.getValue();
            if (!everyHost && !runHosts.contains(host.getKey())) {
                continue;
            }
            if (profile.reservedCpus().isEmpty() || profile.isolatedCpus().isEmpty()) {
                diagnostics.error("PULSE-CPU-SETS", cluster.host(host.getKey()).orElseThrow().source().of("profile"), "vm '" + needing.get().name()
                        + "' needs dedicated CPUs or huge pages, but host '" + host.getKey() + "' (profile '" + profile.name() + "') has no cpu.reserved/cpu.isolated",
                        "add 'cpu: {vendor: ..., reserved: 0-1, isolated: 2-31}' to the profile: the PerformanceProfile of the pool needs them");
            } else {
                cpuSets.add(profile.reservedCpus().get() + " / " + profile.isolatedCpus().get());
            }
        }
        if (cpuSets.size() > 1 && !cluster.topology().customPools()) {
            diagnostics.error("PULSE-CPU-SETS", cluster.source().of("hosts"), "hosts of cluster '" + cluster.name() + "' share one MachineConfigPool but have different "
                    + "reserved/isolated CPU lists (" + String.join("; ", cpuSets) + ")", "give their hardware profiles the same CPU lists, or split the hosts into clusters");
        }
    }

    /**
     * PULSE-IOMMU-MIXED (warning): MachineConfigs apply to a whole pool, so a pool with AMD and Intel hosts
     * gets both vendors' IOMMU arguments; each kernel ignores the other's. Source: kernel-parameters.txt.
     */
    private void checkIommuVendors(Cluster cluster, Map<String, HardwareProfile> profiles) {
        Set<String> vendors = profiles.values().stream().filter(HardwareProfile::passesDevicesToVms).map(p -> p.cpu().keyword())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        if (vendors.size() > 1) {
            diagnostics.warning("PULSE-IOMMU-MIXED", cluster.source().of("hosts"), "cluster '" + cluster.name() + "' mixes " + String.join(" and ", vendors)
                    + " passthrough hosts in one pool: both vendors' IOMMU arguments are written", "fine as is; split the hosts into clusters to keep them apart");
        }
    }

    /**
     * PULSE-TOPOLOGY: a single-node cluster has exactly one host, which is also its control plane, so
     * its MachineConfigs go to the {@code master} pool. Source: MCO docs/SingleNodeOpenShift.md (seed 001).
     */
    private void checkTopology(Cluster cluster) {
        if (cluster.topology() == Topology.SINGLE_NODE && cluster.hosts().size() != 1) {
            diagnostics.error("PULSE-TOPOLOGY", cluster.source().of("topology"), "cluster '" + cluster.name() + "' is single-node but lists "
                    + cluster.hosts().size() + " hosts", "list exactly one host, or set 'topology: standard'");
        }
    }

    /**
     * PULSE-GPU-OPERATOR: vGPU and GPU containers need the NVIDIA GPU Operator (vGPU manager, device plugin);
     * only passthrough can run on KubeVirt's own device plugin. Source: NVIDIA GPU Operator with KubeVirt.
     */
    private void checkGpuOperator(Cluster cluster, Host host, HardwareProfile profile) {
        if (cluster.gpuOperator()) {
            return;
        }
        profile.gpus().stream().filter(gpu -> gpu.mode() != GpuMode.VM_PASSTHROUGH).findFirst().ifPresent(gpu -> diagnostics.error("PULSE-GPU-OPERATOR",
                host.source().of("profile"), "host '" + host.name() + "' has GPUs in mode " + gpu.mode().keyword() + ", but cluster '" + cluster.name()
                        + "' sets 'gpuOperator: false'", "only vm-passthrough works without the NVIDIA GPU Operator: set 'gpuOperator: true' or change the mode"));
    }

    /**
     * PULSE-GPU-CAPACITY: the GPUs VMs ask for must exist. Pinned VMs count against their host; unpinned
     * ones against what the cluster's VM GPUs have left. Source: DESIGN §3; the device plugin would leave the
     * VM Pending forever.
     */
    private void checkGpuCapacity(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        Map<String, Integer> left = new HashMap<>();
        profiles.forEach((host, profile) -> left.put(host, profile.gpus().stream().mapToInt(gpu -> HostConfigRules.vmGpuUnits(fleet, gpu)).sum()));
        for (Vm vm : cluster.vms()) {
            int asked = gpusAsked(fleet, vm);
            Optional<String> host = vm.host().filter(profiles::containsKey);
            if (asked == 0 || host.isEmpty()) {
                continue;
            }
            int hostLeft = left.get(host.get());
            if (asked > hostLeft) {
                diagnostics.error("PULSE-GPU-CAPACITY", vm.source().of("host"), "vm '" + vm.name() + "' asks for " + gpus(asked) + " (role '" + vm.role()
                        + "') but host '" + host.get() + "' has " + Math.max(0, hostLeft) + " left",
                        "pin the VM to another host, give the role fewer GPUs, or add GPUs to the host's hardware profile");
            }
            left.put(host.get(), hostLeft - asked);
        }
        long vmGpuKinds = profiles.values().stream().flatMap(p -> p.gpus().stream()).filter(g -> g.mode().forVms())
                .map(g -> g.model() + "/" + g.mode() + "/" + g.vgpuProfile().orElse("")).distinct().count();
        for (Vm vm : cluster.vms()) {
            if (gpusAsked(fleet, vm) > 0 && vm.host().isEmpty() && vmGpuKinds > 1) {
                diagnostics.error("PULSE-GPU-MODEL", vm.source().of("role"), "vm '" + vm.name() + "' asks for GPUs without a host, but cluster '" + cluster.name()
                        + "' has " + vmGpuKinds + " kinds of VM GPU, so its device name is ambiguous", "pin the VM to a host with 'host:'");
            }
        }
        int clusterLeft = left.values().stream().mapToInt(n -> Math.max(0, n)).sum();
        for (Vm vm : cluster.vms()) {
            int asked = gpusAsked(fleet, vm);
            if (asked == 0 || vm.host().isPresent()) {
                continue;
            }
            if (asked > clusterLeft) {
                diagnostics.error("PULSE-GPU-CAPACITY", vm.source().of("role"), "vm '" + vm.name() + "' asks for " + gpus(asked) + " (role '" + vm.role()
                        + "') but cluster '" + cluster.name() + "' has " + Math.max(0, clusterLeft) + " left for VMs", "add GPU hosts or give the role fewer GPUs");
            }
            clusterLeft -= asked;
        }
    }

    private static int gpusAsked(FleetSpec fleet, Vm vm) {
        return fleet.role(vm).map(Role::gpus).orElse(0);
    }

    private static String gpus(int count) {
        return count + (count == 1 ? " GPU" : " GPUs");
    }

    /** PULSE-NAME: names become Kubernetes object names and path segments, so they must be DNS-1123 labels. */
    private void checkLabel(String name, Location at, String what) {
        if (!name.isEmpty() && !Names.isLabel(name)) {
            diagnostics.error("PULSE-NAME", at, what + " '" + name + "' is not a DNS-1123 label",
                    "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
    }

    /** PULSE-DUPLICATE-NAME: names are unique per kind and scope, since they become object names and paths. */
    private <T> void unique(List<T> items, Function<T, String> name, Function<T, Location> at, String kind, String scope) {
        unique(items, name, at, kind, scope, "give each " + kind + " its own name");
    }

    private <T> void unique(List<T> items, Function<T, String> name, Function<T, Location> at, String kind, String scope, String hint) {
        Map<String, T> seen = new HashMap<>();
        for (T item : items) {
            T first = seen.putIfAbsent(name.apply(item), item);
            if (first != null && !name.apply(item).isEmpty()) {
                diagnostics.error("PULSE-DUPLICATE-NAME", at.apply(item), kind + " '" + name.apply(item) + "' appears twice in " + scope
                        + " (first at " + at.apply(first) + ")", hint);
            }
        }
    }

    private static String hint(String name, java.util.Collection<String> known, String otherwise) {
        return Suggest.closest(name, known).map(s -> "did you mean '" + s + "'?").orElse(otherwise);
    }
}
