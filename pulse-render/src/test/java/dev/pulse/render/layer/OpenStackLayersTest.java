package dev.pulse.render.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.render.TestFleets;
import dev.pulse.render.tree.Rendering;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RHOSO layers")
class OpenStackLayersTest {

    /** An RHOSO cluster with one host of {@code profile}; {@code extra} is added to the rhoso block. */
    static String fleet(String profiles, String profile, String extra) {
        return profiles + """
                roles: [{name: g1, gpus: 1, resources: {cpu: {cores: 4, dedicated: true}, memory: 16Gi}}]
                clusters:
                  - name: os
                    platform: rhoso
                    storage: {class: lvms-vg1, size: 20Gi}
                    rhoso:
                      networks: [{name: ctlplane, cidr: 10.0.0.0/24, dnsDomain: ctl.example.com, allocationStart: 10.0.0.10, allocationEnd: 10.0.0.99}]
                """ + extra + """
                    hosts: [{name: cmp-0, profile: PROFILE, ctlplaneIP: 10.0.0.5}]
                """.replace("PROFILE", profile);
    }

    static final String AMD_ADA = "hardwareProfiles: [{name: ada, cpu: {vendor: amd, reserved: \"0-1\", isolated: \"2-31\"}, gpus: [{model: rtx-6000-ada, count: 4}]}]\n";

    @Nested
    @DisplayName("given an AMD host with RTX 6000 Ada GPUs")
    class AmdAda {

        private final Map<String, ObjectNode> dataPlane = TestFleets.objects(new OpenStackDataPlaneLayer(), fleet(AMD_ADA, "ada", ""));

        @Test
        @DisplayName("the NodeSet turns on passthrough with iommu=pt only and binds the GPU with its audio function to vfio-pci")
        void kernelArguments() {
            assertThat(dataPlane.get("OpenStackDataPlaneNodeSet/ada").at("/spec/nodeTemplate/ansible/ansibleVars/edpm_kernel_args").asText())
                    .isEqualTo("iommu=pt vfio-pci.ids=10de:22ba,10de:26b1 rd.driver.pre=vfio-pci");
        }

        @Test
        @DisplayName("the compute's device_spec names the GPU only, its alias defaults to the model name without a NUMA policy")
        void computeConfig() {
            assertThat(dataPlane.get("ConfigMap/nova-compute-ada").at("/data/03-nova-pci-passthrough.conf").asText()).isEqualTo("""
                    [pci]
                    device_spec = { "vendor_id":"10de", "product_id":"26b1" }
                    alias = { "vendor_id":"10de", "product_id":"26b1", "device_type":"type-PCI", "name":"rtx-6000-ada" }
                    """);
        }

        @Test
        @DisplayName("the profile's reserved and isolated CPUs become Nova's shared and dedicated sets, isolated by tuned")
        void cpuPinning() {
            assertThat(dataPlane.get("ConfigMap/nova-compute-ada").at("/data/25-nova-cpu-pinning.conf").asText())
                    .isEqualTo("[compute]\ncpu_shared_set = 0-1\ncpu_dedicated_set = 2-31\n");
            assertThat(dataPlane.get("OpenStackDataPlaneNodeSet/ada").at("/spec/nodeTemplate/ansible/ansibleVars/edpm_tuned_isolated_cores").asText())
                    .isEqualTo("2-31");
        }

        @Test
        @DisplayName("the custom nova service replaces nova in the NodeSet, after libvirt, and vfio-pci-bind comes first")
        void services() {
            assertThat(dataPlane.get("OpenStackDataPlaneNodeSet/ada").at("/spec/services").toString())
                    .startsWith("[\"vfio-pci-bind\",\"bootstrap\"").endsWith("\"libvirt\",\"nova-ada\"]").doesNotContain("\"nova\"");
            assertThat(dataPlane.get("OpenStackDataPlaneService/nova-ada").at("/spec/edpmServiceType").asText()).isEqualTo("nova");
        }
    }

