package dev.pulse.render.simulation;

import dev.pulse.model.Catalog;
import dev.pulse.model.Companion;
import dev.pulse.model.CpuVendor;
import dev.pulse.model.Device;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.HostPci;
import dev.pulse.model.NicSlot;
import dev.pulse.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A node of the simulated cluster: a host of the fleet, with what its hardware profile says it has, and
 * what the controllers made of it (labels, pool, machine config, bound devices, advertised resources).
 */
final class Node {

    /**
     * One PCI function of the host.
     *
     * @param id vendor:device in lower case, e.g. {@code 10de:26b1}
     * @param address the PCI address when the model names it (host PCI devices), else {@code ""}
     * @param device the catalog device it belongs to
     * @param role gpu, companion, nic or pci
     */
    record Function(String id, String address, Device device, String role) {}

    final String name;
    final Host host;
    final HardwareProfile profile;
    final boolean controlPlane;
    final Map<String, String> baseLabels = new TreeMap<>();
    final List<Function> functions = new ArrayList<>();

    // Derived by every settle.
    final Map<String, String> labels = new TreeMap<>();
    String pool = "";
    final TreeSet<String> machineConfigs = new TreeSet<>();
    final TreeSet<String> kernelArguments = new TreeSet<>();
    final TreeSet<String> vfioIds = new TreeSet<>();
    final TreeSet<String> vfioAddresses = new TreeSet<>();
    final Map<String, Long> hugepages = new TreeMap<>();
    int dedicatedCpus;
    String performanceProfile = "";
    final TreeSet<String> bridges = new TreeSet<>();
    boolean sriovDaemon;
    /** SR-IOV VF count per PF function id applied by accepted policies, and their device type per resource. */
    final Map<String, String> vfDeviceTypes = new TreeMap<>();
    final TreeSet<String> vfReboots = new TreeSet<>();
    /** Extended resources the device plugins advertise, and what the scheduler already gave away. */
    final Map<String, Long> allocatable = new TreeMap<>();
    final Map<String, Long> used = new TreeMap<>();
    /** Why an expected resource is missing on this node, per resource, for messages. */
    final Map<String, String> missingWhy = new TreeMap<>();

    Node(Host host, HardwareProfile profile, Topology topology, Catalog catalog) {
        this.name = host.name();
        this.host = host;
        this.profile = profile;
        this.controlPlane = host.controlPlane() || topology != Topology.STANDARD;
        // kubelet's well-known labels and OpenShift's node roles: compact and single-node clusters' nodes are
        // masters that are also workers; a standard cluster's control-plane nodes are masters only.
        baseLabels.put("kubernetes.io/hostname", name);
        baseLabels.put("kubernetes.io/os", "linux");
        baseLabels.put("kubernetes.io/arch", "amd64");
        if (controlPlane) {
            baseLabels.put("node-role.kubernetes.io/master", "");
            baseLabels.put("node-role.kubernetes.io/control-plane", "");
        }
        if (!controlPlane || topology != Topology.STANDARD) {
            baseLabels.put("node-role.kubernetes.io/worker", "");
        }
        for (GpuSlot gpu : profile.gpus()) {
            Optional<Device> device = catalog.device(gpu.model());
            for (int card = 0; card < gpu.count() && device.isPresent(); card++) {
                functions.add(new Function(id(device.get().pci().toString()), "", device.get(), "gpu"));
                for (Companion companion : device.get().companions()) {
                    functions.add(new Function(id(companion.pci().toString()), "", device.get(), "companion"));
                }
            }
        }
        for (NicSlot nic : profile.nics()) {
            Optional<Device> device = catalog.device(nic.model());
            for (int port = 0; port < nic.cards() * nic.ports() && device.isPresent(); port++) {
                functions.add(new Function(id(device.get().pci().toString()), "", device.get(), "nic"));
            }
        }
        for (HostPci pci : host.pci()) {
            catalog.device(pci.model()).ifPresent(device -> functions.add(new Function(id(device.pci().toString()), pci.address(), device, "pci")));
        }
        reset();
    }

    static String id(String pci) {
        return pci.toLowerCase(Locale.ROOT);
    }

    void reset() {
        labels.clear();
        labels.putAll(baseLabels);
        pool = "";
        machineConfigs.clear();
        kernelArguments.clear();
        vfioIds.clear();
        vfioAddresses.clear();
        hugepages.clear();
        dedicatedCpus = 0;
        performanceProfile = "";
        bridges.clear();
        sriovDaemon = false;
        vfDeviceTypes.clear();
        vfReboots.clear();
        allocatable.clear();
        used.clear();
        missingWhy.clear();
    }

    boolean bound(Function function) {
        return vfioIds.contains(function.id()) || (!function.address().isEmpty() && vfioAddresses.contains(function.address()));
    }

    /**
     * Whether the IOMMU is on (Linux Documentation/admin-guide/kernel-parameters.txt): Intel's needs
     * {@code intel_iommu=on} (RHEL kernels leave it off by default); AMD's is on unless {@code amd_iommu=off}.
     */
    boolean iommu() {
        if (kernelArguments.contains("iommu=off")) {
            return false;
        }
        return profile.cpu() == CpuVendor.INTEL ? kernelArguments.contains("intel_iommu=on") : !kernelArguments.contains("amd_iommu=off");
    }

    /**
     * What needs a reboot to change: the MachineConfigs rendered for the node (a PerformanceProfile adds its own),
     * and Mellanox VF counts applied at boot. Moving to a pool that renders the same configs does not reboot.
     */
    String bootConfig() {
        return machineConfigs + "|" + vfReboots;
    }

    long free(String resource) {
        return allocatable.getOrDefault(resource, 0L) - used.getOrDefault(resource, 0L);
    }

    boolean matches(Map<String, String> selector) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
