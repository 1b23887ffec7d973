package dev.pulse.render.layer;

import dev.pulse.model.ResolvedVm;
import dev.pulse.model.ResolvedHost;
import dev.pulse.model.Catalog;
import dev.pulse.model.Companion;
import dev.pulse.model.Device;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HostLabels;
import dev.pulse.model.HostPci;
import dev.pulse.model.LiveMigration;
import dev.pulse.model.Placement;
import dev.pulse.model.VgpuManager;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wave 3: the operators' own custom resources.
 * <ul>
 *   <li>HyperConverged {@code kubevirt-hyperconverged}: {@code permittedHostDevices} for every device VMs may
 *       get — Pulse owns the whole list, since HCO replaces KubeVirt's wholesale — with upper-case
 *       {@code VVVV:DDDD} selectors, GPU companions beside their GPU, {@code externalResourceProvider: true}
 *       only where the GPU Operator's sandbox device plugin serves the device; vGPU mediated devices with
 *       {@code disableMDevConfiguration} (the GPU Operator creates them); workload and infra placement.</li>
 *   <li>ClusterPolicy {@code gpu-cluster-policy} when the GPU Operator runs: sandbox workloads on (a default
 *       ClusterPolicy has them off), VFIO manager and sandbox device plugin, vGPU device manager for vGPU hosts.</li>
 *   <li>NMState {@code nmstate} wherever NMState is installed: without it the operator never installs the
 *       NodeNetworkConfigurationPolicy CRD the networks layer writes.</li>
 *   <li>SriovOperatorConfig {@code default}, its config daemon kept to the hosts that create VFs.</li>
 * </ul>
 */
public final class VirtualizationLayer implements Layer {

    @Override
    public String name() {
        return "virtualization";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        String fleet = cluster.fleet().name();
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(Resources.custom("hco.kubevirt.io/v1beta1", "HyperConverged",
                Resources.metadata("openshift-cnv", "kubevirt-hyperconverged", fleet, Map.of()), hyperConverged(cluster)));
        cluster.cluster().liveMigration().map(LiveMigration::network).filter(name -> !name.isEmpty()).flatMap(cluster.cluster()::network)
                .ifPresent(network -> objects.add(Resources.custom("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition",
                        // HCO's liveMigrationConfig.network names a NetworkAttachmentDefinition in its own namespace; virt-handler
                        // pods attach to it (hyperconverged-cluster-operator docs/cluster-configuration.md "Live Migration
                        // Configurations"). Written here, beside HyperConverged, so virt-handler never waits for a later wave.
                        Resources.metadata("openshift-cnv", network.name(), fleet, Map.of()), Map.of("config", NetworksLayer.bridgeConfig(network)))));
        if (cluster.usesGpuOperator()) {
            objects.add(Resources.custom("nvidia.com/v1", "ClusterPolicy", Resources.metadata(null, "gpu-cluster-policy", fleet, Map.of()),
                    clusterPolicy(cluster)));
        }
        if (cluster.installs("nmstate")) {
            // The operator installs the NNCP/NNS CRDs and the handler only once it reconciles this instance; its
            // bundle owns nmstates.nmstate.io alone (kubernetes-nmstate controllers/operator/nmstate_controller.go).
            // It keeps one instance, the oldest; Red Hat's docs and the upstream example name it nmstate.
            objects.add(Resources.custom("nmstate.io/v1", "NMState", Resources.metadata(null, "nmstate", fleet, Map.of()), Map.of()));
        }
        if (cluster.usesSriov()) {
            objects.add(Resources.custom("sriovnetwork.openshift.io/v1", "SriovOperatorConfig",
                    Resources.metadata("openshift-sriov-network-operator", "default", fleet, Map.of()), Map.of(
                            "enableInjector", true,
                            "enableOperatorWebhook", true,
                            "logLevel", 2,
                            "configDaemonNodeSelector", Map.of(HostLabels.SRIOV, "true"))));
        }
        return objects;
    }

