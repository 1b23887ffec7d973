package dev.pulse.render.layer;

import dev.pulse.model.Device;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Rhoso;
import dev.pulse.model.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Nova's view of an RHOSO cluster's GPUs, derived from the catalog, so the control plane and the computes can never
 * disagree: the {@code [pci] alias} both sides need (the API turns a flavor's alias into a PCI request, the scheduler
 * filters hosts by it, the compute claims the device), the compute's {@code [pci] device_spec}, and the ids Ansible
 * binds to vfio-pci. Sources: Nova "Attaching physical PCI devices to guests" (alias on nova-api and on the computes,
 * device_spec on the computes, PciPassthroughFilter on the scheduler); openstack-k8s-operators/architecture
 * {@code examples/dt/nova/nova04delta/README.md} and {@code edpm/nodeset/values.yaml}.
 */
public final class NovaPci {

    /**
     * Nova's default {@code [filter_scheduler] enabled_filters} (nova {@code nova/conf/scheduler.py}, 2023.1
     * Antelope, the release of RHOSO 18). Setting the option replaces the list, so Pulse writes it whole.
     */
    static final List<String> DEFAULT_FILTERS = List.of("ComputeFilter", "ComputeCapabilitiesFilter", "ImagePropertiesFilter",
            "ServerGroupAntiAffinityFilter", "ServerGroupAffinityFilter");

    private NovaPci() {}

    /** The passthrough GPU models of the cluster's hosts, in first-use order. */
    public static List<Device> gpuModels(ClusterView cluster) {
        return cluster.hosts().stream().flatMap(host -> host.profile().gpus().stream()).filter(gpu -> gpu.mode() == GpuMode.VM_PASSTHROUGH)
                .map(GpuSlot::model).distinct().map(model -> cluster.fleet().catalog().device(model).orElseThrow()).toList();
    }

    /** The alias name flavors use for {@code model}: as {@code rhoso.pciAliases} says, else the model's name. */
    public static String aliasName(Rhoso rhoso, String model) {
        return rhoso.pciAlias(model).map(Rhoso.PciAlias::name).orElse(model);
    }

    /**
     * One {@code alias = {...}} line. {@code device_type} follows the device: {@code type-PF} when its function has
     * the SR-IOV capability, else {@code type-PCI}; an alias of the wrong type matches no device (nova04delta README).
     */
    static String aliasLine(Rhoso rhoso, Device device) {
        StringBuilder line = new StringBuilder("alias = { \"vendor_id\":\"").append(device.pci().vendor()).append("\", \"product_id\":\"")
                .append(device.pci().device()).append("\", \"device_type\":\"").append(device.sriovCapable() ? "type-PF" : "type-PCI")
                .append("\", \"name\":\"").append(aliasName(rhoso, device.name())).append('"');
        rhoso.pciAlias(device.name()).flatMap(Rhoso.PciAlias::numaPolicy).ifPresent(policy -> line.append(", \"numa_policy\":\"").append(policy).append('"'));
        return line.append(" }").toString();
    }

    /** {@code [pci]} with an alias per GPU model of the cluster: what nova-api and nova-scheduler need. */
    static String controlPlanePci(ClusterView cluster) {
        Rhoso rhoso = cluster.cluster().rhoso().orElseThrow();
        List<String> lines = new ArrayList<>(List.of("[pci]"));
        gpuModels(cluster).forEach(device -> lines.add(aliasLine(rhoso, device)));
        return String.join("\n", lines) + "\n";
    }

    /**
     * The scheduler's filters: Nova's defaults plus PciPassthroughFilter (hosts without the requested devices are
     * dropped) and, when a flavor pins CPUs or backs memory with huge pages, NUMATopologyFilter.
     */
    static String schedulerFilters(ClusterView cluster) {
        List<String> filters = new ArrayList<>(DEFAULT_FILTERS);
        filters.add("PciPassthroughFilter");
        if (flavorRoles(cluster).stream().anyMatch(Role::dedicatedCpu)) {
            filters.add("NUMATopologyFilter");
        }
        return "[filter_scheduler]\nenabled_filters = " + String.join(",", filters) + "\n";
    }

    /** The roles the cluster turns into flavors. */
    static List<Role> flavorRoles(ClusterView cluster) {
        return cluster.cluster().rhoso().orElseThrow().flavors().stream().distinct().map(name -> cluster.fleet().catalog().role(name).orElseThrow()).toList();
    }

    /**
     * The compute's {@code [pci]}: a device_spec per passthrough GPU model of the profile (by vendor and product, so
     * every such card of the node is offered) and the same aliases as the control plane.
     */
    static String computePci(ClusterView cluster, HardwareProfile profile) {
        Rhoso rhoso = cluster.cluster().rhoso().orElseThrow();
        List<String> lines = new ArrayList<>(List.of("[pci]"));
        for (Device device : devices(cluster, profile)) {
            lines.add("device_spec = { \"vendor_id\":\"" + device.pci().vendor() + "\", \"product_id\":\"" + device.pci().device() + "\" }");
        }
        devices(cluster, profile).forEach(device -> lines.add(aliasLine(rhoso, device)));
        return String.join("\n", lines) + "\n";
    }

    /**
     * The compute's CPU split when the profile has one: host processes and unpinned instances on the reserved CPUs
     * ({@code cpu_shared_set}), pinned instances ({@code hw:cpu_policy=dedicated}) on the isolated ones
     * ({@code cpu_dedicated_set}). Source: nova04delta {@code edpm/nodeset/values.yaml} ({@code nova.compute.conf}),
     * Nova "CPU topologies".
     */
    static java.util.Optional<String> computeCpuPinning(HardwareProfile profile) {
        if (profile.reservedCpus().isEmpty() || profile.isolatedCpus().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("[compute]\ncpu_shared_set = " + profile.reservedCpus().get() + "\ncpu_dedicated_set = " + profile.isolatedCpus().get() + "\n");
    }

    /**
     * Ids bound to vfio-pci at boot on hosts of {@code profile}: each passthrough GPU and its companion functions,
     * which share its IOMMU group (VFIO assigns a group only when every member is bound to vfio-pci).
     */
    static SortedSet<String> vfioIds(ClusterView cluster, HardwareProfile profile) {
        SortedSet<String> ids = new TreeSet<>();
        for (Device device : devices(cluster, profile)) {
            ids.add(device.pci().toString());
            device.companions().forEach(companion -> ids.add(companion.pci().toString()));
        }
        return ids;
    }

    private static List<Device> devices(ClusterView cluster, HardwareProfile profile) {
        return profile.gpus().stream().filter(gpu -> gpu.mode() == GpuMode.VM_PASSTHROUGH)
                .map(gpu -> cluster.fleet().catalog().device(gpu.model()).orElseThrow()).toList();
    }
}
