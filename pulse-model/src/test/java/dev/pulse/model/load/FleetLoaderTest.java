package dev.pulse.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.model.Catalog;
import dev.pulse.model.CpuVendor;
import dev.pulse.model.Fleet;
import dev.pulse.model.GpuMode;
import dev.pulse.model.Topology;
import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.yaml.YamlLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("FleetLoader")
class FleetLoaderTest {

    /** A small catalog so these tests do not depend on the profiles module. */
    static final String CATALOG = """
            devices:
              - {name: l4, kind: gpu, pci: "10de:27b8", resourceName: nvidia.com/AD104GL_L4}
              - {name: cx6, kind: nic, pci: "15b3:101b", resourceName: cx6, maxVfsPerPort: 16}
            hardwareProfiles:
              - name: l4-box
                cpu: {vendor: intel, reserved: "0-1", isolated: "2-31"}
                gpus: [{model: l4, count: 2, mode: vm-passthrough}]
                nics: [{model: cx6, ports: 2, vfsPerPort: 8}]
            roles:
              - {name: infer, gpus: 1, resources: {cpu: {cores: 8, dedicated: true}, memory: 32Gi}}
              - {name: plain, resources: {memory: 4Gi}}
            """;

    private static Catalog catalog() {
        return FleetLoader.readCatalog(List.of(content("catalog.yaml", CATALOG)), YamlLimits.DEFAULT);
    }

