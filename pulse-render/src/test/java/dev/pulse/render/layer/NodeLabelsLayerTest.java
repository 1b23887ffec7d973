package dev.pulse.render.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.TestFleets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("node-labels layer")
class NodeLabelsLayerTest {

    @Test
    @DisplayName("NodeFeatureRule (cluster-scoped: no namespace) labels each profile's hosts by node name: profile, GPU workload, SR-IOV")
    void nodeFeatureRule() {
        var objects = TestFleets.objects(new NodeLabelsLayer(),
                "clusters: [{name: c, hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}, {name: gpu-02, profile: g493-zb1-rtx6000ada}]}]\n");
        assertThat(objects.keySet()).containsExactly("NodeFeatureDiscovery/nfd-instance", "NodeFeatureRule/pulse-hosts");
        var rule = objects.get("NodeFeatureRule/pulse-hosts");
        assertThat(rule.at("/apiVersion").asText()).isEqualTo("nfd.k8s-sigs.io/v1alpha1");
        assertThat(rule.at("/metadata/namespace").isMissingNode()).isTrue();
        var only = rule.at("/spec/rules/0");
        assertThat(only.at("/labels/nvidia.com~1gpu.workload.config").asText()).isEqualTo("vm-passthrough");
        assertThat(only.at("/labels/pulse.dev~1hardware-profile").asText()).isEqualTo("g493-zb1-rtx6000ada");
        assertThat(only.at("/labels/pulse.dev~1sriov").asText()).isEqualTo("true");
        assertThat(only.at("/matchFeatures/0/feature").asText()).isEqualTo("system.name");
        assertThat(only.at("/matchFeatures/0/matchExpressions/nodename/op").asText()).isEqualTo("In");
        assertThat(only.at("/matchFeatures/0/matchExpressions/nodename/value").size()).isEqualTo(2);
        assertThat(only.at("/matchFeatures/0/matchExpressions/nodename/value/1").asText()).isEqualTo("gpu-02");
    }

    @Test
    @DisplayName("vGPU hosts get nvidia.com/vgpu.config naming their type, so the vGPU device manager creates it")
    void vgpuConfig() {
        var rule = TestFleets.objects(new NodeLabelsLayer(), """
                hardwareProfiles: [{name: l4-vgpu, cpu: {vendor: amd}, gpus: [{model: l4, count: 2, mode: vm-vgpu, vgpuProfile: L4-6Q}]}]
                clusters:
                  - name: c
                    vgpuManager: {repository: registry.example.com/nvidia, version: 550.90.05-rhcos4.16}
                    hosts: [{name: h, profile: l4-vgpu}]
                """).get("NodeFeatureRule/pulse-hosts");
        assertThat(rule.at("/spec/rules/0/labels/nvidia.com~1vgpu.config").asText()).isEqualTo("L4-6Q");
        assertThat(rule.at("/spec/rules/0/labels/nvidia.com~1gpu.workload.config").asText()).isEqualTo("vm-vgpu");
    }

    @Test
    @DisplayName("machine-pool hosts carry the labels from their pool: no rule matches them by name")
    void machinePools() {
        var objects = TestFleets.objects(new NodeLabelsLayer(), """
                hardwareProfiles: [{name: metal, cpu: {vendor: amd}, gpus: [{model: l4, count: 1}]}]
                clusters:
                  - name: c
                    topology: managed
                    hosts: [{name: virt, profile: metal,
                             machinePool: {labels: {pulse.dev/hardware-profile: metal, nvidia.com/gpu.workload.config: vm-passthrough}}}]
                """);
        assertThat(objects.keySet()).containsExactly("NodeFeatureDiscovery/nfd-instance");
    }
}
