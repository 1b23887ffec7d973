package dev.pulse.render.layer;

import dev.pulse.model.Catalog;
import dev.pulse.model.Companion;
import dev.pulse.model.CpuVendor;
import dev.pulse.model.Device;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.HostPci;
import dev.pulse.model.Quantity;
import dev.pulse.model.Role;
import dev.pulse.model.Vm;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.machineconfiguration.v1.MachineConfig;
import io.fabric8.openshift.api.model.machineconfiguration.v1.MachineConfigBuilder;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Wave 1: host configuration, which reboots nodes, in an Application of its own.
 * <ul>
 *   <li>{@code 100-<pool>-iommu}: IOMMU kernel arguments by CPU vendor, for pools whose hosts pass devices to VMs.</li>
 *   <li>{@code 100-<pool>-vfio-pci}: where KubeVirt binds devices itself (no GPU Operator, or host PCI devices by
 *       address): vfio-pci loaded early with the GPUs' and companions' ids ({@code /etc/modprobe.d},
 *       {@code /etc/modules-load.d}), a unit per host PCI address that moves it to vfio-pci, and for a GPU that
 *       drives the console, {@code video=efifb:off} and a vtconsole-unbind unit (seed 001).</li>
 *   <li>PerformanceProfile {@code pulse-<pool>}: reserved/isolated CPUs and huge pages when VMs ask for
 *       dedicated CPUs or huge pages.</li>
 *   <li>NodeFeatureRule {@code pulse-hosts}: labels each host with its hardware profile, its GPU workload
 *       ({@code nvidia.com/gpu.workload.config}) and SR-IOV use, matched by node name; Node objects are never patched.</li>
 * </ul>
 * The pool is {@code worker} on a standard cluster, {@code master} on a compact or single-node one.
 */
public final class HostConfigLayer implements Layer {

    @Override
    public String name() {
        return "host-config";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        List<HasMetadata> objects = new ArrayList<>();
        List<ClusterView.HostView> passthrough = cluster.passthroughHosts();
        if (!passthrough.isEmpty()) {
            TreeSet<String> kernelArguments = new TreeSet<>();
            passthrough.stream().map(host -> host.profile().cpu()).distinct().map(CpuVendor::iommuKernelArguments).forEach(kernelArguments::addAll);
            objects.add(machineConfig(cluster, "iommu", List.copyOf(kernelArguments), Ignition.config(List.of(), List.of())));
        }
        vfioMachineConfig(cluster).ifPresent(objects::add);
        performanceProfile(cluster).ifPresent(objects::add);
        nodeFeatureRule(cluster).ifPresent(objects::add);
        return objects;
    }

    /** Binding for devices KubeVirt's own device plugin serves, and freeing a console GPU. */
    private static Optional<HasMetadata> vfioMachineConfig(ClusterView cluster) {
        Catalog catalog = cluster.fleet().catalog();
        TreeSet<String> ids = new TreeSet<>();
        boolean console = false;
        if (!cluster.cluster().gpuOperator()) {
            for (GpuSlot gpu : cluster.gpuSlots()) {
                if (gpu.mode() == GpuMode.VM_PASSTHROUGH) {
                    Device device = catalog.device(gpu.model()).orElseThrow();
                    ids.add(device.pci().toString());
                    device.companions().stream().map(Companion::pci).map(Object::toString).forEach(ids::add);
                }
            }
        }
        for (GpuSlot gpu : cluster.gpuSlots()) {
            console |= gpu.console() && gpu.mode().forVms();
        }
        List<Map<String, Object>> units = new ArrayList<>();
        for (ClusterView.HostView host : cluster.hosts()) {
            for (HostPci pci : host.host().pci()) {
                units.add(Ignition.unit("pulse-vfio-" + pci.address().replace(':', '-') + ".service", bindUnit(host.host().name(), pci)));
            }
        }
        if (ids.isEmpty() && units.isEmpty() && !console) {
            return Optional.empty();
        }
        List<Map<String, Object>> files = new ArrayList<>();
        files.add(Ignition.file("/etc/modules-load.d/vfio-pci.conf", "vfio-pci\n"));
        if (!ids.isEmpty()) {
            files.add(Ignition.file("/etc/modprobe.d/vfio.conf", """
                    # Pulse: hand these devices to vfio-pci before a host driver can claim them.
                    options vfio-pci ids=%s
                    softdep nouveau pre: vfio-pci
                    softdep nvidia pre: vfio-pci
                    softdep snd_hda_intel pre: vfio-pci
                    """.formatted(String.join(",", ids))));
        }
        List<String> kernelArguments = new ArrayList<>();
        if (console) {
            kernelArguments.add("video=efifb:off");
            units.add(Ignition.unit("pulse-vtconsole-unbind.service", VTCONSOLE_UNIT));
        }
        units.sort(java.util.Comparator.comparing(unit -> (String) unit.get("name")));
        return Optional.of(machineConfig(cluster, "vfio-pci", kernelArguments, Ignition.config(files, units)));
    }

