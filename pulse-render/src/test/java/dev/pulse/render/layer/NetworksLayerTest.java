package dev.pulse.render.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.render.TestFleets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("networks layer")
class NetworksLayerTest {

    private static final String FLEET = """
            hardwareProfiles:
              - name: box
                cpu: {vendor: amd}
                nics:
                  - {model: connectx-6, ports: 2, vfsPerPort: 8, rdma: true, mtu: 9000, use: vm}
                  - {model: connectx-6-dx, ports: 2, vfsPerPort: 4, rdma: true, eswitch: switchdev, use: pod}
                hostNetworks:
                  - {name: bond1, type: bond, mode: balance-alb, ports: [eth2, eth3], mtu: 1450}
                  - {name: br1, type: linux-bridge, ports: [bond1]}
                  - {name: bond1.30, type: vlan, base: bond1, id: 30}
            clusters:
              - name: c
                vmNamespace: vms
                hosts: [{name: h1, profile: box}]
                networks:
                  - {name: cameras, type: sriov, nic: connectx-6, vlan: 100}
                  - {name: public, type: bridge, bridge: br1}
            """;

    private final Map<String, ObjectNode> objects = TestFleets.objects(new NetworksLayer(), FLEET);

    @Test
    @DisplayName("VM VFs: vfio-pci, no RDMA flag (the guest's mlx5 does RDMA); pod VFs: netdevice + isRdma + switchdev")
    void nodePolicies() {
        JsonNode vm = objects.get("SriovNetworkNodePolicy/connectx-6-vm-box").path("spec");
        assertThat(vm.path("deviceType").asText()).isEqualTo("vfio-pci");
        assertThat(vm.has("isRdma")).isFalse();
        assertThat(vm.has("eSwitchMode")).isFalse();
        assertThat(vm.path("numVfs").asInt()).isEqualTo(8);
        assertThat(vm.path("mtu").asInt()).isEqualTo(9000);
        assertThat(vm.at("/nicSelector/vendor").asText()).isEqualTo("15b3");
        assertThat(vm.at("/nicSelector/deviceID").asText()).isEqualTo("101b");
        assertThat(vm.at("/nodeSelector/pulse.dev~1hardware-profile").asText()).isEqualTo("box");
        assertThat(vm.path("resourceName").asText()).matches("^[a-zA-Z0-9_]+$").isEqualTo("mlx_cx6");
        JsonNode pod = objects.get("SriovNetworkNodePolicy/connectx-6-dx-pod-box").path("spec");
        assertThat(pod.path("deviceType").asText()).isEqualTo("netdevice");
        assertThat(pod.path("isRdma").asBoolean()).isTrue();
        assertThat(pod.path("eSwitchMode").asText()).isEqualTo("switchdev");
        assertThat(pod.path("resourceName").asText()).isEqualTo("mlx_cx6dx_pod");
    }

    @Test
    @DisplayName("SriovNetwork targets the VMs' namespace with the VM resource and VLAN, no IPAM")
    void sriovNetwork() {
        ObjectNode network = objects.get("SriovNetwork/cameras");
        assertThat(network.at("/metadata/namespace").asText()).isEqualTo("openshift-sriov-network-operator");
        assertThat(network.at("/spec/networkNamespace").asText()).isEqualTo("vms");
        assertThat(network.at("/spec/resourceName").asText()).isEqualTo("mlx_cx6");
        assertThat(network.at("/spec/vlan").asInt()).isEqualTo(100);
        assertThat(network.at("/spec/ipam").isMissingNode()).isTrue();
    }