    private static Map<String, Object> hyperConverged(ClusterView cluster) {
        Catalog catalog = cluster.fleet().catalog();
        Map<String, Map<String, Object>> pci = new TreeMap<>();
        Map<String, Map<String, Object>> mediated = new TreeMap<>();
        for (GpuSlot gpu : cluster.gpuSlots()) {
            Device device = catalog.device(gpu.model()).orElseThrow();
            if (gpu.mode() == GpuMode.VM_PASSTHROUGH) {
                pci.put(device.pci().selector(), permitted(device.pci().selector(), device.resourceName(), cluster.usesGpuOperator()));
                for (Companion companion : device.companions()) {
                    pci.put(companion.pci().selector(), permitted(companion.pci().selector(), companion.resourceName(), false));
                }
            } else if (gpu.mode() == GpuMode.VM_VGPU) {
                String profile = gpu.vgpuProfile().orElseThrow();
                mediated.put(profile, Map.of("mdevNameSelector", "NVIDIA " + profile, "resourceName", vgpuResourceName(profile),
                        "externalResourceProvider", true));
            }
        }
        for (ResolvedHost host : cluster.hosts()) {
            for (HostPci function : host.pci()) {
                Device device = catalog.device(function.model()).orElseThrow();
                pci.put(device.pci().selector(), permitted(device.pci().selector(), device.resourceName(), false));
            }
        }
        // USB devices VMs take, by vendor:product: KubeVirt's own device plugin advertises each as its resourceName on the
        // nodes that have it (HyperConverged permittedHostDevices.usbHostDevices; kubevirt docs compute/host-devices.md).
        Map<String, Map<String, Object>> usb = new TreeMap<>();
        for (dev.pulse.model.ResolvedVm vm : cluster.cluster().vms()) {
            for (dev.pulse.model.PciId id : vm.usb()) {
                usb.put(dev.pulse.model.Vm.usbResourceName(id), Map.of("resourceName", dev.pulse.model.Vm.usbResourceName(id),
                        "selectors", List.of(Map.of("vendor", id.vendor(), "product", id.device()))));
            }
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        if (!pci.isEmpty() || !mediated.isEmpty() || !usb.isEmpty()) {
            Map<String, Object> permitted = new LinkedHashMap<>();
            if (!pci.isEmpty()) {
                permitted.put("pciHostDevices", List.copyOf(pci.values()));
            }
            if (!usb.isEmpty()) {
                permitted.put("usbHostDevices", List.copyOf(usb.values()));
            }
            if (!mediated.isEmpty()) {
                permitted.put("mediatedDevices", List.copyOf(mediated.values()));
            }
            spec.put("permittedHostDevices", permitted);
        }
        if (!mediated.isEmpty()) {
            spec.put("featureGates", Map.of("disableMDevConfiguration", true));
        }
        // Persistent UEFI variables and TPM state live on a backend-storage PVC per VM. HyperConverged always enables
        // KubeVirt's VMPersistentState gate (hyperconverged-cluster-operator controllers/operands/kubevirt.go, hardCodeKvFgs)
        // and passes vmStateStorageClass on to KubeVirt's VMStateStorageClass (same file, getKVConfig); without it
        // KubeVirt uses the cluster's default class, which may not exist. Pulse names the cluster's VM storage class.
        String vmStateClass = cluster.cluster().storage().storageClass();
        if (!vmStateClass.isEmpty() && cluster.cluster().vms().stream()
                .anyMatch(vm -> dev.pulse.model.rules.GuestFirmware.needsVmState(vm.spec(), vm.role()))) {
            spec.put("vmStateStorageClass", vmStateClass);
        }
        cluster.cluster().liveMigration().ifPresent(migration -> spec.put("liveMigrationConfig", liveMigrationConfig(migration)));
        Placement placement = cluster.cluster().placement();
        if (!placement.isAnywhere()) {
            Map<String, Object> nodePlacement = nodePlacement(placement);
            spec.put("infra", Map.of("nodePlacement", nodePlacement));
            spec.put("workloads", Map.of("nodePlacement", nodePlacement));
        }
        return spec;
    }

    /**
     * HyperConverged {@code liveMigrationConfig}: only what the model sets, HCO keeps its defaults for the rest
     * (hyperconverged-cluster-operator api/v1beta1/hyperconverged_types.go LiveMigrationConfigurations).
     */
    private static Map<String, Object> liveMigrationConfig(LiveMigration migration) {
        Map<String, Object> config = new LinkedHashMap<>();
        if (!migration.bandwidthPerMigration().isEmpty()) {
            config.put("bandwidthPerMigration", migration.bandwidthPerMigration());
        }
        if (migration.completionTimeoutPerGiB() > 0) {
            config.put("completionTimeoutPerGiB", migration.completionTimeoutPerGiB());
        }
        if (!migration.network().isEmpty()) {
            config.put("network", migration.network());
        }
        if (migration.parallelMigrationsPerCluster() > 0) {
            config.put("parallelMigrationsPerCluster", migration.parallelMigrationsPerCluster());
        }
        if (migration.parallelOutboundMigrationsPerNode() > 0) {
            config.put("parallelOutboundMigrationsPerNode", migration.parallelOutboundMigrationsPerNode());
        }
        return config;
    }

    /** The resource the GPU Operator advertises a vGPU type as: {@code nvidia.com/NVIDIA_L4-24Q}. */
    public static String vgpuResourceName(String profile) {
        return "nvidia.com/NVIDIA_" + profile.replace(' ', '_');
    }

    private static Map<String, Object> permitted(String selector, String resourceName, boolean external) {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("pciDeviceSelector", selector);
        device.put("resourceName", resourceName);
        if (external) {
            device.put("externalResourceProvider", true);
        }
        return device;
    }

    /** {@code nodeSelector} and {@code tolerations} as Kubernetes writes them. */
    static Map<String, Object> nodePlacement(Placement placement) {
        Map<String, Object> nodePlacement = new LinkedHashMap<>();
        if (!placement.nodeSelector().isEmpty()) {
            nodePlacement.put("nodeSelector", new TreeMap<>(placement.nodeSelector()));
        }
        if (!placement.tolerations().isEmpty()) {
            nodePlacement.put("tolerations", placement.tolerations().stream().map(VirtualizationLayer::toleration).toList());
        }
        return nodePlacement;
    }

    private static Map<String, Object> toleration(Placement.Toleration toleration) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("key", toleration.key());
        map.put("operator", toleration.operator());
        if (!toleration.value().isEmpty()) {
            map.put("value", toleration.value());
        }
        if (!toleration.effect().isEmpty()) {
            map.put("effect", toleration.effect());
        }
        return map;
    }

