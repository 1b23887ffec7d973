package dev.pulse.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules on networks, host PCI devices, CPU sets, vGPU and quantities: each has a bad and a good case. */
@DisplayName("cluster-layer rules")
class ClusterRulesTest {

    private static final String BASE = """
            fleet: demo
            git: {repoURL: https://git.example.com/fleet.git}
            devices:
              - {name: l4, kind: gpu, pci: "10de:27b8", resourceName: nvidia.com/AD104GL_L4, vgpuProfiles: [L4-24Q]}
              - {name: cx6, kind: nic, pci: "15b3:101b", resourceName: cx6, maxVfsPerPort: 16}
              - {name: xhci, kind: pci, pci: "1022:149c", resourceName: amd.com/XHCI}
            """;

    private static List<Diagnostic> diagnostics(String yaml) {
        try {
            return new FleetLoader(dev.pulse.model.Catalog.EMPTY, YamlLimits.DEFAULT)
                    .load(new NamedContent("fleet.yaml", (BASE + yaml).getBytes(StandardCharsets.UTF_8)), List.of()).warnings();
        } catch (FleetException e) {
            return e.diagnostics();
        }
    }

    private static List<String> ids(String yaml) {
        return diagnostics(yaml).stream().map(d -> d.id() + "@" + d.location().line()).toList();
    }

    @Test
    void sriovNetworkNeedsAVmNicOnSomeHost() {
        String profile = """
                hardwareProfiles: [{name: p, cpu: {vendor: amd}, nics: [{model: cx6, vfsPerPort: 4, use: %s}]}]
                roles: [{name: r, sriov: [{network: cams}]}]
                clusters:
                  - name: c
                    hosts: [{name: h, profile: p}]
                    networks: [{name: cams, type: sriov, nic: cx6}]
                    vms: [{name: v, role: r}]
                """;
        assertThat(ids(profile.formatted("vm"))).isEmpty();
        assertThat(ids(profile.formatted("pod"))).containsExactly("PULSE-NETWORK@12");
    }

    @Test
    void roleNetworksMustExistInTheVmsCluster() {
        assertThat(ids("""
                roles: [{name: r, sriov: [{network: cams}]}]
                hardwareProfiles: [{name: p, cpu: {vendor: amd}}]
                clusters: [{name: c, hosts: [{name: h, profile: p}], vms: [{name: v, role: r}]}]
                """)).containsExactly("PULSE-REF@9");
    }

    @Test
    void bridgeNetworkNeedsAHostBridge() {
        String yaml = """
                hardwareProfiles:
                  - name: p
                    cpu: {vendor: amd}
                    hostNetworks: [{name: bond1, type: bond, ports: [eno1, eno2]}, {name: %s, type: linux-bridge, ports: [bond1]}]
                clusters: [{name: c, hosts: [{name: h, profile: p}], networks: [{name: lan, type: bridge, bridge: br1}]}]
                """;
        assertThat(ids(yaml.formatted("br1"))).isEmpty();
        assertThat(ids(yaml.formatted("br2"))).containsExactly("PULSE-NETWORK@11");
    }

    @Test
    void hostPciNeedsAPciDeviceAndAFullAddress() {
        String yaml = """
                hardwareProfiles: [{name: p, cpu: {vendor: amd}}]
                clusters: [{name: c, hosts: [{name: h, profile: p, pci: [{model: %s, address: "%s"}]}]}]
                """;
        assertThat(ids(yaml.formatted("xhci", "0000:0b:00.3"))).isEmpty();
        assertThat(ids(yaml.formatted("xhci", "0b:00.3"))).containsExactly("PULSE-PCI-ADDRESS@8");
        assertThat(ids(yaml.formatted("l4", "0000:0b:00.3"))).containsExactly("PULSE-REF@8");
    }

    @Test
    void dedicatedCpusNeedCpuSetsOnEveryHost() {
        String yaml = """
                hardwareProfiles: [{name: p, cpu: {vendor: amd%s}}]
                roles: [{name: r, resources: {cpu: {cores: 2, dedicated: true}, memory: 4Gi}}]
                clusters: [{name: c, hosts: [{name: h, profile: p}], vms: [{name: v, role: r}]}]
                """;
        assertThat(ids(yaml.formatted(", reserved: \"0-1\", isolated: \"2-7\""))).isEmpty();
        assertThat(ids(yaml.formatted(""))).containsExactly("PULSE-CPU-SETS@9");
        assertThat(ids(yaml.formatted(", reserved: \"0-1\""))).contains("PULSE-CPU-SETS@7");
        assertThat(ids(yaml.formatted(", reserved: \"zero\", isolated: \"2-7\""))).contains("PULSE-CPU-SETS@7");
    }

    @Test
    void vgpuProfileMustBeOneTheBoardSupports() {
        String yaml = """
                hardwareProfiles: [{name: p, cpu: {vendor: amd}, gpus: [{model: l4, count: 1, mode: vm-vgpu%s}]}]
                clusters: [{name: c}]
                """;
        assertThat(ids(yaml.formatted(", vgpuProfile: L4-24Q"))).isEmpty();
        assertThat(ids(yaml.formatted(", vgpuProfile: L4-48Q"))).containsExactly("PULSE-VGPU@7");
        assertThat(ids(yaml.formatted(""))).containsExactly("PULSE-VGPU@7");
    }

    @Test
    void memoryAndHugePagesAreRealQuantities() {
        String yaml = """
                roles: [{name: r, resources: {memory: %s%s}}]
                clusters: [{name: c}]
                """;
        assertThat(ids(yaml.formatted("8Gi", ", hugepages: 1Gi"))).isEmpty();
        assertThat(ids(yaml.formatted("8 gigs", ""))).containsExactly("PULSE-QUANTITY@7");
        assertThat(ids(yaml.formatted("8Gi", ", hugepages: 4Mi"))).containsExactly("PULSE-QUANTITY@7");
        assertThat(ids(yaml.formatted("1536Mi", ", hugepages: 1Gi"))).containsExactly("PULSE-QUANTITY@7");
    }

    @Test
    void switchdevForVmVfsIsAWarning() {
        List<Diagnostic> diagnostics = diagnostics("""
                hardwareProfiles: [{name: p, cpu: {vendor: amd}, nics: [{model: cx6, vfsPerPort: 4, eswitch: switchdev}]}]
                clusters: [{name: c}]
                """);
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("PULSE-ESWITCH");
            assertThat(d.isError()).isFalse();
        });
    }

    @Test
    void vmNamespaceIsNotAPlatformNamespace() {
        assertThat(ids("clusters: [{name: c, vmNamespace: openshift-cnv}]\n")).containsExactly("PULSE-NAME@7");
        assertThat(ids("clusters: [{name: c, vmNamespace: studio-vms}]\n")).isEmpty();
    }
}