    /**
     * Unbinds the console from the framebuffer so the GPU can leave its host driver. systemd expands
     * {@code $name} in ExecStart, so the shell's own variable is written {@code $$vt}.
     */
    static final String VTCONSOLE_UNIT = """
            [Unit]
            Description=Pulse: release the virtual consoles from the GPU passed to a VM
            Before=kubelet.service

            [Service]
            Type=oneshot
            RemainAfterExit=yes
            ExecStart=/bin/sh -c 'for vt in /sys/class/vtconsole/vtcon*; do echo 0 > $$vt/bind; done'

            [Install]
            WantedBy=multi-user.target
            """;

    /**
     * Moves one PCI function of one host to vfio-pci by address (driver_override), so similar devices keep
     * their drivers. The MachineConfig reaches every node of the pool; {@code ConditionHost} keeps the unit to
     * its host.
     */
    static String bindUnit(String host, HostPci pci) {
        String device = "/sys/bus/pci/devices/" + pci.address();
        return """
                [Unit]
                Description=Pulse: bind %1$s (%2$s) to vfio-pci for VM passthrough
                ConditionHost=%3$s
                After=systemd-modules-load.service
                Before=kubelet.service

                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=/bin/sh -c 'echo vfio-pci > %4$s/driver_override; if [ -e %4$s/driver ]; then echo %1$s > %4$s/driver/unbind; fi; echo %1$s > /sys/bus/pci/drivers_probe'

                [Install]
                WantedBy=multi-user.target
                """.formatted(pci.address(), pci.model(), host, device);
    }

    /** Reserved/isolated CPUs and huge pages for the pool, when any VM needs dedicated CPUs or huge pages. */
    private static Optional<HasMetadata> performanceProfile(ClusterView cluster) {
        List<Vm> needing = cluster.cluster().vms().stream().filter(vm -> {
            Role role = cluster.fleet().roleOf(vm);
            return role.dedicatedCpu() || !role.hugepages().isEmpty();
        }).toList();
        if (needing.isEmpty() || cluster.hosts().isEmpty()) {
            return Optional.empty();
        }
        HardwareProfile profile = cluster.hosts().get(0).profile();
        String pool = cluster.machineConfigPool();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cpu", Map.of("reserved", profile.reservedCpus().orElseThrow(), "isolated", profile.isolatedCpus().orElseThrow()));
        spec.put("nodeSelector", Map.of(cluster.poolNodeRoleLabel(), ""));
        spec.put("machineConfigPoolSelector", Map.of("pools.operator.machineconfiguration.openshift.io/" + pool, ""));
        Map<String, Long> pages = hugePages(cluster, needing);
        if (!pages.isEmpty()) {
            String defaultSize = pages.keySet().iterator().next();
            spec.put("hugepages", Map.of("defaultHugepagesSize", kernelSize(defaultSize),
                    "pages", pages.entrySet().stream().map(e -> Map.of("size", kernelSize(e.getKey()), "count", e.getValue())).toList()));
        }
        return Optional.of(Resources.custom("performance.openshift.io/v2", "PerformanceProfile",
                Resources.metadata(null, "pulse-" + pool, cluster.fleet().name(), Map.of()), spec));
    }

