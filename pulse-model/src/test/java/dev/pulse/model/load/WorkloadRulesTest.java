package dev.pulse.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.model.Catalog;
import dev.pulse.model.GuestTemplate;
import dev.pulse.model.diag.FleetException;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.yaml.YamlLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rules on VMs as workloads; each with a bad and a good case. */
@DisplayName("workload rules")
class WorkloadRulesTest {

    private static final String BASE = """
            fleet: demo
            git: {repoURL: https://git.example.com/fleet.git}
            devices:
              - {name: l4, kind: gpu, pci: "10de:27b8", resourceName: nvidia.com/AD104GL_L4}
              - {name: t4, kind: gpu, pci: "10de:1eb8", resourceName: nvidia.com/TU104GL_Tesla_T4}
              - {name: xhci, kind: pci, pci: "1022:149c", resourceName: amd.com/XHCI}
            hardwareProfiles:
              - {name: l4-box, cpu: {vendor: amd}, gpus: [{model: l4, count: 2}]}
              - {name: t4-box, cpu: {vendor: amd}, gpus: [{model: t4, count: 2}]}
              - {name: plain, cpu: {vendor: amd}}
            """;

    private static List<String> ids(String yaml) {
        Catalog catalog = Catalog.EMPTY.withTemplates(List.of(new GuestTemplate("agent", "packages: [qemu-guest-agent]\n", "builtin:agent")));
        try {
            return new FleetLoader(catalog, YamlLimits.DEFAULT)
                    .load(new NamedContent("fleet.yaml", (BASE + yaml).getBytes(StandardCharsets.UTF_8)), List.of()).warnings().stream()
                    .map(d -> d.id() + "@" + d.location().line()).toList();
        } catch (FleetException e) {
            return e.diagnostics().stream().map(d -> d.id() + "@" + d.location().line()).toList();
        }
    }

    @Test
    void liveMigrateIsRefusedForVmsThatCannotMove() {
        String yaml = """
                roles: [{name: g, gpus: %s, evictionStrategy: LiveMigrate}]
                clusters:
                  - name: c
                    storage: {class: rbd, accessMode: %s}
                    hosts: [{name: h, profile: l4-box}, {name: h2, profile: l4-box}]
                    vms: [{name: v, role: g, host: h, disk: {import: {url: "https://x/a.qcow2"}}}]
                """;
        assertThat(ids(yaml.formatted(0, "ReadWriteMany"))).isEmpty();
        assertThat(ids(yaml.formatted(1, "ReadWriteMany"))).containsExactly("PULSE-EVICTION@16");
        assertThat(ids(yaml.formatted(0, "ReadWriteOnce"))).containsExactly("PULSE-EVICTION@16");
    }

    @Test
    void liveMigrateIsRefusedWhereThereIsNoOtherHost() {
        // one host: the migration never finds a target and blocks every drain of that node
        assertThat(ids("""
                roles: [{name: g, evictionStrategy: LiveMigrate}]
                clusters:
                  - name: c
                    storage: {class: rbd, accessMode: ReadWriteMany}
                    hosts: [{name: h, profile: l4-box}]
                    vms: [{name: v, role: g, disk: {import: {url: "https://x/a.qcow2"}}}]
                """)).containsExactly("PULSE-EVICTION@16");
    }

