package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.model.Device;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the device plugins advertise on each node: GPUs, vGPUs, host devices, SR-IOV VFs, bridges, huge pages, CPUs. */
final class Devices {

    static final String NVIDIA_PCI_LABEL = "feature.node.kubernetes.io/pci-10de.present";
    static final String WORKLOAD_LABEL = "nvidia.com/gpu.workload.config";
    static final String VGPU_LABEL = "nvidia.com/vgpu.config";
    /** The scheduler's name for the exclusive CPUs the static CPU manager hands out from the isolated set. */
    static final String DEDICATED_CPUS = "dedicated CPUs";
    /** kubevirt/bridge-marker advertises each host bridge with this many slots. */
    static final long BRIDGE_SLOTS = 1000;

    private Devices() {}

    static void reconcile(ClusterState state) {
        for (Node node : state.nodes.values()) {
            node.hugepages.forEach((size, count) -> node.allocatable.put("hugepages-" + size, count * Quantities.bytes(size)));
            if (node.dedicatedCpus > 0) {
                node.allocatable.put(DEDICATED_CPUS, (long) node.dedicatedCpus);
            }
        }
        gpuOperator(state);
        kubevirt(state);
        sriov(state);
    }

    private static Optional<ObjectNode> readyClusterPolicy(ClusterState state) {
        return state.liveOf("nvidia.com", "ClusterPolicy").stream().filter(cp -> state.reconciled.contains(ObjectRef.of(cp)))
                .min(Comparator.comparing(cp -> Json.text(cp, "metadata", "name")));
    }

    /**
     * NVIDIA GPU Operator with sandbox workloads (NVIDIA/gpu-operator controllers/state_manager.go: a node's
     * workload is its {@code nvidia.com/gpu.workload.config} label, else sandboxWorkloads.defaultWorkload):
     * on vm-passthrough nodes the VFIO manager binds the GPUs (and their IOMMU-group companions) to vfio-pci and
     * the sandbox device plugin advertises each GPU as its resource name; on vm-vgpu nodes the vGPU manager and
     * vGPU device manager create the type named by {@code nvidia.com/vgpu.config}, framebuffer / type size per GPU, at most 32 ({@link dev.pulse.model.VgpuTypes}).
     */
    private static void gpuOperator(ClusterState state) {
        Optional<ObjectNode> policy = readyClusterPolicy(state);
        for (Node node : state.nodes.values()) {
            List<Node.Function> gpus = node.functions.stream().filter(f -> f.role().equals("gpu") && f.id().startsWith("10de:")).toList();
            if (gpus.isEmpty()) {
                continue;
            }
            String resource = gpus.get(0).device().resourceName();
            if (policy.isEmpty()) {
                node.missingWhy.put(resource, "no ClusterPolicy is ready");
                continue;
            }
            JsonNode spec = policy.get().path("spec");
            if (!spec.path("sandboxWorkloads").path("enabled").asBoolean(false)) {
                node.missingWhy.put(resource, "ClusterPolicy sandboxWorkloads.enabled is not true, so GPUs serve containers only");
                continue;
            }
            if (!"true".equals(node.labels.get(NVIDIA_PCI_LABEL))) {
                node.missingWhy.put(resource, "the node is not labelled " + NVIDIA_PCI_LABEL + "=true (NFD)");
                continue;
            }
            String workload = node.labels.getOrDefault(WORKLOAD_LABEL, spec.path("sandboxWorkloads").path("defaultWorkload").asText("container"));
            boolean sandboxPlugin = spec.path("sandboxDevicePlugin").path("enabled").asBoolean(true);
            if (workload.equals("vm-passthrough")) {
                if (spec.path("vfioManager").path("enabled").asBoolean(true)) {
                    node.functions.stream().filter(f -> f.id().startsWith("10de:")).forEach(f -> node.vfioIds.add(f.id()));
                }
                if (!sandboxPlugin) {
                    node.missingWhy.put(resource, "ClusterPolicy sandboxDevicePlugin.enabled is false");
                } else if (!node.iommu()) {
                    node.missingWhy.put(resource, iommuOff(node));
                } else {
                    for (Node.Function gpu : gpus) {
                        if (node.bound(gpu)) {
                            node.allocatable.merge(gpu.device().resourceName(), 1L, Long::sum);
                        }
                    }
                }
            } else if (workload.equals("vm-vgpu")) {
                String type = node.labels.getOrDefault(VGPU_LABEL, "");
                String vgpuResource = "nvidia.com/NVIDIA_" + type;
                Device device = gpus.get(0).device();
                if (!spec.path("vgpuManager").path("enabled").asBoolean(false) || !spec.path("vgpuDeviceManager").path("enabled").asBoolean(false)) {
                    node.missingWhy.put("vgpu", "ClusterPolicy vgpuManager.enabled and vgpuDeviceManager.enabled must both be true for vGPU nodes");
                } else if (type.isEmpty()) {
                    node.missingWhy.put("vgpu", "the node has no " + VGPU_LABEL + " label naming the vGPU type to create");
                } else if (!device.vgpuProfiles().contains(type)) {
                    node.missingWhy.put(vgpuResource, device.description() + " has no vGPU type " + type);
                } else if (!sandboxPlugin) {
                    node.missingWhy.put(vgpuResource, "ClusterPolicy sandboxDevicePlugin.enabled is false");
                } else if (!node.iommu()) {
                    node.missingWhy.put(vgpuResource, iommuOff(node));
                } else {
                    node.allocatable.merge(vgpuResource, (long) gpus.size() * dev.pulse.model.VgpuTypes.perBoard(device, type), Long::sum);
                }
            } else {
                node.missingWhy.put(resource, "the node's GPU workload is " + workload + ", not vm-passthrough");
            }
        }
    }