    @Test
    @DisplayName("NMState policy builds the profile's bond, bridge and VLAN on its hosts (seed 003)")
    void hostNetworks() {
        JsonNode policy = objects.get("NodeNetworkConfigurationPolicy/box-host-networks").path("spec");
        assertThat(policy.at("/nodeSelector/pulse.dev~1hardware-profile").asText()).isEqualTo("box");
        JsonNode interfaces = policy.at("/desiredState/interfaces");
        assertThat(interfaces.findValuesAsText("name")).contains("bond1", "br1", "bond1.30");
        assertThat(interfaces.get(0).at("/link-aggregation/mode").asText()).isEqualTo("balance-alb");
        assertThat(interfaces.get(0).at("/link-aggregation/port/1").asText()).isEqualTo("eth3");
        assertThat(interfaces.get(0).path("mtu").asInt()).isEqualTo(1450);
        assertThat(interfaces.get(1).at("/bridge/port/0/name").asText()).isEqualTo("bond1");
        assertThat(interfaces.get(2).at("/vlan/base-iface").asText()).isEqualTo("bond1");
        assertThat(interfaces.get(2).at("/vlan/id").asInt()).isEqualTo(30);
    }

    @Test
    @DisplayName("bridge network: a NetworkAttachmentDefinition in the VMs' namespace with a bridge CNI config")
    void bridgeNetwork() throws Exception {
        ObjectNode nad = objects.get("NetworkAttachmentDefinition/public");
        assertThat(nad.at("/metadata/namespace").asText()).isEqualTo("vms");
        assertThat(nad.at("/metadata/annotations/k8s.v1.cni.cncf.io~1resourceName").asText()).isEqualTo("bridge.network.kubevirt.io/br1");
        JsonNode config = new ObjectMapper().readTree(nad.at("/spec/config").asText());
        assertThat(config.path("type").asText()).isEqualTo("bridge");
        assertThat(config.path("bridge").asText()).isEqualTo("br1");
        assertThat(config.path("name").asText()).isEqualTo("public");
    }