    /**
     * Pages per node, by size: the most any host needs for the VMs pinned to it, plus every unpinned VM
     * (any host may run it).
     */
    private static Map<String, Long> hugePages(ClusterView cluster, List<Vm> vms) {
        Map<String, Map<String, Long>> pinned = new TreeMap<>();
        Map<String, Long> unpinned = new TreeMap<>();
        for (Vm vm : vms) {
            Role role = cluster.fleet().roleOf(vm);
            if (role.hugepages().isEmpty()) {
                continue;
            }
            BigInteger memory = Quantity.bytes(role.memory()).orElseThrow();
            BigInteger page = Quantity.bytes(role.hugepages()).orElseThrow();
            long count = memory.add(page).subtract(BigInteger.ONE).divide(page).longValueExact();
            if (vm.host().isPresent()) {
                pinned.computeIfAbsent(role.hugepages(), size -> new HashMap<>()).merge(vm.host().get(), count, Long::sum);
            } else {
                unpinned.merge(role.hugepages(), count, Long::sum);
            }
        }
        Map<String, Long> pages = new TreeMap<>(java.util.Comparator.reverseOrder());
        pinned.forEach((size, perHost) -> pages.put(size, perHost.values().stream().mapToLong(Long::longValue).max().orElse(0)));
        unpinned.forEach((size, count) -> pages.merge(size, count, Long::sum));
        return pages;
    }

    /** PerformanceProfile spells huge page sizes {@code 1G} and {@code 2M}. */
    private static String kernelSize(String quantity) {
        return quantity.replace("Gi", "G").replace("Mi", "M");
    }

    /** One rule per hardware profile: its hosts, by node name, get the profile, GPU-workload and SR-IOV labels. */
    private static Optional<HasMetadata> nodeFeatureRule(ClusterView cluster) {
        if (!cluster.labelsHosts()) {
            return Optional.empty();
        }
        List<Map<String, Object>> rules = new ArrayList<>();
        for (HardwareProfile profile : cluster.profiles()) {
            Map<String, String> labels = new TreeMap<>();
            labels.put(NodeLabels.HARDWARE_PROFILE, profile.name());
            profile.gpuMode().ifPresent(mode -> labels.put(NodeLabels.GPU_WORKLOAD, mode.keyword()));
            if (profile.nics().stream().anyMatch(nic -> nic.vfsPerPort() > 0)) {
                labels.put(NodeLabels.SRIOV, "true");
            }
            rules.add(Map.of(
                    "name", "pulse-" + profile.name(),
                    "labels", labels,
                    "matchFeatures", List.of(Map.of("feature", "system.name",
                            "matchExpressions", Map.of("nodename", Map.of("op", "In", "value", cluster.hostsWith(profile)))))));
        }
        return Optional.of(Resources.custom("nfd.k8s-sigs.io/v1alpha1", "NodeFeatureRule",
                Resources.metadata("openshift-nfd", "pulse-hosts", cluster.fleet().name(), Map.of()), Map.of("rules", rules)));
    }

    /** A MachineConfig named like the seed's {@code 100-worker-iommu}, for the cluster's VM pool. */
    private static MachineConfig machineConfig(ClusterView cluster, String purpose, List<String> kernelArguments, Map<String, Object> config) {
        String pool = cluster.machineConfigPool();
        return new MachineConfigBuilder()
                .withMetadata(Resources.metadata(null, "100-" + pool + "-" + purpose, cluster.fleet().name(),
                        Map.of("machineconfiguration.openshift.io/role", pool)))
                .withNewSpec()
                .withConfig(config)
                .withKernelArguments(kernelArguments.isEmpty() ? null : kernelArguments)
                .endSpec()
                .build();
    }
}