    private static String iommuOff(Node node) {
        return "the IOMMU is off: " + (node.profile.cpu() == dev.pulse.model.CpuVendor.INTEL ? "no MachineConfig with kernel argument intel_iommu=on"
                : "a MachineConfig turns it off") + " reaches the node (pool " + (node.pool.isEmpty() ? "none" : node.pool) + ")";
    }

    /**
     * KubeVirt's own device plugin (kubevirt/kubevirt pkg/virt-handler/device-manager/pci_device.go): for each
     * permitted pciHostDevices entry without externalResourceProvider, the node's functions with that
     * vendor:device that are bound to vfio-pci, with the IOMMU on. Bridges NMState made are advertised by
     * kubevirt/bridge-marker (deployed by HCO's cluster-network-addons).
     */
    private static void kubevirt(ClusterState state) {
        Optional<ObjectNode> hco = state.liveOf("hco.kubevirt.io", "HyperConverged").stream().filter(h -> state.reconciled.contains(ObjectRef.of(h))).findFirst();
        if (hco.isEmpty()) {
            return;
        }
        for (Node node : state.nodes.values()) {
            node.bridges.forEach(bridge -> node.allocatable.put("bridge.network.kubevirt.io/" + bridge, BRIDGE_SLOTS));
            for (JsonNode permitted : hco.get().path("spec").path("permittedHostDevices").path("pciHostDevices")) {
                if (permitted.path("externalResourceProvider").asBoolean(false)) {
                    continue;
                }
                String selector = permitted.path("pciDeviceSelector").asText().toLowerCase(Locale.ROOT);
                String resource = permitted.path("resourceName").asText();
                List<Node.Function> present = node.functions.stream().filter(f -> f.id().equals(selector)).toList();
                if (present.isEmpty()) {
                    continue;
                }
                long bound = present.stream().filter(node::bound).count();
                if (!node.iommu()) {
                    node.missingWhy.put(resource, iommuOff(node));
                } else if (bound == 0) {
                    node.missingWhy.put(resource, "no " + selector + " function of the node is bound to vfio-pci"
                            + " (no MachineConfig binds it, and the GPU Operator's VFIO manager does not)");
                } else {
                    node.allocatable.merge(resource, bound, Long::sum);
                }
            }
        }
        usb(state, hco.get());
    }

