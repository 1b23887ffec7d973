package dev.pulse.render.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.render.TestFleets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("virtualization layer")
class VirtualizationLayerTest {

    private static Map<String, ObjectNode> objects(String yaml) {
        return TestFleets.objects(new VirtualizationLayer(), yaml);
    }

    private static List<String> selectors(ObjectNode hco) {
        return hco.at("/spec/permittedHostDevices/pciHostDevices").findValuesAsText("pciDeviceSelector");
    }

    @Test
    @DisplayName("GPU Operator passthrough: the GPU is permitted as external, its audio companion as KubeVirt's, plus ClusterPolicy, "
            + "SR-IOV config and the NMState instance the host networks need")
    void gpuOperatorPassthrough() {
        Map<String, ObjectNode> objects = objects("clusters: [{name: c, hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}]}]\n");
        assertThat(objects.keySet()).containsExactly("ClusterPolicy/gpu-cluster-policy", "HyperConverged/kubevirt-hyperconverged",
                "SriovOperatorConfig/default");
        ObjectNode hco = objects.get("HyperConverged/kubevirt-hyperconverged");
        assertThat(hco.at("/metadata/namespace").asText()).isEqualTo("openshift-cnv");
        JsonNode devices = hco.at("/spec/permittedHostDevices/pciHostDevices");
        assertThat(selectors(hco)).containsExactly("10DE:22BA", "10DE:26B1");
        assertThat(devices.get(1).path("resourceName").asText()).isEqualTo("nvidia.com/AD102GL_RTX_6000_ADA_GENERATION");
        assertThat(devices.get(1).path("externalResourceProvider").asBoolean()).isTrue();
        assertThat(devices.get(0).has("externalResourceProvider")).as("companion served by KubeVirt").isFalse();
        ObjectNode policy = objects.get("ClusterPolicy/gpu-cluster-policy");
        assertThat(policy.at("/spec/sandboxWorkloads/enabled").asBoolean()).isTrue();
        assertThat(policy.at("/spec/sandboxWorkloads/defaultWorkload").asText()).isEqualTo("vm-passthrough");
        assertThat(policy.at("/spec/vfioManager/enabled").asBoolean()).isTrue();
        assertThat(policy.at("/spec/vgpuManager/enabled").asBoolean()).isFalse();
        assertThat(objects.get("SriovOperatorConfig/default").at("/spec/configDaemonNodeSelector/pulse.dev~1sriov").asText()).isEqualTo("true");
    }

    @Test
    @DisplayName("without the GPU Operator: GPU, companion and host PCI devices are KubeVirt's own, no ClusterPolicy")
    void kubevirtBindsItself() {
        Map<String, ObjectNode> objects = objects("""
                hardwareProfiles: [{name: ws, cpu: {vendor: amd}, gpus: [{model: rtx-3080, count: 1, console: true}]}]
                clusters:
                  - name: c
                    topology: single-node
                    gpuOperator: false
                    hosts: [{name: ws, profile: ws, pci: [{model: amd-matisse-xhci, address: "0000:0b:00.3"}]}]
                """);
        assertThat(objects).doesNotContainKey("ClusterPolicy/gpu-cluster-policy");
        ObjectNode hco = objects.get("HyperConverged/kubevirt-hyperconverged");
        assertThat(selectors(hco)).containsExactly("1022:149C", "10DE:1AEF", "10DE:2206");
        assertThat(hco.at("/spec/permittedHostDevices/pciHostDevices").findValues("externalResourceProvider")).isEmpty();
    }

    @Test
    @DisplayName("vGPU hosts: mediated devices from the GPU Operator, disableMDevConfiguration on; ClusterPolicy runs the user's vGPU Manager "
            + "image and the vGPU device manager")
    void vgpu() {
        Map<String, ObjectNode> objects = objects("""
                hardwareProfiles: [{name: v, cpu: {vendor: intel}, gpus: [{model: l4, count: 2, mode: vm-vgpu, vgpuProfile: L4-24Q}]}]
                clusters:
                  - name: c
                    vgpuManager: {repository: registry.example.com/nvidia, version: 550.90.05-rhcos4.16}
                    hosts: [{name: h, profile: v}]
                """);
        ObjectNode policy = objects.get("ClusterPolicy/gpu-cluster-policy");
        assertThat(policy.at("/spec/vgpuManager/enabled").asBoolean()).isTrue();
        assertThat(policy.at("/spec/vgpuManager/repository").asText()).isEqualTo("registry.example.com/nvidia");
        assertThat(policy.at("/spec/vgpuManager/image").asText()).isEqualTo("vgpu-manager");
        assertThat(policy.at("/spec/vgpuManager/version").asText()).isEqualTo("550.90.05-rhcos4.16");
        assertThat(policy.at("/spec/vgpuDeviceManager/enabled").asBoolean()).isTrue();
        ObjectNode hco = objects.get("HyperConverged/kubevirt-hyperconverged");
        JsonNode mediated = hco.at("/spec/permittedHostDevices/mediatedDevices/0");
        assertThat(mediated.path("mdevNameSelector").asText()).isEqualTo("NVIDIA L4-24Q");
        assertThat(mediated.path("resourceName").asText()).isEqualTo("nvidia.com/NVIDIA_L4-24Q");
        assertThat(mediated.path("externalResourceProvider").asBoolean()).isTrue();
        assertThat(hco.at("/spec/featureGates/disableMDevConfiguration").asBoolean()).isTrue();
        assertThat(hco.at("/spec/permittedHostDevices/pciHostDevices").isMissingNode()).isTrue();
    }

