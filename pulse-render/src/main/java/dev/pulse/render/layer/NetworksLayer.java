package dev.pulse.render.layer;

import dev.pulse.model.ResolvedHost;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pulse.model.Device;
import dev.pulse.model.ESwitchMode;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.HostInterface;
import dev.pulse.model.HostLabels;
import dev.pulse.model.Network;
import dev.pulse.model.NicSlot;
import dev.pulse.model.NicUse;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Wave 3: networks.
 * <ul>
 *   <li>SriovNetworkNodePolicy per hardware profile and SR-IOV NIC: vendor/deviceID from the catalog, numVfs,
 *       {@code deviceType: vfio-pci} for VM VFs, {@code netdevice} + {@code isRdma} only for pod VFs (the
 *       seed's policy is the pod pattern), MTU, link type, nodeSelector on the profile's hosts.</li>
 *   <li>SriovNetwork per sriov network, targeting the VMs' namespace, without IPAM (guests configure their own).</li>
 *   <li>NodeNetworkConfigurationPolicy per hardware profile with bonds, Linux bridges or VLANs (seed 003).</li>
 *   <li>NetworkAttachmentDefinition per bridge network in the VMs' namespace (CNI {@code bridge}).</li>
 * </ul>
 */
public final class NetworksLayer implements Layer {

    static final String SRIOV_NAMESPACE = "openshift-sriov-network-operator";

    /** Deterministic, reviewable JSON for CNI configs: sorted keys, one per line (a YAML literal block in the file). */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "networks";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        String fleet = cluster.fleet().name();
        List<HasMetadata> objects = new ArrayList<>();
        for (HardwareProfile profile : cluster.profiles()) {
            for (NicSlot nic : profile.nics()) {
                if (nic.vfsPerPort() > 0) {
                    Device device = cluster.fleet().catalog().device(nic.model()).orElseThrow();
                    objects.add(Resources.custom("sriovnetwork.openshift.io/v1", "SriovNetworkNodePolicy",
                            Resources.metadata(SRIOV_NAMESPACE, nic.model() + "-" + nic.use().keyword() + "-" + profile.name(), fleet, Map.of()),
                            nodePolicy(profile, nic, device)));
                }
            }
            if (!profile.hostNetworks().isEmpty() && profile.hostNetworks().stream().noneMatch(HostInterface::isStatic)) {
                objects.add(Resources.custom("nmstate.io/v1", "NodeNetworkConfigurationPolicy",
                        Resources.metadata(null, profile.name() + "-host-networks", fleet, Map.of()), Map.of(
                                "nodeSelector", Map.of(HostLabels.HARDWARE_PROFILE, profile.name()),
                                "desiredState", desiredState(profile, Map.of()))));
            } else if (!profile.hostNetworks().isEmpty()) {
                // Static addresses differ per host: one policy per host, selected by node name, so the profile is written once
                // in the model and the addresses once per host (NMState applies a policy to the nodes its nodeSelector matches).
                for (ResolvedHost host : cluster.hosts()) {
                    if (host.profile().equals(profile) && host.machinePool().isEmpty()) {
                        objects.add(Resources.custom("nmstate.io/v1", "NodeNetworkConfigurationPolicy",
                                Resources.metadata(null, host.name() + "-host-networks", fleet, Map.of()), Map.of(
                                        "nodeSelector", Map.of("kubernetes.io/hostname", host.name()),
                                        "desiredState", desiredState(profile, host.addresses()))));
                    }
                }
            }
        }
        for (Network network : cluster.cluster().networks()) {
            if (cluster.cluster().isMigrationNetwork(network.name())) {
                continue; // the virtualization layer writes its attachment, in openshift-cnv, before HyperConverged needs it
            }
            if (network.isOvn()) {
                objects.add(Resources.custom("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition",
                        Resources.metadata(cluster.vmNamespace(), network.name(), fleet, Map.of()), Map.of("config", ovnConfig(cluster, network))));
                continue;
            }
            if (network.type() == Network.Type.SRIOV) {
                Device device = cluster.fleet().catalog().device(network.nic()).orElseThrow();
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("resourceName", resourceName(device, NicUse.VM));
                spec.put("networkNamespace", cluster.vmNamespace());
                if (network.vlan() > 0) {
                    spec.put("vlan", network.vlan());
                }
                objects.add(Resources.custom("sriovnetwork.openshift.io/v1", "SriovNetwork",
                        Resources.metadata(SRIOV_NAMESPACE, network.name(), fleet, Map.of()), spec));
            } else {
                ObjectMeta metadata = Resources.metadata(cluster.vmNamespace(), network.name(), fleet, Map.of());
                metadata.setAnnotations(Map.of("k8s.v1.cni.cncf.io/resourceName", "bridge.network.kubevirt.io/" + network.bridge()));
                objects.add(Resources.custom("k8s.cni.cncf.io/v1", "NetworkAttachmentDefinition", metadata, Map.of("config", bridgeConfig(network))));
            }
        }
        List<Map<String, Object>> mappings = cluster.cluster().networks().stream().filter(network -> network.type() == Network.Type.LOCALNET)
                .map(network -> {
                    Map<String, Object> mapping = new LinkedHashMap<>();
                    mapping.put("localnet", network.name());
                    mapping.put("bridge", network.ovsBridge());
                    mapping.put("state", "present");
                    return mapping;
                }).toList();
        if (!mappings.isEmpty()) {
            // OpenShift "Creating a secondary network with localnet topology" / "Configuration for a localnet switched topology":
            // an NNCP with desiredState.ovn.bridge-mappings {localnet: <network name of the NAD config>, bridge: br-ex | <OVS
            // bridge>}, on the nodes that run the VMs (the placement's, else every worker).
            Map<String, String> selector = cluster.cluster().placement().nodeSelector().isEmpty()
                    ? Map.of("node-role.kubernetes.io/worker", "") : new TreeMap<>(cluster.cluster().placement().nodeSelector());
            objects.add(Resources.custom("nmstate.io/v1", "NodeNetworkConfigurationPolicy",
                    Resources.metadata(null, "pulse-localnet-mappings", fleet, Map.of()), Map.of(
                            "nodeSelector", selector,
                            "desiredState", Map.of("ovn", Map.of("bridge-mappings", mappings)))));
        }
        return objects;
    }

    /**
     * CNI config of an OVN-Kubernetes secondary network (ovn-org/ovn-kubernetes docs/features/multiple-networks;
     * OpenShift "Configuration for an OVN-Kubernetes additional network"): {@code type: ovn-k8s-cni-overlay},
     * {@code topology} localnet or layer2, {@code netAttachDefName: <namespace>/<name>}; localnet's {@code name} is the
     * bridge mapping's {@code localnet}, {@code vlanID} tags its traffic on the physical network. No subnets: guests
     * address themselves, as on bridge networks.
     */
    private static String ovnConfig(ClusterView cluster, Network network) {
        Map<String, Object> config = new TreeMap<>();
        config.put("cniVersion", "0.3.1");
        config.put("name", network.name());
        config.put("type", "ovn-k8s-cni-overlay");
        config.put("topology", network.type() == Network.Type.LOCALNET ? "localnet" : "layer2");
        config.put("netAttachDefName", cluster.vmNamespace() + "/" + network.name());
        if (network.vlan() > 0) {
            config.put("vlanID", network.vlan());
        }
        if (network.mtu() > 0) {
            config.put("mtu", network.mtu());
        }
        return json(config);
    }

    private static String json(Map<String, Object> config) {
        try {
            return JSON.writeValueAsString(config).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SR-IOV device plugin resource of a NIC's VFs: the catalog name for VM VFs, with {@code _pod} for pod VFs. */
    public static String resourceName(Device device, NicUse use) {
        return use == NicUse.VM ? device.resourceName() : device.resourceName() + "_pod";
    }

    private static Map<String, Object> nodePolicy(HardwareProfile profile, NicSlot nic, Device device) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("resourceName", resourceName(device, nic.use()));
        spec.put("nodeSelector", Map.of(HostLabels.HARDWARE_PROFILE, profile.name()));
        spec.put("numVfs", nic.vfsPerPort());
        spec.put("nicSelector", Map.of("vendor", device.pci().vendor(), "deviceID", device.pci().device()));
        spec.put("mtu", nic.mtu());
        spec.put("linkType", "eth");
        spec.put("priority", 99);
        if (nic.use() == NicUse.VM) {
            spec.put("deviceType", "vfio-pci");
        } else {
            spec.put("deviceType", "netdevice");
            spec.put("isRdma", nic.rdma());
            if (nic.eswitch() == ESwitchMode.SWITCHDEV) {
                spec.put("eSwitchMode", "switchdev");
            }
        }
        return spec;
    }

    /** NMState desired state of a profile's interfaces, with a host's static addresses, and their routes. */
    private static Map<String, Object> desiredState(HardwareProfile profile, Map<String, List<String>> addresses) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("interfaces", profile.hostNetworks().stream().map(iface -> interfaceState(iface, addresses.getOrDefault(iface.name(), List.of()))).toList());
        List<Map<String, Object>> routes = new ArrayList<>();
        for (HostInterface iface : profile.hostNetworks()) {
            for (HostInterface.Route route : iface.routes()) {
                Map<String, Object> config = new LinkedHashMap<>();
                config.put("destination", route.destination());
                config.put("next-hop-address", route.gateway());
                config.put("next-hop-interface", iface.name());
                if (route.metric() > 0) {
                    config.put("metric", route.metric());
                }
                routes.add(config);
            }
        }
        if (!routes.isEmpty()) {
            state.put("routes", Map.of("config", routes));
        }
        return state;
    }

    /**
     * One address family of an interface as NMState writes it (nmstate.io "Examples: static IP, DHCP"; OpenShift
     * "Example policy configurations for different interfaces": {@code enabled}, {@code dhcp}, {@code autoconf} for
     * IPv6 router advertisements, {@code address: [{ip, prefix-length}]}).
     */
    private static Map<String, Object> addressFamily(HostInterface.IpMode mode, boolean ipv6, List<String> addresses) {
        Map<String, Object> family = new LinkedHashMap<>();
        switch (mode) {
            case DISABLED -> family.put("enabled", false);
            case DHCP -> {
                family.put("enabled", true);
                family.put("dhcp", true);
                if (ipv6) {
                    family.put("autoconf", true);
                }
            }
            case STATIC -> {
                family.put("enabled", true);
                family.put("dhcp", false);
                if (ipv6) {
                    family.put("autoconf", false);
                }
                family.put("address", addresses.stream().filter(a -> a.contains(":") == ipv6).map(a -> {
                    Map<String, Object> address = new LinkedHashMap<>();
                    address.put("ip", a.substring(0, a.indexOf('/')));
                    address.put("prefix-length", Integer.parseInt(a.substring(a.indexOf('/') + 1)));
                    return address;
                }).toList());
            }
            default -> throw new IllegalStateException("unknown mode " + mode);
        }
        return family;
    }

    private static Map<String, Object> interfaceState(HostInterface iface, List<String> addresses) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", iface.name());
        state.put("type", iface.type().keyword());
        state.put("state", "up");
        if (iface.type() != HostInterface.InterfaceType.OVS_BRIDGE) { // an OVS bridge has no IP (its internal ovs-interface would)
            state.put("ipv4", addressFamily(iface.ipv4(), false, addresses));
            state.put("ipv6", addressFamily(iface.ipv6(), true, addresses));
        }
        if (iface.mtu() > 0) {
            state.put("mtu", iface.mtu());
        }
        switch (iface.type()) {
            case BOND -> {
                Map<String, Object> aggregation = new LinkedHashMap<>();
                aggregation.put("mode", iface.bondMode().isEmpty() ? "802.3ad" : iface.bondMode());
                aggregation.put("options", Map.of("miimon", "100"));
                aggregation.put("port", iface.ports());
                state.put("link-aggregation", aggregation);
            }
            case LINUX_BRIDGE -> state.put("bridge", Map.of(
                    "options", Map.of("stp", Map.of("enabled", false)),
                    "port", iface.ports().stream().map(port -> Map.of("name", port)).toList()));
            case VLAN -> state.put("vlan", Map.of("base-iface", iface.vlanBase(), "id", iface.vlanId()));
            // nmstate.io "Examples: OVS bridge"; OpenShift localnet docs use allow-extra-patch-ports so OVN's patch ports survive
            case OVS_BRIDGE -> state.put("bridge", Map.of(
                    "allow-extra-patch-ports", true,
                    "options", Map.of("stp", false),
                    "port", iface.ports().stream().map(port -> Map.of("name", port)).toList()));
            default -> throw new IllegalStateException("unknown interface type " + iface.type());
        }
        return state;
    }

    /**
     * CNI config of a Linux-bridge network, as OpenShift Virtualization documents it; with an {@code ipRange}, whereabouts
     * IPAM gives pods addresses on it (Red Hat OpenShift Virtualization "Configuring a dedicated network for live
     * migration"; k8snetworkplumbingwg/whereabouts README: {@code "ipam": {"type": "whereabouts", "range": ...}}).
     */
    static String bridgeConfig(Network network) {
        Map<String, Object> config = new TreeMap<>();
        config.put("cniVersion", "0.3.1");
        config.put("name", network.name());
        config.put("type", "bridge");
        config.put("bridge", network.bridge());
        config.put("macspoofchk", true);
        if (network.ipRange().isEmpty()) {
            // VM networks: the pod side stays down, virt-launcher hands the link to the guest. A network whose pods use
            // their address themselves (virt-handler on the migration network) needs it up (containernetworking/plugins
            // plugins/main/bridge: disableContainerInterface sets the container veth down).
            config.put("disableContainerInterface", true);
        }
        config.put("preserveDefaultVlan", false);
        if (network.vlan() > 0) {
            config.put("vlan", network.vlan());
        }
        if (network.mtu() > 0) {
            config.put("mtu", network.mtu());
        }
        if (!network.ipRange().isEmpty()) {
            config.put("ipam", Map.of("type", "whereabouts", "range", network.ipRange()));
        }
        try {
            return JSON.writeValueAsString(config).replace("\r\n", "\n") + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
