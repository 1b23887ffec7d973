package dev.pulse.render.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.TestFleets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.machineconfiguration.v1.MachineConfig;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("host-config layer: IOMMU MachineConfig")
class HostConfigLayerTest {

    private static MachineConfig iommu(String yaml) {
        List<HasMetadata> objects = new HostConfigLayer().objects(TestFleets.cluster(yaml));
        assertThat(objects).hasSize(1);
        return (MachineConfig) objects.get(0);
    }

    @Test
    @DisplayName("AMD host on a standard cluster: amd_iommu=on iommu=pt on the worker pool, named like the seed")
    void amdStandard() {
        MachineConfig config = iommu("clusters: [{name: c1, hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}]}]\n");
        assertThat(config.getMetadata().getName()).isEqualTo("100-worker-iommu");
        assertThat(config.getMetadata().getLabels()).containsEntry("machineconfiguration.openshift.io/role", "worker");
        assertThat(config.getSpec().getKernelArguments()).containsExactly("amd_iommu=on", "iommu=pt");
    }

    @Test
    @DisplayName("Intel host on a single-node cluster: intel_iommu=on iommu=pt on the master pool")
    void intelSingleNode() {
        MachineConfig config = iommu("""
                hardwareProfiles: [{name: ws, cpu: {vendor: intel}, gpus: [{model: l4, count: 1}]}]
                clusters: [{name: c1, topology: single-node, hosts: [{name: ws, profile: ws}]}]
                """);
        assertThat(config.getMetadata().getName()).isEqualTo("100-master-iommu");
        assertThat(config.getMetadata().getLabels()).containsEntry("machineconfiguration.openshift.io/role", "master");
        assertThat(config.getSpec().getKernelArguments()).containsExactly("intel_iommu=on", "iommu=pt");
    }

    @Test
    @DisplayName("compact clusters put MachineConfigs on master: their nodes are in the master pool")
    void compact() {
        MachineConfig config = iommu("""
                hardwareProfiles: [{name: box, cpu: {vendor: intel}, gpus: [{model: l4, count: 1}]}]
                clusters: [{name: c1, topology: compact, hosts: [{name: a, profile: box}, {name: b, profile: box}, {name: c, profile: box}]}]
                """);
        assertThat(config.getMetadata().getName()).isEqualTo("100-master-iommu");
    }

    @Test
    @DisplayName("no host passes devices to VMs: no MachineConfig, so no reboot")
    void nothingToPass() {
        assertThat(new HostConfigLayer().objects(TestFleets.cluster("""
                hardwareProfiles: [{name: plain, cpu: {vendor: amd}, gpus: [{model: l4, count: 1, mode: container}]}]
                clusters: [{name: c1, hosts: [{name: a, profile: plain}]}]
                """))).isEmpty();
    }
}