    @Test
    @DisplayName("static addresses: one NNCP per host by node name with that host's IPv4/IPv6 addresses and the profile's routes; "
            + "DHCP interfaces keep one policy per profile")
    void hostAddresses() {
        var objects = TestFleets.objects(new NetworksLayer(), """
                hardwareProfiles:
                  - name: p
                    cpu: {vendor: intel}
                    hostNetworks:
                      - {name: bond1, type: bond, ports: [eno1, eno2]}
                      - {name: bond1.70, type: vlan, base: bond1, id: 70, ipv4: static, ipv6: static,
                         routes: [{destination: 10.70.0.0/16, gateway: 192.168.70.1, metric: 150}]}
                  - name: q
                    cpu: {vendor: intel}
                    hostNetworks: [{name: eno3, type: vlan, base: eno1, id: 5, ipv4: dhcp, ipv6: dhcp}]
                clusters:
                  - name: c
                    hosts:
                      - {name: a, profile: p, addresses: {bond1.70: [192.168.70.11/24, "fd00:70::11/64"]}}
                      - {name: b, profile: p, addresses: {bond1.70: [192.168.70.12/24, "fd00:70::12/64"]}}
                      - {name: d, profile: q}
                """);
        assertThat(objects.keySet()).containsExactlyInAnyOrder("NodeNetworkConfigurationPolicy/a-host-networks",
                "NodeNetworkConfigurationPolicy/b-host-networks", "NodeNetworkConfigurationPolicy/q-host-networks");
        var a = objects.get("NodeNetworkConfigurationPolicy/a-host-networks");
        assertThat(a.at("/spec/nodeSelector/kubernetes.io~1hostname").asText()).isEqualTo("a");
        var vlan = a.at("/spec/desiredState/interfaces/1");
        assertThat(vlan.at("/ipv4/enabled").asBoolean()).isTrue();
        assertThat(vlan.at("/ipv4/dhcp").asBoolean()).isFalse();
        assertThat(vlan.at("/ipv4/address/0/ip").asText()).isEqualTo("192.168.70.11");
        assertThat(vlan.at("/ipv4/address/0/prefix-length").asInt()).isEqualTo(24);
        assertThat(vlan.at("/ipv6/address/0/ip").asText()).isEqualTo("fd00:70::11");
        assertThat(vlan.at("/ipv6/autoconf").asBoolean()).isFalse();
        assertThat(a.at("/spec/desiredState/interfaces/0/ipv4/enabled").asBoolean()).isFalse();
        var route = a.at("/spec/desiredState/routes/config/0");
        assertThat(route.at("/destination").asText()).isEqualTo("10.70.0.0/16");
        assertThat(route.at("/next-hop-address").asText()).isEqualTo("192.168.70.1");
        assertThat(route.at("/next-hop-interface").asText()).isEqualTo("bond1.70");
        assertThat(route.at("/metric").asInt()).isEqualTo(150);
        assertThat(objects.get("NodeNetworkConfigurationPolicy/b-host-networks").at("/spec/desiredState/interfaces/1/ipv4/address/0/ip").asText())
                .isEqualTo("192.168.70.12");
        var dhcp = objects.get("NodeNetworkConfigurationPolicy/q-host-networks").at("/spec/desiredState/interfaces/0");
        assertThat(dhcp.at("/ipv4/dhcp").asBoolean()).isTrue();
        assertThat(dhcp.at("/ipv6/autoconf").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("localnet: an OVN-Kubernetes NAD (topology localnet, vlanID, mtu, netAttachDefName) and the br-ex or OVS bridge mapping; "
            + "layer2: an overlay NAD, no host side")
    void ovnNetworks() {
        var objects = TestFleets.objects(new NetworksLayer(), """
                hardwareProfiles: [{name: p, cpu: {vendor: intel}, hostNetworks: [{name: ovs-data, type: ovs-bridge, ports: [eno4]}]}]
                clusters:
                  - name: c
                    vmNamespace: vms
                    networks:
                      - {name: lan, type: localnet, vlan: 20, mtu: 1500}
                      - {name: data, type: localnet, bridge: ovs-data}
                      - {name: sync, type: layer2, mtu: 1400}
                    hosts: [{name: a, profile: p}]
                """);
        String lan = objects.get("NetworkAttachmentDefinition/lan").at("/spec/config").asText();
        assertThat(lan).contains("\"type\" : \"ovn-k8s-cni-overlay\"", "\"topology\" : \"localnet\"", "\"vlanID\" : 20",
                "\"netAttachDefName\" : \"vms/lan\"", "\"cniVersion\" : \"0.3.1\"", "\"mtu\" : 1500");
        String sync = objects.get("NetworkAttachmentDefinition/sync").at("/spec/config").asText();
        assertThat(sync).contains("\"topology\" : \"layer2\"").doesNotContain("vlanID");
        var mappings = objects.get("NodeNetworkConfigurationPolicy/pulse-localnet-mappings").at("/spec/desiredState/ovn/bridge-mappings");
        assertThat(mappings.size()).isEqualTo(2);
        assertThat(mappings.get(0).at("/localnet").asText()).isEqualTo("lan");
        assertThat(mappings.get(0).at("/bridge").asText()).isEqualTo("br-ex");
        assertThat(mappings.get(1).at("/bridge").asText()).isEqualTo("ovs-data");
        var ovs = objects.get("NodeNetworkConfigurationPolicy/p-host-networks").at("/spec/desiredState/interfaces/0");
        assertThat(ovs.at("/type").asText()).isEqualTo("ovs-bridge");
        assertThat(ovs.at("/bridge/port/0/name").asText()).isEqualTo("eno4");
        assertThat(ovs.has("ipv4")).isFalse();
        assertThat(TestFleets.objects(new OperatorsLayer(), """
                clusters: [{name: c, networks: [{name: lan, type: localnet, vlan: 20}], hosts: [{name: a, profile: g493-zb1-rtx6000ada}]}]
                """)).containsKey("Subscription/kubernetes-nmstate-operator");
    }
}
