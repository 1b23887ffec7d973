package dev.pulse.model.rules;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.Device;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.Fleet;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.NicSlot;
import dev.pulse.model.Role;
import dev.pulse.model.Topology;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.load.Suggest;
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
    public void check(Fleet fleet) {
        checkLabel(fleet.name(), Location.of(fleet.file()), "fleet name");
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
    private void checkGit(Fleet fleet) {
        String url = fleet.git().repoURL();
        if (!url.isEmpty() && !(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("ssh://") || url.matches("[\\w.-]+@[\\w.-]+:.+"))) {
            diagnostics.error("PULSE-GIT", Location.of(fleet.file()), "git repoURL '" + url + "' is not an http(s), ssh:// or scp-style git URL",
                    "write the URL Argo CD clones, e.g. https://git.example.com/infra/fleet.git");
        }
        String path = fleet.git().path();
        if (path.startsWith("/") || List.of(path.split("/")).contains("..")) {
            diagnostics.error("PULSE-GIT", Location.of(fleet.file()), "git path '" + path + "' must be relative to the repository root, without '..'",
                    "write the output folder as it stands in the repository, e.g. deploy");
        }
    }

    private void checkCatalog(Catalog catalog) {
        catalog.devices().values().forEach(device -> checkLabel(device.name(), device.source().of("name"), "device name"));
        catalog.roles().values().forEach(role -> checkLabel(role.name(), role.source().of("name"), "role name"));
        for (HardwareProfile profile : catalog.hardwareProfiles().values()) {
            checkLabel(profile.name(), profile.source().of("name"), "hardware profile name");
            for (GpuSlot gpu : profile.gpus()) {
                checkDeviceRef(catalog, gpu.model(), DeviceKind.GPU, gpu.source().of("model"), "hardware profile '" + profile.name() + "'");
            }
            for (NicSlot nic : profile.nics()) {
                Optional<Device> device = checkDeviceRef(catalog, nic.model(), DeviceKind.NIC, nic.source().of("model"), "hardware profile '" + profile.name() + "'");
                device.filter(d -> d.maxVfsPerPort() > 0 && nic.vfsPerPort() > d.maxVfsPerPort()).ifPresent(d -> diagnostics.error("PULSE-VF-MAX",
                        nic.source().of("vfsPerPort"), "hardware profile '" + profile.name() + "' asks for " + nic.vfsPerPort() + " VFs per port of '" + d.name()
                                + "', which supports at most " + d.maxVfsPerPort(), "lower vfsPerPort to " + d.maxVfsPerPort() + " or less"));
            }
            checkOneGpuMode(profile);
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

    private void checkCluster(Fleet fleet, Cluster cluster) {
        String what = "cluster '" + cluster.name() + "'";
        checkLabel(cluster.name(), cluster.source().of("name"), "cluster name");
        unique(cluster.hosts(), Host::name, h -> h.source().of("name"), "host", what);
        unique(cluster.vms(), Vm::name, v -> v.source().of("name"), "vm", what);
        checkTopology(cluster);
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
                checkGpuOperator(cluster, host, profile.get());
            }
        }
        for (Vm vm : cluster.vms()) {
            checkLabel(vm.name(), vm.source().of("name"), "vm name");
            if (catalog.role(vm.role()).isEmpty()) {
                diagnostics.error("PULSE-REF", vm.source().of("role"), "vm '" + vm.name() + "' has role '" + vm.role() + "', which is not defined",
                        hint(vm.role(), catalog.roles().keySet(), "define it under 'roles:'"));
            }
            vm.host().filter(h -> cluster.host(h).isEmpty()).ifPresent(h -> diagnostics.error("PULSE-REF", vm.source().of("host"),
                    "vm '" + vm.name() + "' is pinned to host '" + h + "', which is not a host of " + what,
                    hint(h, cluster.hosts().stream().map(Host::name).toList(), "add the host to the cluster or fix the name")));
        }
        checkGpuCapacity(fleet, cluster, profiles);
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
    private void checkGpuCapacity(Fleet fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        Map<String, Integer> left = new HashMap<>();
        profiles.forEach((host, profile) -> left.put(host, vmGpus(profile)));
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

    private static int gpusAsked(Fleet fleet, Vm vm) {
        return fleet.catalog().role(vm.role()).map(Role::gpus).orElse(0);
    }

    private static String gpus(int count) {
        return count + (count == 1 ? " GPU" : " GPUs");
    }

    private static int vmGpus(HardwareProfile profile) {
        return profile.gpus().stream().filter(gpu -> gpu.mode().forVms()).mapToInt(GpuSlot::count).sum();
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
        Map<String, T> seen = new HashMap<>();
        for (T item : items) {
            T first = seen.putIfAbsent(name.apply(item), item);
            if (first != null && !name.apply(item).isEmpty()) {
                diagnostics.error("PULSE-DUPLICATE-NAME", at.apply(item), kind + " '" + name.apply(item) + "' appears twice in " + scope
                        + " (first at " + at.apply(first) + ")", "give each " + kind + " its own name");
            }
        }
    }

    private static String hint(String name, java.util.Collection<String> known, String otherwise) {
        return Suggest.closest(name, known).map(s -> "did you mean '" + s + "'?").orElse(otherwise);
    }
}