    /**
     * A ClusterPolicy for VM workloads: sandbox workloads on, with the node's own label choosing its
     * workload and the most common mode as default; the container stack stays on for container nodes.
     */
    private static Map<String, Object> clusterPolicy(ClusterView cluster) {
        Map<GpuMode, Integer> modes = new TreeMap<>();
        cluster.gpuSlots().forEach(gpu -> modes.merge(gpu.mode(), gpu.count(), Integer::sum));
        GpuMode defaultMode = modes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(GpuMode.CONTAINER);
        boolean vgpu = modes.containsKey(GpuMode.VM_VGPU);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("operator", Map.of("defaultRuntime", "crio"));
        spec.put("daemonsets", Map.of("updateStrategy", "RollingUpdate"));
        spec.put("driver", Map.of("enabled", true));
        spec.put("toolkit", Map.of("enabled", true));
        spec.put("devicePlugin", Map.of("enabled", true));
        spec.put("dcgm", Map.of("enabled", true));
        spec.put("dcgmExporter", Map.of("enabled", true));
        spec.put("gfd", Map.of("enabled", true));
        spec.put("nodeStatusExporter", Map.of("enabled", true));
        spec.put("sandboxWorkloads", Map.of("enabled", true, "defaultWorkload", defaultMode.keyword()));
        spec.put("sandboxDevicePlugin", Map.of("enabled", true));
        spec.put("vfioManager", Map.of("enabled", true));
        if (vgpu) {
            // vGPU hosts run NVIDIA's vGPU Manager (host driver) from the image the user built, and the vGPU device
            // manager creates on each node the type its nvidia.com/vgpu.config label names (HostLabels.VGPU_CONFIG),
            // from the operator's default-vgpu-devices-config (one config per type). NVIDIA/gpu-operator
            // api/nvidia/v1/clusterpolicy_types.go VGPUManagerSpec, VGPUDeviceManagerSpec.
            VgpuManager manager = cluster.cluster().vgpuManager().orElseThrow();
            Map<String, Object> vgpuManager = new LinkedHashMap<>();
            vgpuManager.put("enabled", true);
            vgpuManager.put("repository", manager.repository());
            vgpuManager.put("image", manager.image());
            vgpuManager.put("version", manager.version());
            spec.put("vgpuManager", vgpuManager);
            spec.put("vgpuDeviceManager", Map.of("enabled", true));
        } else {
            spec.put("vgpuManager", Map.of("enabled", false));
            spec.put("vgpuDeviceManager", Map.of("enabled", false));
        }
        return spec;
    }
}
