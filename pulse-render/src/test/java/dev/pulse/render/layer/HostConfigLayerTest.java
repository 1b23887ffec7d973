package dev.pulse.render.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.TestFleets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.machineconfiguration.v1.MachineConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("host-config layer")
class HostConfigLayerTest {

    private static MachineConfig iommu(String yaml) {
        return new HostConfigLayer().objects(TestFleets.cluster(yaml)).stream()
                .filter(o -> o.getMetadata().getName().endsWith("-iommu")).map(MachineConfig.class::cast).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("AMD host on a standard cluster: iommu=pt (amd_iommu=on is no kernel value) on the profile's own pool")
    void amdStandard() {
        MachineConfig config = iommu("clusters: [{name: c1, hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}]}]\n");
        assertThat(config.getMetadata().getName()).isEqualTo("100-g493-zb1-rtx6000ada-iommu");
        assertThat(config.getMetadata().getLabels()).containsEntry("machineconfiguration.openshift.io/role", "g493-zb1-rtx6000ada");
        assertThat(config.getSpec().getKernelArguments()).containsExactly("iommu=pt");
    }

    @Test
    @DisplayName("standard cluster: a MachineConfigPool per profile that needs host config, selected by the profile label, "
            + "taking the worker configs too; hosts without host config keep to worker")
    void poolPerProfile() {
        var objects = dev.pulse.render.TestFleets.objects(new HostConfigLayer(), """
                hardwareProfiles: [{name: plain, cpu: {vendor: amd}}]
                clusters: [{name: c, hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}, {name: app-01, profile: plain}]}]
                """);
        assertThat(objects.keySet()).containsExactly("MachineConfig/100-g493-zb1-rtx6000ada-iommu", "MachineConfigPool/g493-zb1-rtx6000ada");
        var pool = objects.get("MachineConfigPool/g493-zb1-rtx6000ada");
        assertThat(pool.at("/metadata/namespace").isMissingNode()).as("cluster-scoped").isTrue();
        assertThat(pool.at("/spec/nodeSelector/matchLabels").toString()).isEqualTo("{\"pulse.dev/hardware-profile\":\"g493-zb1-rtx6000ada\"}");
        assertThat(pool.at("/spec/machineConfigSelector/matchExpressions/0/values").toString()).isEqualTo("[\"worker\",\"g493-zb1-rtx6000ada\"]");
        assertThat(pool.at("/metadata/labels/pools.operator.machineconfiguration.openshift.io~1g493-zb1-rtx6000ada").asText()).isEmpty();
    }

    @Test
    @DisplayName("managed clusters get no MachineConfig, pool or PerformanceProfile")
    void managed() {
        assertThat(new HostConfigLayer().objects(TestFleets.cluster("""
                hardwareProfiles: [{name: metal, cpu: {vendor: amd}, gpus: [{model: l4, count: 1}]}]
                clusters:
                  - name: c
                    topology: managed
                    hosts: [{name: virt, profile: metal,
                             machinePool: {labels: {pulse.dev/hardware-profile: metal, nvidia.com/gpu.workload.config: vm-passthrough}}}]
                """))).isEmpty();
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
                hardwareProfiles: [{name: plain, cpu: {vendor: amd}}]
                clusters: [{name: c1, hosts: [{name: a, profile: plain}]}]
                """))).isEmpty();
        assertThat(new HostConfigLayer().objects(TestFleets.cluster("""
                hardwareProfiles: [{name: plain, cpu: {vendor: amd}, gpus: [{model: l4, count: 1, mode: container}]}]
                clusters: [{name: c1, hosts: [{name: a, profile: plain}]}]
                """))).noneMatch(MachineConfig.class::isInstance);
    }

    @Test
    @DisplayName("KubeVirt binds devices itself (seed 001): vfio-pci ids, modules-load, USB by address, console freed")
    void vfioBinding() throws Exception {
        var objects = dev.pulse.render.TestFleets.objects(new HostConfigLayer(), """
                hardwareProfiles: [{name: ws, cpu: {vendor: amd}, gpus: [{model: rtx-3080, count: 1, console: true}]}]
                clusters:
                  - name: c
                    topology: single-node
                    gpuOperator: false
                    hosts: [{name: ws, profile: ws, pci: [{model: amd-matisse-xhci, address: "0000:0b:00.3"}]}]
                """);
        var config = objects.get("MachineConfig/100-master-vfio-pci");
        assertThat(config.at("/spec/kernelArguments/0").asText()).isEqualTo("video=efifb:off");
        var files = config.at("/spec/config/storage/files");
        assertThat(files.findValuesAsText("path")).containsExactly("/etc/modules-load.d/vfio-pci.conf", "/etc/modprobe.d/vfio.conf");
        String modprobe = java.net.URLDecoder.decode(files.get(1).at("/contents/source").asText().substring("data:,".length()),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(modprobe).contains("options vfio-pci ids=10de:1aef,10de:2206\n");
        var units = config.at("/spec/config/systemd/units");
        assertThat(units.findValuesAsText("name")).containsExactly("pulse-vfio-0000-0b-00.3.service", "pulse-vtconsole-unbind.service");
        assertThat(units.get(0).path("contents").asText()).contains("ConditionHost=ws", "/sys/bus/pci/devices/0000:0b:00.3/driver_override");
        assertThat(units.get(1).path("contents").asText()).as("systemd would expand a single $").contains("$$vt/bind");
    }

    @Test
    @DisplayName("with the GPU Operator, its VFIO manager binds the GPUs: no vfio-pci MachineConfig")
    void gpuOperatorBinds() {
        var objects = dev.pulse.render.TestFleets.objects(new HostConfigLayer(),
                "clusters: [{name: c, hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}]}]\n");
        assertThat(objects).doesNotContainKey("MachineConfig/100-g493-zb1-rtx6000ada-vfio-pci");
    }

    @Test
    @DisplayName("PerformanceProfile: the pool's CPU sets, and huge pages for the most any host needs plus unpinned VMs")
    void performanceProfile() {
        var objects = dev.pulse.render.TestFleets.objects(new HostConfigLayer(), """
                hardwareProfiles: [{name: box, cpu: {vendor: intel, reserved: "0-1", isolated: "2-63"}, gpus: [{model: l4, count: 4}]}]
                roles: [{name: big, gpus: 1, resources: {cpu: {cores: 8, dedicated: true}, memory: 16Gi, hugepages: 1Gi}}]
                clusters:
                  - name: c
                    hosts: [{name: a, profile: box}, {name: b, profile: box}]
                    vms:
                      - {name: v1, role: big, host: a}
                      - {name: v2, role: big, host: a}
                      - {name: v3, role: big, host: b}
                      - {name: v4, role: big}
                """);
        var profile = objects.get("PerformanceProfile/pulse-box");
        assertThat(profile.at("/spec/cpu/reserved").asText()).isEqualTo("0-1");
        assertThat(profile.at("/spec/cpu/isolated").asText()).isEqualTo("2-63");
        assertThat(profile.at("/spec/nodeSelector").toString()).as("NTO takes one label").isEqualTo("{\"pulse.dev/hardware-profile\":\"box\"}");
        assertThat(profile.at("/spec/machineConfigLabel/machineconfiguration.openshift.io~1role").asText()).isEqualTo("box");
        assertThat(profile.at("/spec/machineConfigPoolSelector/pools.operator.machineconfiguration.openshift.io~1box").asText()).isEmpty();
        assertThat(profile.at("/spec/hugepages/defaultHugepagesSize").asText()).isEqualTo("1G");
        assertThat(profile.at("/spec/hugepages/pages/0/size").asText()).isEqualTo("1G");
        assertThat(profile.at("/spec/hugepages/pages/0/count").asInt()).as("32 pinned on host a + 16 unpinned").isEqualTo(48);
    }

    @Test
    @DisplayName("PerformanceProfile: huge pages follow what VMs set over their role (memory, page size, none)")
    void performanceProfileFollowsVmOverrides() {
        var objects = dev.pulse.render.TestFleets.objects(new HostConfigLayer(), """
                hardwareProfiles: [{name: box, cpu: {vendor: intel, reserved: "0-1", isolated: "2-63"}, gpus: [{model: l4, count: 4}]}]
                roles: [{name: big, gpus: 1, resources: {cpu: {cores: 8, dedicated: true}, memory: 16Gi, hugepages: 1Gi}}]
                clusters:
                  - name: c
                    hosts: [{name: a, profile: box}]
                    vms:
                      - {name: v1, role: big, host: a, resources: {memory: 64Gi}}
                      - {name: v2, role: big, host: a, resources: {hugepages: 2Mi}}
                      - {name: v3, role: big, host: a, resources: {hugepages: none}}
                """);
        Map<String, Integer> pages = new java.util.TreeMap<>();
        objects.get("PerformanceProfile/pulse-box").at("/spec/hugepages/pages").forEach(p -> pages.put(p.path("size").asText(), p.path("count").asInt()));
        assertThat(pages).as("v1's own 64Gi in 1Gi pages, v2's 16Gi in 2Mi pages, none for v3").isEqualTo(Map.of("1G", 64, "2M", 8192));
    }
}