    @Test
    @DisplayName("an SR-IOV-capable GPU is aliased as type-PF, on both sides")
    void sriovCapableIsTypePf() {
        String yaml = fleet("""
                devices: [{name: a100, kind: gpu, pci: "10de:20f1", resourceName: nvidia.com/GA100_A100_PCIE_40GB, sriovCapable: true}]
                hardwareProfiles: [{name: a100s, cpu: {vendor: intel}, gpus: [{model: a100, count: 2}]}]
                """, "a100s", "      pciAliases: [{model: a100, name: nvidia_a2, numaPolicy: required}]\n");
        String alias = "alias = { \"vendor_id\":\"10de\", \"product_id\":\"20f1\", \"device_type\":\"type-PF\", \"name\":\"nvidia_a2\", \"numa_policy\":\"required\" }";
        assertThat(TestFleets.objects(new OpenStackControlPlaneLayer(), yaml).get("OpenStackControlPlane/controlplane")
                .at("/spec/nova/template/apiServiceTemplate/customServiceConfig").asText()).contains(alias);
        assertThat(TestFleets.objects(new OpenStackDataPlaneLayer(), yaml).get("ConfigMap/nova-compute-a100s").toString()).contains(alias.replace("\"", "\\\""));
    }

    @Test
    @DisplayName("hosts without GPUs keep the default nova service and get no kernel arguments; Nova gets no alias")
    void noGpus() {
        String yaml = fleet("hardwareProfiles: [{name: plain, cpu: {vendor: intel}}]\n", "plain", "");
        Map<String, ObjectNode> dataPlane = TestFleets.objects(new OpenStackDataPlaneLayer(), yaml);
        assertThat(dataPlane.keySet()).allMatch(key -> key.startsWith("OpenStackDataPlaneNodeSet/") || key.startsWith("OpenStackDataPlaneDeployment/"));
        assertThat(dataPlane.get("OpenStackDataPlaneNodeSet/plain").at("/spec/services").toString()).endsWith("\"nova\"]");
        assertThat(dataPlane.get("OpenStackDataPlaneNodeSet/plain").at("/spec/nodeTemplate/ansible/ansibleVars/edpm_kernel_args").isMissingNode()).isTrue();
        assertThat(TestFleets.objects(new OpenStackControlPlaneLayer(), yaml).get("OpenStackControlPlane/controlplane")
                .at("/spec/nova/template/apiServiceTemplate").isMissingNode()).isTrue();
    }

    @Test
    @DisplayName("the Deployment is renamed when the data plane changes, and only then")
    void deploymentNameFollowsTheDataPlane() {
        String base = fleet(AMD_ADA, "ada", "");
        String otherControlPlane = fleet(AMD_ADA, "ada", "      controlPlane: other\n");
        String otherNode = base.replace("10.0.0.5", "10.0.0.6");
        assertThat(deployment(otherControlPlane)).isEqualTo(deployment(base));
        assertThat(deployment(otherNode)).isNotEqualTo(deployment(base)).startsWith("OpenStackDataPlaneDeployment/edpm-");
    }

    private static String deployment(String yaml) {
        return TestFleets.objects(new OpenStackDataPlaneLayer(), yaml).keySet().stream().filter(key -> key.startsWith("OpenStackDataPlaneDeployment/"))
                .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("flavors carry the alias, pinned CPUs and the cluster's disk size; the scheduler adds NUMATopologyFilter for them")
    void flavors() {
        String yaml = fleet(AMD_ADA, "ada", "      flavors: [g1]\n");
        assertThat(TestFleets.objects(new OpenStackFlavorsLayer(), yaml).get("ConfigMap/pulse-flavors").at("/data/flavors.sh").asText())
                .contains("flavor g1 4 16384 20 --property pci_passthrough:alias=rtx-6000-ada:1 --property hw:cpu_policy=dedicated\n");
        assertThat(TestFleets.objects(new OpenStackControlPlaneLayer(), yaml).get("OpenStackControlPlane/controlplane")
                .at("/spec/nova/template/schedulerServiceTemplate/customServiceConfig").asText())
                .endsWith("enabled_filters = ComputeFilter,ComputeCapabilitiesFilter,ImagePropertiesFilter,ServerGroupAntiAffinityFilter,"
                        + "ServerGroupAffinityFilter,PciPassthroughFilter,NUMATopologyFilter\n");
        assertThat(TestFleets.objects(new OpenStackFlavorsLayer(), fleet(AMD_ADA, "ada", ""))).isEmpty();
    }

    @Test
    @DisplayName("an RHOSO cluster renders the four OpenStack layers and none of OpenShift Virtualization's")
    void onlyOpenStackLayers() {
        Rendering rendering = TestFleets.render(fleet(AMD_ADA, "ada", "      flavors: [g1]\n"));
        assertThat(rendering.layers()).extracting(Rendering.LayerObjects::layer)
                .containsExactly("openstack-operators", "openstack-control-plane", "openstack-data-plane", "openstack-flavors");
        assertThat(rendering.tree().files().keySet()).noneMatch(path -> path.contains("virtualization") || path.contains("host-config"));
    }
}
