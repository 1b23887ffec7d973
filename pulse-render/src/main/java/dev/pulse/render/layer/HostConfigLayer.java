package dev.pulse.render.layer;

import dev.pulse.model.ResolvedVm;
import dev.pulse.model.ResolvedHost;
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
 * Wave 2: host configuration, which reboots nodes, in an Application of its own, per MachineConfigPool
 * ({@link ClusterView#pools()}):
 * <ul>
 *   <li>MachineConfigPool {@code <profile>} on standard clusters: the hosts of one hardware profile (selected by
 *       {@link dev.pulse.model.HostLabels#HARDWARE_PROFILE}), inheriting every worker MachineConfig, so only
 *       they reboot for and get this configuration (OpenShift docs "Creating a custom machine config pool";
 *       machine-config-operator {@code pkg/controller/common/helpers.go}: a node in worker and one custom pool
 *       belongs to the custom pool). Compact and single-node clusters use {@code master}.</li>
 *   <li>{@code 100-<pool>-iommu}: IOMMU kernel arguments by CPU vendor, for pools whose hosts pass devices to VMs.</li>
 *   <li>{@code 100-<pool>-vfio-pci}: where KubeVirt binds devices itself (no GPU Operator, or host PCI devices by
 *       address): vfio-pci loaded early with the GPUs' and companions' ids ({@code /etc/modprobe.d},
 *       {@code /etc/modules-load.d}), a unit per host PCI address that moves it to vfio-pci, and for a GPU that
 *       drives the console, {@code video=efifb:off} and a vtconsole-unbind unit (seed 001).</li>
 *   <li>PerformanceProfile {@code pulse-<pool>}: reserved/isolated CPUs and huge pages when VMs that may run on
 *       the pool ask for dedicated CPUs or huge pages.</li>
 * </ul>
 * Managed clusters get none of these (the provider forbids them; rules refuse models that need them).
 */
public final class HostConfigLayer implements Layer {

    @Override
    public String name() {
        return "host-config";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        List<HasMetadata> objects = new ArrayList<>();
        for (ClusterView.Pool pool : cluster.pools()) {
            if (pool.custom()) {
                objects.add(machineConfigPool(cluster, pool));
            }
            List<ResolvedHost> passthrough = pool.hosts().stream().filter(host -> host.profile().passesDevicesToVms()).toList();
            if (!passthrough.isEmpty()) {
                TreeSet<String> kernelArguments = new TreeSet<>();
                passthrough.stream().map(host -> host.profile().cpu()).distinct().map(CpuVendor::iommuKernelArguments).forEach(kernelArguments::addAll);
                objects.add(machineConfig(cluster, pool, "iommu", List.copyOf(kernelArguments), Ignition.config(List.of(), List.of())));
            }
            vfioMachineConfig(cluster, pool).ifPresent(objects::add);
            performanceProfile(cluster, pool).ifPresent(objects::add);
        }
        return objects;
    }

    /**
     * A pool for one hardware profile's hosts. Its machineConfigSelector takes the worker configs too, as a
     * custom pool must; its label lets the PerformanceProfile find it.
     */
    private static HasMetadata machineConfigPool(ClusterView cluster, ClusterView.Pool pool) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("machineConfigSelector", Map.of("matchExpressions", List.of(Map.of(
                "key", ROLE_LABEL, "operator", "In", "values", List.of("worker", pool.name())))));
        // Only the profile label: NTO finds a PerformanceProfile's pool as the one MCP whose selector matches the
        // profile's nodeSelector taken as a label set (cluster-node-tuning-operator resources.go
        // GetMachineConfigPoolByProfile). A control-plane node with the label stays in master (MCO GetPoolsForNode).
        spec.put("nodeSelector", Map.of("matchLabels", pool.nodeSelector()));
        return Resources.custom("machineconfiguration.openshift.io/v1", "MachineConfigPool",
                Resources.metadata(null, pool.name(), cluster.fleet().name(), Map.of(pool.selectorLabel(), "")), spec);
    }

    /** Label that ties a MachineConfig to the pools selecting its role. */
    static final String ROLE_LABEL = "machineconfiguration.openshift.io/role";

    /** Binding for devices KubeVirt's own device plugin serves, and freeing a console GPU. */
    private static Optional<HasMetadata> vfioMachineConfig(ClusterView cluster, ClusterView.Pool pool) {
        TreeSet<String> ids = new TreeSet<>();
        boolean console = false;
        List<Map<String, Object>> units = new ArrayList<>();
        for (ResolvedHost host : pool.hosts()) {
            ids.addAll(cluster.vfioIds(host.profile()));
            console |= host.profile().gpus().stream().anyMatch(gpu -> gpu.console() && gpu.mode().forVms());
            for (HostPci pci : host.pci()) {
                units.add(Ignition.unit("pulse-vfio-" + pci.address().replace(':', '-') + ".service", bindUnit(host.name(), pci)));
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
        return Optional.of(machineConfig(cluster, pool, "vfio-pci", kernelArguments, Ignition.config(files, units)));
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

    /** Reserved/isolated CPUs and huge pages for the pool, when VMs that may run there need dedicated CPUs or huge pages. */
    private static Optional<HasMetadata> performanceProfile(ClusterView cluster, ClusterView.Pool pool) {
        List<String> poolHosts = pool.hosts().stream().map(host -> host.name()).toList();
        List<ResolvedVm> needing = cluster.cluster().vms().stream()
                .filter(vm -> cluster.needsPerformanceProfile(vm) && vm.host().map(poolHosts::contains).orElse(true)).toList();
        if (needing.isEmpty()) {
            return Optional.empty();
        }
        HardwareProfile profile = pool.hosts().get(0).profile();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cpu", Map.of("reserved", profile.reservedCpus().orElseThrow(), "isolated", profile.isolatedCpus().orElseThrow()));
        // NTO takes exactly one nodeSelector label; with machineConfigLabel and machineConfigPoolSelector given it
        // need not be a node-role label (cluster-node-tuning-operator performanceprofile_validation.go validateSelectors).
        spec.put("nodeSelector", pool.nodeSelector());
        spec.put("machineConfigLabel", Map.of(ROLE_LABEL, pool.name()));
        spec.put("machineConfigPoolSelector", Map.of(pool.selectorLabel(), ""));
        Map<String, Long> pages = hugePages(cluster, needing);
        if (!pages.isEmpty()) {
            String defaultSize = pages.keySet().iterator().next();
            spec.put("hugepages", Map.of("defaultHugepagesSize", kernelSize(defaultSize),
                    "pages", pages.entrySet().stream().map(e -> Map.of("size", kernelSize(e.getKey()), "count", e.getValue())).toList()));
        }
        return Optional.of(Resources.custom("performance.openshift.io/v2", "PerformanceProfile",
                Resources.metadata(null, "pulse-" + pool.name(), cluster.fleet().name(), Map.of()), spec));
    }

    /**
     * Pages per node, by size: the most any host needs for the VMs pinned to it, plus every unpinned VM
     * (any host may run it).
     */
    private static Map<String, Long> hugePages(ClusterView cluster, List<ResolvedVm> vms) {
        Map<String, Map<String, Long>> pinned = new TreeMap<>();
        Map<String, Long> unpinned = new TreeMap<>();
        for (ResolvedVm vm : vms) {
            Role role = vm.role();
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

    /** A MachineConfig named like the seed's {@code 100-worker-iommu}, for the cluster's VM pool. */
    private static MachineConfig machineConfig(ClusterView cluster, ClusterView.Pool pool, String purpose, List<String> kernelArguments,
            Map<String, Object> config) {
        return new MachineConfigBuilder()
                .withMetadata(Resources.metadata(null, "100-" + pool.name() + "-" + purpose, cluster.fleet().name(), Map.of(ROLE_LABEL, pool.name())))
                .withNewSpec()
                .withConfig(config)
                .withKernelArguments(kernelArguments.isEmpty() ? null : kernelArguments)
                .endSpec()
                .build();
    }
}