    /**
     * KubeVirt's USB device plugin (kubevirt/kubevirt pkg/virt-handler/device-manager/usb_device.go) advertises each permitted
     * usbHostDevices resource on the nodes where a device matching its selectors is plugged in. The model cannot see a node's
     * USB devices: a VM's {@code usb} id counts as plugged into the host it is pinned to (into every host when unpinned), one
     * device per VM that asks, and the simulation lists that as assumed.
     */
    private static void usb(ClusterState state, ObjectNode hco) {
        java.util.Set<String> permitted = new java.util.TreeSet<>();
        hco.path("spec").path("permittedHostDevices").path("usbHostDevices").forEach(device -> {
            if (!device.path("externalResourceProvider").asBoolean(false)) {
                permitted.add(device.path("resourceName").asText());
            }
        });
        for (dev.pulse.model.ResolvedVm vm : state.cluster.vms()) {
            for (dev.pulse.model.PciId id : vm.usb()) {
                String resource = dev.pulse.model.Vm.usbResourceName(id);
                if (!permitted.contains(resource)) {
                    continue;
                }
                for (Node node : state.nodes.values()) {
                    if (vm.host().map(node.name::equals).orElse(true)) {
                        node.allocatable.merge(resource, 1L, Long::sum);
                        state.assumed.add("USB device " + id + " plugged into " + node.name + " (vm " + vm.name() + "'s usb)");
                    }
                }
            }
        }
    }

    /**
     * SR-IOV device plugin (k8snetworkplumbingwg/sriov-network-operator pkg/plugins, sriov-network-device-plugin):
     * every accepted SriovNetworkNodePolicy creates numVfs VFs on each PF its nicSelector matches on the nodes its
     * nodeSelector selects where the config daemon runs, and they are advertised as {@code openshift.io/<resourceName>}.
     * vfio-pci VFs need the IOMMU. Mellanox cards apply a new VF count at boot (a reboot).
     */
    private static void sriov(ClusterState state) {
        if (!state.operators.containsKey("sriov-network-operator")) {
            return;
        }
        for (ObjectNode policy : state.liveOf("sriovnetwork.openshift.io", "SriovNetworkNodePolicy")) {
            JsonNode spec = policy.path("spec");
            String resource = "openshift.io/" + spec.path("resourceName").asText();
            String deviceType = spec.path("deviceType").asText("netdevice");
            int numVfs = spec.path("numVfs").asInt();
            for (Node node : state.nodes.values()) {
                if (!Selectors.matchesMap(spec.path("nodeSelector"), node.labels)) {
                    continue;
                }
                if (!node.sriovDaemon) {
                    node.missingWhy.put(resource, "the SR-IOV config daemon does not run on the node (SriovOperatorConfig configDaemonNodeSelector)");
                    continue;
                }
                List<Node.Function> pfs = node.functions.stream().filter(f -> f.role().equals("nic") && nicMatches(spec.path("nicSelector"), f)).toList();
                if (deviceType.equals("vfio-pci") && !node.iommu() && !pfs.isEmpty()) {
                    node.missingWhy.put(resource, iommuOff(node));
                    continue;
                }
                for (Node.Function pf : pfs) {
                    int vfs = Math.min(numVfs, pf.device().maxVfsPerPort());
                    node.allocatable.merge(resource, (long) vfs, Long::sum);
                    if (pf.device().vfChangeReboots()) {
                        node.vfReboots.add(pf.device().name() + " numVfs=" + numVfs);
                    }
                }
                if (!pfs.isEmpty()) {
                    node.vfDeviceTypes.put(resource, deviceType);
                }
            }
        }
    }

    static boolean nicMatches(JsonNode nicSelector, Node.Function pf) {
        String[] id = pf.id().split(":");
        String vendor = nicSelector.path("vendor").asText("");
        String deviceId = nicSelector.path("deviceID").asText("");
        return (vendor.isEmpty() || vendor.equalsIgnoreCase(id[0])) && (deviceId.isEmpty() || deviceId.equalsIgnoreCase(id[1]));
    }
}