    @Test
    @DisplayName("NMState installed: its cluster-scoped instance 'nmstate', without which the operator never installs the NNCP CRD")
    void nmstateInstance() {
        Map<String, ObjectNode> objects = objects("""
                hardwareProfiles: [{name: p, cpu: {vendor: amd}, hostNetworks: [{name: br1, type: linux-bridge, ports: [eno1]}]}]
                clusters: [{name: c, hosts: [{name: h, profile: p}]}]
                """);
        ObjectNode nmstate = objects.get("NMState/nmstate");
        assertThat(nmstate.at("/apiVersion").asText()).isEqualTo("nmstate.io/v1");
        assertThat(nmstate.at("/metadata/namespace").isMissingNode()).isTrue();
        assertThat(objects("clusters: [{name: c, operators: {nmstate: {enabled: true}}}]\n")).containsKey("NMState/nmstate");
        assertThat(objects("clusters: [{name: c}]\n")).doesNotContainKey("NMState/nmstate");
    }

    @Test
    @DisplayName("a tainted bare-metal pool: infra and workloads placed there (seed 002)")
    void placement() {
        ObjectNode hco = objects("""
                clusters:
                  - name: c
                    placement:
                      nodeSelector: {node-role.kubernetes.io/virtualization: ""}
                      tolerations: [{key: virtualization, value: "true", effect: PreferNoSchedule}]
                """).get("HyperConverged/kubevirt-hyperconverged");
        for (String part : List.of("infra", "workloads")) {
            JsonNode placement = hco.at("/spec/" + part + "/nodePlacement");
            assertThat(placement.at("/nodeSelector/node-role.kubernetes.io~1virtualization").asText()).isEmpty();
            assertThat(placement.at("/tolerations/0/operator").asText()).isEqualTo("Equal");
            assertThat(placement.at("/tolerations/0/effect").asText()).isEqualTo("PreferNoSchedule");
        }
    }

    @Test
    @DisplayName("liveMigration: HyperConverged liveMigrationConfig with only what the model sets, and the migration network's "
            + "attachment in openshift-cnv with whereabouts IPAM and the pod side up; the networks layer does not write it again")
    void liveMigration() {
        String yaml = """
                hardwareProfiles: [{name: p, cpu: {vendor: intel}, hostNetworks: [{name: br-mig, type: linux-bridge, ports: [eno3]}]}]
                clusters:
                  - name: c
                    networks: [{name: mig, type: bridge, bridge: br-mig, ipRange: 10.60.0.0/24}]
                    liveMigration: {network: mig, parallelOutboundMigrationsPerNode: 2, bandwidthPerMigration: 1Gi}
                    hosts: [{name: a, profile: p}, {name: b, profile: p}]
                """;
        Map<String, ObjectNode> objects = objects(yaml);
        JsonNode config = objects.get("HyperConverged/kubevirt-hyperconverged").at("/spec/liveMigrationConfig");
        assertThat(config.at("/network").asText()).isEqualTo("mig");
        assertThat(config.at("/parallelOutboundMigrationsPerNode").asInt()).isEqualTo(2);
        assertThat(config.at("/bandwidthPerMigration").asText()).isEqualTo("1Gi");
        assertThat(config.has("parallelMigrationsPerCluster")).isFalse();
        ObjectNode nad = objects.get("NetworkAttachmentDefinition/mig");
        assertThat(nad.at("/metadata/namespace").asText()).isEqualTo("openshift-cnv");
        String cni = nad.at("/spec/config").asText();
        assertThat(cni).contains("\"type\" : \"whereabouts\"").contains("10.60.0.0/24").doesNotContain("disableContainerInterface");
        assertThat(TestFleets.objects(new NetworksLayer(), yaml).keySet()).noneMatch(key -> key.startsWith("NetworkAttachmentDefinition/"));
    }
}