    private static NamedContent content(String name, String text) {
        return new NamedContent(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static dev.pulse.model.resolve.Resolver.Resolution load(String fleet) {
        return new FleetLoader(catalog(), YamlLimits.DEFAULT).load(content("fleet.yaml", fleet), List.of());
    }

    private static List<String> problems(String fleet) {
        try {
            load(fleet);
        } catch (FleetException e) {
            return e.diagnostics().stream().map(d -> d.location().line() + ":" + d.location().column() + " " + d.id() + " " + d.message()
                    + (d.hint().isEmpty() ? "" : " | " + d.hint())).toList();
        }
        throw new AssertionError("expected problems, but the fleet loaded");
    }

    private static final String HEAD = """
            fleet: demo
            git: {repoURL: https://git.example.com/fleet.git, targetRevision: main, path: deploy}
            """;

    @Nested
    @DisplayName("a valid fleet")
    class Valid {
        @Test
        void bindsEveryField() {
            Fleet fleet = load(HEAD + """
                    argocd: {namespace: argocd, project: infra}
                    clusters:
                      - name: edge
                        topology: single-node
                        gpuOperator: false
                        storage: {backend: lvms, deviceClass: nvme, disks: [{host: node-1.example.com, paths: [/dev/sdb]}]}
                        operators: {virtualization: {channel: stable, manualApproval: true}}
                        hosts: [{name: node-1.example.com, profile: l4-box}]
                        vms:
                          - {name: vm-a, role: infer, host: node-1.example.com, disk: {import: {url: "https://x/a.qcow2"}, size: 20Gi}}
                          - {name: vm-b, role: infer}
                    """).fleet();
            assertThat(fleet.name()).isEqualTo("demo");
            assertThat(fleet.argocd().project()).isEqualTo("infra");
            var cluster = fleet.clusters().get(0);
            assertThat(cluster.topology()).isEqualTo(Topology.SINGLE_NODE);
            assertThat(cluster.gpuOperator()).isFalse();
            assertThat(cluster.operator("virtualization").orElseThrow().manualApproval()).isTrue();
            assertThat(cluster.hosts().get(0).profile().cpu()).isEqualTo(CpuVendor.INTEL);
            assertThat(cluster.hosts().get(0).profile().gpus().get(0).mode()).isEqualTo(GpuMode.VM_PASSTHROUGH);
            assertThat(cluster.vms().get(0).spec().disk().orElseThrow().importUrl()).contains("https://x/a.qcow2");
            assertThat(cluster.vms().get(0).source().of("role").line()).isEqualTo(12);
            assertThat(cluster.storage().storageClass()).isEqualTo("lvms-nvme");
            assertThat(cluster.storage().accessMode()).isEqualTo(dev.pulse.model.AccessMode.READ_WRITE_ONCE);
            assertThat(cluster.storage().backend().orElseThrow().disks().get(0).paths()).containsExactly("/dev/sdb");
        }

        @Test
        void repoEntriesOverrideBuiltinsByName() {
            Fleet fleet = load(HEAD + """
                    roles:
                      - {name: plain, resources: {memory: 16Gi}}
                    clusters:
                      - {name: c1, hosts: [{name: n1, profile: l4-box}], vms: [{name: v, role: plain}]}
                    """).fleet();
            assertThat(fleet.catalog().role("plain").orElseThrow().memory()).isEqualTo("16Gi");
            assertThat(fleet.catalog().role("infer")).isPresent();
        }

        @Test
        @DisplayName("issue 20: an override merges field by field onto the entry it overrides, and says what it changed")
        void overrideMergesFieldByField() {
            dev.pulse.model.resolve.Resolver.Resolution result = load(HEAD + """
                    roles:
                      - {name: infer, gpus: 2}
                    hardwareProfiles:
                      - {name: l4-box, cpu: {vendor: amd}, nics: ~}
                    clusters:
                      - {name: c1, hosts: [{name: n1, profile: l4-box}], vms: [{name: v, role: infer, host: n1}]}
                    """);
            var infer = result.fleet().catalog().role("infer").orElseThrow();
            assertThat(infer.gpus()).isEqualTo(2);
            assertThat(infer.cpuCores()).isEqualTo(8);
            assertThat(infer.dedicatedCpu()).isTrue();
            assertThat(infer.memory()).isEqualTo("32Gi");
            var profile = result.fleet().catalog().hardwareProfile("l4-box").orElseThrow();
            assertThat(profile.cpu()).isEqualTo(CpuVendor.AMD);
            assertThat(profile.isolatedCpus()).contains("2-31"); // nested mappings merge too
            assertThat(profile.nics()).isEmpty(); // '~' drops the inherited value
            assertThat(profile.gpus()).hasSize(1);
            assertThat(result.warnings()).filteredOn(Diagnostic::isNote).extracting(Diagnostic::format).containsExactly(
                    "fleet.yaml:4:5: note: role 'infer' overrides the one defined at catalog.yaml:10:5 field by field: gpus 1 → 2; keeps resources [PULSE-OVERRIDE]"
                            + System.lineSeparator() + "    hint: write only the fields that differ; 'field: ~' drops an inherited value",
                    "fleet.yaml:6:5: note: hardware profile 'l4-box' overrides the one defined at catalog.yaml:5:5 field by field: cpu.vendor intel → amd, "
                            + "nics dropped (was [{model: cx6, ports: 2, vfsPerPort: 8}]); keeps gpus [PULSE-OVERRIDE]"
                            + System.lineSeparator() + "    hint: write only the fields that differ; 'field: ~' drops an inherited value");
        }

        @Test
        @DisplayName("issue 20: overrides chain: profiles/*.yaml over the built-in, fleet.yaml over both")
        void overridesChain(@TempDir Path repo) throws IOException {
            Files.writeString(repo.resolve("fleet.yaml"), HEAD + """
                    roles: [{name: infer, resources: {memory: 64Gi}}]
                    clusters: [{name: c1, hosts: [{name: n1, profile: l4-box}]}]
                    """);
            Files.createDirectories(repo.resolve("profiles"));
            Files.writeString(repo.resolve("profiles/roles.yaml"), "roles: [{name: infer, gpus: 2}]\n");
            var infer = new FleetLoader(catalog(), YamlLimits.DEFAULT).load(repo.resolve("fleet.yaml")).fleet().catalog().role("infer").orElseThrow();
            assertThat(infer.gpus()).isEqualTo(2);
            assertThat(infer.memory()).isEqualTo("64Gi");
            assertThat(infer.cpuCores()).isEqualTo(8);
        }

        @Test
        void readsProfilesFolderBesideTheFleet(@TempDir Path repo) throws IOException {
            Files.writeString(repo.resolve("fleet.yaml"), HEAD + "clusters: [{name: c1, hosts: [{name: n1, profile: tiny}]}]\n");
            Files.createDirectories(repo.resolve("profiles"));
            Files.writeString(repo.resolve("profiles/tiny.yaml"), "hardwareProfiles: [{name: tiny, cpu: {vendor: amd}}]\n");
            Fleet fleet = new FleetLoader(catalog(), YamlLimits.DEFAULT).load(repo.resolve("fleet.yaml")).fleet();
            assertThat(fleet.clusters().get(0).hosts().get(0).profile().cpu()).isEqualTo(CpuVendor.AMD);
        }
    }

    @Nested
    @DisplayName("bad input: every problem at once, located, with a hint")
    class Invalid {
        @Test
        void unknownKeySuggestsTheKnownOne() {
            assertThat(problems(HEAD + "clusters: [{name: c1, hostz: []}]\n"))
                    .containsExactly("3:23 PULSE-UNKNOWN-KEY unknown key 'hostz' in cluster 'c1' | did you mean 'hosts'? known keys: "
                            + "access, gpuOperator, hosts, liveMigration, name, networks, operators, placement, platform, rhoso, server, storage, topology, vgpuManager, vmNamespace, vms, volumes");
        }

        @Test
        void wrongTypeNamesTheExpectedType() {
            assertThat(problems(HEAD + "roles: [{name: r, gpus: \"2\"}]\nclusters: [{name: c1}]\n"))
                    .containsExactly("3:25 PULSE-TYPE 'gpus' of role 'r' must be an integer, got a string '2' | write 'gpus' as an integer");
        }

        @Test
        void badChoiceSuggestsTheClosest() {
            assertThat(problems(HEAD + "clusters: [{name: c1, topology: single-nod}]\n"))
                    .containsExactly("3:33 PULSE-CHOICE 'topology' of cluster 'c1' is 'single-nod', which is not one of standard, compact, single-node, managed"
                            + " | did you mean 'single-node'?");
        }

        @Test
        void missingRequiredFieldsAreNamed() {
            assertThat(problems("clusters: [{name: c1}]\n")).containsExactly(
                    "1:1 PULSE-REQUIRED the fleet file has no 'fleet' | add 'fleet: ...' to it",
                    "1:1 PULSE-REQUIRED the fleet file has no 'git' settings | add 'git: {repoURL: https://..., targetRevision: main, path: deploy}': "
                            + "Argo CD needs to know where the rendered tree lives");
        }

        @Test
        void severalProblemsComeTogetherSortedByLocation() {
            List<String> problems = problems(HEAD + """
                    clusters:
                      - name: Studio
                        hosts:
                          - {name: gpu-01, profile: l4-bx}
                          - {name: gpu-01, profile: l4-box}
                        vms:
                          - {name: a, role: infer, host: gpu-02}
                          - {name: b, role: infr}
                    """);
            assertThat(problems).extracting(p -> p.substring(0, p.indexOf(' ', p.indexOf(' ') + 1))).containsExactly(
                    "4:11 PULSE-NAME", "6:33 PULSE-REF", "7:16 PULSE-DUPLICATE-NAME", "9:38 PULSE-REF", "10:25 PULSE-REF");
        }

        @Test
        void gpuDemandBeyondTheHostIsRefused() {
            assertThat(problems(HEAD + """
                    clusters:
                      - name: c1
                        hosts: [{name: n1, profile: l4-box}]
                        vms:
                          - {name: a, role: infer, host: n1}
                          - {name: b, role: infer, host: n1}
                          - {name: c, role: infer, host: n1}
                    """)).containsExactly("9:38 PULSE-GPU-CAPACITY vm 'c' asks for 1 GPU (role 'infer') but host 'n1' has 0 left"
                    + " | pin the VM to another host, give the role fewer GPUs, or add GPUs to the host's hardware profile");
        }

        @Test
        void unpinnedGpuDemandCountsAgainstWhatPinnedVmsLeave() {
            assertThat(problems(HEAD + """
                    clusters:
                      - name: c1
                        hosts: [{name: n1, profile: l4-box}]
                        vms:
                          - {name: a, role: infer}
                          - {name: b, role: infer, host: n1}
                          - {name: c, role: infer}
                    """)).containsExactly("9:25 PULSE-GPU-CAPACITY vm 'c' asks for 1 GPU (role 'infer') but cluster 'c1' has 0 left for VMs"
                    + " | add GPU hosts or give the role fewer GPUs");
        }

        @Test
        void singleNodeClusterHasOneHost() {
            assertThat(problems(HEAD + """
                    clusters:
                      - name: c1
                        topology: single-node
                        hosts: [{name: n1, profile: l4-box}, {name: n2, profile: l4-box}]
                    """)).singleElement().asString().startsWith("5:15 PULSE-TOPOLOGY cluster 'c1' is single-node but lists 2 hosts");
        }

        @Test
        void mixedGpuModesOnOneHostAreRefused() {
            assertThat(problems(HEAD + """
                    hardwareProfiles:
                      - name: mixed
                        cpu: {vendor: amd}
                        gpus: [{model: l4, count: 1, mode: vm-passthrough}, {model: l4, count: 1, mode: container}]
                    clusters: [{name: c1}]
                    """)).anyMatch(p -> p.startsWith("6:11 PULSE-GPU-MODE hardware profile 'mixed' mixes GPU modes container and vm-passthrough"));
        }

        @Test
        void malformedPciIdIsLocated() {
            assertThat(problems(HEAD + """
                    devices: [{name: odd, kind: gpu, pci: "10de-27b8", resourceName: x/y}]
                    clusters: [{name: c1}]
                    """)).singleElement().asString().startsWith("3:39 PULSE-PCI-ID 'pci' of device 'odd' is '10de-27b8', not a PCI vendor:device id");
        }

        @Test
        void warningsDoNotStopTheLoad() {
            List<Diagnostic> warnings = load(HEAD + "clusters: [{name: c1}]\n").warnings();
            assertThat(warnings).isEmpty();
        }

        @Test
        void unreadableFileIsADiagnosticNotAStackTrace(@TempDir Path dir) {
            assertThatThrownBy(() -> new FleetLoader(catalog(), YamlLimits.DEFAULT).load(dir.resolve("missing.yaml")))
                    .isInstanceOf(FleetException.class).hasMessageContaining("missing.yaml:1:1: error: cannot read");
        }
    }
}
