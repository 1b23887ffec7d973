package dev.pulse.render.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.diag.Severity;
import dev.pulse.render.TestFleets;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Impact: what a render does to running clusters")
class ImpactTest {

    private static final String FLEET = """
            clusters:
              - name: studio
                storage: {class: rbd, accessMode: ReadWriteMany}
                networks: [{name: cameras, type: sriov, nic: connectx-6}]
                hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}]
                vms:
                  - {name: optik-01, role: optik, host: gpu-01, guestVars: {cameraAddress: 10.0.0.1/24}}
                  - {name: control-01, role: control}
                  - {name: control-02, role: control}
            """;

    @TempDir
    Path out;

    private Impact impactOf(String before, String after) throws IOException {
        new TreeWriter(out).write(TestFleets.render(before).tree(), false);
        Rendering next = TestFleets.render(after);
        return Impact.between(PreviousRender.read(out), next);
    }

    @Test
    @DisplayName("the same model: no impact")
    void nothing() throws IOException {
        assertThat(impactOf(FLEET, FLEET).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a first render has no previous state to compare with")
    void firstRender() throws IOException {
        assertThat(Impact.between(PreviousRender.read(out), TestFleets.render(FLEET))).isEqualTo(Impact.NONE);
    }

    /** The studio with an Intel CPU (other IOMMU arguments: a MachineConfig change) and twice the VFs per port. */
    private static final String REBOOTING_CHANGE = FLEET + """
            hardwareProfiles:
              - name: g493-zb1-rtx6000ada
                cpu: {vendor: intel, reserved: "0-3,192-195", isolated: "4-191,196-383"}
                gpus: [{model: rtx-6000-ada, count: 8}]
                nics: [{model: connectx-6, cards: 2, ports: 2, vfsPerPort: 16, use: vm}]
            """;

    @Test
    @DisplayName("a MachineConfig change reboots the pool; a VF count change on ConnectX-6 reboots its hosts")
    void reboots() throws IOException {
        Impact impact = impactOf(FLEET, REBOOTING_CHANGE);
        assertThat(impact.reboots()).anyMatch(r -> r.startsWith("studio: every node of pool g493-zb1-rtx6000ada reboots (MachineConfig 100-g493-zb1-rtx6000ada-iommu changed)"));
        assertThat(impact.reboots()).anyMatch(r -> r.startsWith("studio: host gpu-01 reboots (SriovNetworkNodePolicy") && r.contains("VF count"));
    }

    /** 1-based line of the first line holding {@code text} in the fleet.yaml TestFleets loads for {@code yaml}. */
    private static int lineOf(String yaml, String text) {
        List<String> lines = (TestFleets.HEAD + yaml).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + text);
    }

    @Test
    @DisplayName("each reboot is a PULSE-REBOOT warning at the profile value of the host that reboots")
    void rebootDiagnostics() throws IOException {
        Impact impact = impactOf(FLEET, REBOOTING_CHANGE);
        List<Diagnostic> reboots = impact.diagnostics().stream().filter(d -> d.rule() == Rule.REBOOT).toList();
        assertThat(reboots).hasSize(impact.reboots().size()).isNotEmpty().allSatisfy(reboot -> {
            assertThat(reboot.severity()).isEqualTo(Severity.WARNING);
            assertThat(reboot.location().file()).isEqualTo("fleet.yaml");
            assertThat(reboot.location().line()).isEqualTo(lineOf(REBOOTING_CHANGE, "hosts: [{name: gpu-01"));
            assertThat(reboot.message()).startsWith("node reboot: studio: ");
        });
        assertThat(reboots.get(0).format()).contains(": warning: node reboot: studio: ").endsWith("[PULSE-REBOOT]" + System.lineSeparator()
                + "    hint: " + reboots.get(0).hint());
    }

    @Test
    @DisplayName("each deletion is a PULSE-DELETE warning at the retired VM, or at its cluster's vms once it left the model")
    void deleteDiagnostics() throws IOException {
        String withDisk = FLEET.replace("- {name: control-02, role: control}", "- {name: control-02, role: control, disk: {import: {url: \"https://x/2.qcow2\"}}}");
        String retiring = withDisk.replace("role: control, disk:", "role: control, retired: delete-disks, disk:");
        Impact first = impactOf(withDisk, retiring);
        assertThat(first.diagnostics()).hasSize(first.deletions().size()).allSatisfy(deletion -> {
            assertThat(deletion.rule()).isEqualTo(Rule.DELETE);
            assertThat(deletion.severity()).isEqualTo(Severity.WARNING);
            assertThat(deletion.location().line()).isEqualTo(lineOf(retiring, "name: control-02"));
            assertThat(deletion.message()).startsWith("deleted by the sync: ");
        });
        String gone = FLEET.replace("      - {name: control-02, role: control}\n", "");
        Impact second = impactOf(retiring, gone);
        assertThat(second.diagnostics()).singleElement().satisfies(deletion -> {
            assertThat(deletion.rule()).isEqualTo(Rule.DELETE);
            assertThat(deletion.message()).isEqualTo("deleted by the sync: studio: DataVolume control-02-rootdisk in demo and its data");
            assertThat(deletion.location()).isEqualTo(TestFleets.load(gone).cluster("studio").orElseThrow().source().of("vms"));
        });
    }

    @Test
    @DisplayName("a VM's new role restarts it; a removed VM is listed as deleted")
    void vms() throws IOException {
        String changed = FLEET.replace("- {name: control-01, role: control}", "- {name: control-01, role: control, runStrategy: Halted}")
                .replace("      - {name: control-02, role: control}\n", "");
        Impact impact = impactOf(FLEET, changed);
        assertThat(impact.vmRestarts()).isEmpty();
        assertThat(impact.deletions()).containsExactly("studio/control-02 (VirtualMachine only: its disks are DataVolumes of their own)");
        Impact resized = impactOf(FLEET, FLEET.replace("role: control}", "role: unreal-small}") + """
                roles: [{name: unreal-small, resources: {cpu: {cores: 8}, memory: 16Gi}}]
                """);
        assertThat(resized.vmRestarts()).containsExactly("studio/control-01 restarts to apply its new spec", "studio/control-02 restarts to apply its new spec");
    }

    @Test
    @DisplayName("issue 20: a VM removed from the model by mistake keeps its disk, and the impact says how to finish")
    void removedVmKeepsItsDisk() throws IOException {
        String withDisk = FLEET.replace("- {name: control-02, role: control}", "- {name: control-02, role: control, disk: {import: {url: \"https://x/2.qcow2\"}}}");
        Impact impact = impactOf(withDisk, FLEET.replace("      - {name: control-02, role: control}\n", ""));
        assertThat(impact.deletions()).containsExactly("studio/control-02 (VirtualMachine only: its disks are DataVolumes of their own)");
        assertThat(impact.keptDisks()).singleElement().asString().startsWith("studio: DataVolume control-02-rootdisk in demo is no longer rendered but stays")
                .contains("'retired: delete-disks'");
    }

    @Test
    @DisplayName("issue 20: disks are deleted only after 'retired: delete-disks', and listed first")
    void retiredDiskDeletion() throws IOException {
        String withDisk = FLEET.replace("- {name: control-02, role: control}", "- {name: control-02, role: control, disk: {import: {url: \"https://x/2.qcow2\"}}}");
        String retiring = withDisk.replace("role: control, disk:", "role: control, retired: delete-disks, disk:");
        Impact first = impactOf(withDisk, retiring);
        assertThat(first.deletions()).containsExactly(
                "studio: DataVolume control-02-rootdisk in demo loses its protection (retired: delete-disks): the sync after its vm leaves the model deletes it and its data",
                "studio/control-02 (VirtualMachine only: its disks are DataVolumes of their own)");
        Impact second = impactOf(retiring, FLEET.replace("      - {name: control-02, role: control}\n", ""));
        assertThat(second.deletions()).containsExactly("studio: DataVolume control-02-rootdisk in demo and its data");
        assertThat(second.keptDisks()).isEmpty();
    }

    @Test
    @DisplayName("issue 20: a render before this one had the disk as a template: the impact says how to drop the VM's ownership")
    void templateBecomesStandalone() throws IOException {
        String withDisk = FLEET.replace("- {name: control-02, role: control}", "- {name: control-02, role: control, disk: {import: {url: \"https://x/2.qcow2\"}}}");
        dev.pulse.render.tree.Tree rendered = TestFleets.render(withDisk).tree();
        String vmFile = "base/workloads/virtualmachine-control-02.yaml";
        dev.pulse.render.tree.Tree old = new dev.pulse.render.tree.Tree();
        rendered.files().forEach((path, bytes) -> {
            if (!path.equals(vmFile)) {
                old.put(path, bytes);
            }
        });
        String vm = new String(rendered.files().get(vmFile), java.nio.charset.StandardCharsets.UTF_8);
        old.put(vmFile, vm.replace("  runStrategy: Always\n", "  runStrategy: Always\n  dataVolumeTemplates:\n    - metadata:\n        name: control-02-rootdisk\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        new TreeWriter(out).write(old, false);
        Impact impact = Impact.between(PreviousRender.read(out), TestFleets.render(withDisk));
        assertThat(impact.vmRestarts()).as("the VM's template is unchanged").isEmpty();
        assertThat(impact.keptDisks()).singleElement().asString().contains("DataVolume control-02-rootdisk in demo becomes a DataVolume of its own")
                .contains("oc -n demo patch datavolume control-02-rootdisk --type=json -p '[{\"op\":\"remove\",\"path\":\"/metadata/ownerReferences\"}]'");
    }

    @Test
    @DisplayName("issue 20: a disk whose source changes is not silently re-imported: the impact says what CDI does and how to re-import")
    void diskSourceChanged() throws IOException {
        String withDisk = FLEET.replace("- {name: control-02, role: control}", "- {name: control-02, role: control, disk: {import: {url: \"https://x/2.qcow2\"}}}");
        Impact impact = impactOf(withDisk, withDisk.replace("https://x/2.qcow2", "https://x/3.qcow2"));
        assertThat(impact.keptDisks()).singleElement().asString().startsWith("studio: DataVolume control-02-rootdisk in demo changed its source or size");
        assertThat(impact.deletions()).isEmpty();
    }

    @Test
    @DisplayName("RHOSO: new vfio-pci ids reboot the NodeSet's EDPM nodes, and the finished Deployment is replaced")
    void edpmReboot() throws IOException {
        String before = """
                hardwareProfiles: [{name: gpu, cpu: {vendor: intel}, gpus: [{model: l4, count: 1}]}]
                clusters:
                  - name: os
                    platform: rhoso
                    storage: {class: lvms-vg1}
                    rhoso:
                      networks: [{name: ctlplane, cidr: 10.0.0.0/24, dnsDomain: c.example.com, allocationStart: 10.0.0.10, allocationEnd: 10.0.0.99}]
                    hosts: [{name: cmp-0, profile: gpu, ctlplaneIP: 10.0.0.5}]
                """;
        Impact impact = impactOf(before, before.replace("model: l4", "model: rtx-3080"));
        assertThat(impact.reboots()).containsExactly("os: the EDPM nodes of NodeSet gpu reboot when the next data plane Deployment runs (kernel arguments changed)");
        assertThat(impact.deletions()).anyMatch(line -> line.startsWith("os: OpenStackDataPlaneDeployment edpm-"));
    }
}