    @Test
    void diskHasExactlyOneWellFormedSource() {
        String yaml = """
                roles: [{name: r}]
                clusters: [{name: c, vms: [{name: v, role: r, disk: %s}]}]
                """;
        assertThat(ids(yaml.formatted("{import: {url: \"https://x/a.qcow2\"}}"))).isEmpty();
        assertThat(ids(yaml.formatted("{import: {registry: \"docker://quay.io/x/y:1\"}}"))).isEmpty();
        assertThat(ids(yaml.formatted("{import: {pvc: golden/rhel9}}"))).isEmpty();
        assertThat(ids(yaml.formatted("{import: {url: \"ftp://x/a.qcow2\"}}"))).containsExactly("PULSE-DISK@12");
        assertThat(ids(yaml.formatted("{import: {registry: \"quay.io/x/y:1\"}}"))).containsExactly("PULSE-DISK@12");
        assertThat(ids(yaml.formatted("{import: {pvc: rhel9}}"))).containsExactly("PULSE-DISK@12");
        assertThat(ids(yaml.formatted("{size: 10Gi}"))).containsExactly("PULSE-DISK@12");
        assertThat(ids(yaml.formatted("{claim: a, import: {url: \"https://x/a\"}}"))).containsExactly("PULSE-DISK@12");
        assertThat(ids(yaml.formatted("{claim: a, size: ten}"))).containsExactly("PULSE-QUANTITY@12");
    }

    @Test
    void localVolumeStaysOnItsHostAndServesOneVm() {
        String yaml = """
                roles: [{name: r}]
                clusters:
                  - name: c
                    hosts: [{name: a, profile: plain}, {name: b, profile: plain}]
                    volumes: [{name: lv, host: a, path: %s, size: 10Gi}]
                    vms: [{name: v1, role: r, host: %s, disk: {claim: lv}}%s]
                """;
        assertThat(ids(yaml.formatted("/dev/vg/lv", "a", ""))).isEmpty();
        assertThat(ids(yaml.formatted("/dev/vg/lv", "b", ""))).containsExactly("PULSE-DISK@16");
        assertThat(ids(yaml.formatted("/home/lv", "a", ""))).containsExactly("PULSE-DISK@15");
        assertThat(ids(yaml.formatted("/dev/vg/lv", "a", ", {name: v2, role: r, disk: {claim: lv}}"))).containsExactly("PULSE-DISK@16");
    }

    @Test
    void pciDevicesNeedAPinnedVmOnAHostThatHasThem() {
        String yaml = """
                roles: [{name: r, pci: [xhci]}]
                clusters:
                  - name: c
                    hosts: [{name: a, profile: plain, pci: [{model: xhci, address: "0000:0b:00.3"}]}, {name: b, profile: plain}]
                    vms: [{name: v, role: r%s}]
                """;
        assertThat(ids(yaml.formatted(", host: a"))).isEmpty();
        assertThat(ids(yaml.formatted(", host: b"))).containsExactly("PULSE-PCI-ADDRESS@15");
        assertThat(ids(yaml.formatted(""))).containsExactly("PULSE-PCI-ADDRESS@15");
    }

    @Test
    void guestTemplatesMustExist() {
        String yaml = """
                roles: [{name: r, guest: [%s]}]
                clusters: [{name: c, vms: [{name: v, role: r}]}]
                """;
        assertThat(ids(yaml.formatted("agent"))).isEmpty();
        assertThat(ids(yaml.formatted("agnet"))).containsExactly("PULSE-REF@11");
    }

    @Test
    void guestVarsMustNotCarrySecrets() {
        String yaml = """
                roles: [{name: r, guestVars: {%s: x}}]
                clusters: [{name: c, vms: [{name: v, role: r, guestVars: {rootPassword: hunter2}}]}]
                """;
        assertThat(ids(yaml.formatted("cameraAddress"))).containsExactly("PULSE-SECRET@12");
        assertThat(ids(yaml.formatted("apiToken"))).contains("PULSE-SECRET@11", "PULSE-SECRET@12");
    }

    @Test
    void unpinnedGpuVmNeedsOneGpuKindInTheCluster() {
        String yaml = """
                roles: [{name: g, gpus: 1}]
                clusters:
                  - name: c
                    hosts: [{name: a, profile: l4-box}%s]
                    vms: [{name: v, role: g}]
                """;
        assertThat(ids(yaml.formatted(""))).isEmpty();
        assertThat(ids(yaml.formatted(", {name: b, profile: t4-box}"))).containsExactly("PULSE-GPU-MODEL@15");
    }
}
