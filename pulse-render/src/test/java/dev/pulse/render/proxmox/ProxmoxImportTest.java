package dev.pulse.render.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.model.Catalog;
import dev.pulse.model.diag.FleetException;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.Pulse;
import dev.pulse.render.tree.Rendering;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Proxmox import")
class ProxmoxImportTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static Path data(String folder) throws URISyntaxException {
        return Path.of(ProxmoxImportTest.class.getResource("/proxmox/" + folder).toURI());
    }

    private static Path example(String name) {
        return Path.of(System.getProperty("pulse.examples")).resolve(name);
    }

    private static ProxmoxImport.Result studio() throws Exception {
        return new ProxmoxImport(BuiltinProfiles.catalog()).importFolder(data("studio"), Optional.of(data("studio").resolve("lspci.txt")),
                new ProxmoxImport.Settings("studio", "gpu-01", "https://export.example.com/proxmox/{vmid}/disk-{n}.qcow2", Map.of()));
    }

    @Test
    @DisplayName("the seed-000 studio configs render to the same VirtualMachines as the hand-written pulse-studio example")
    void studioMatchesTheHandWrittenExample(@TempDir Path repo) throws Exception {
        ProxmoxImport.Result result = studio();
        ObjectNode fleet = (ObjectNode) YAML.readTree(example("pulse-studio").resolve("fleet.yaml").toFile());
        ObjectNode cluster = (ObjectNode) fleet.path("clusters").get(0);
        JsonNode imported = YAML.readTree(result.fragment()).path("clusters").get(0);
        assertThat(imported.path("hosts")).isEqualTo(cluster.path("hosts"));
        // The one thing Proxmox cannot know: each optik VM's camera address (the report says so).
        Map<String, JsonNode> guestVars = new TreeMap<>();
        cluster.path("vms").forEach(vm -> guestVars.put(vm.path("name").asText(), vm.path("guestVars")));
        ArrayNode vms = (ArrayNode) imported.path("vms").deepCopy();
        vms.forEach(vm -> {
            if (!guestVars.get(vm.path("name").asText()).isMissingNode()) {
                ((ObjectNode) vm).set("guestVars", guestVars.get(vm.path("name").asText()));
            }
        });
        JsonNode handWritten = cluster.path("vms").deepCopy();
        cluster.set("vms", vms);
        Files.writeString(repo.resolve("fleet.yaml"), YAML.writeValueAsString(fleet));

        Map<String, JsonNode> fromProxmox = virtualMachines(new Pulse().render(repo.resolve("fleet.yaml")));
        Map<String, JsonNode> expected = virtualMachines(new Pulse().render(example("pulse-studio").resolve("fleet.yaml")));
        assertThat(fromProxmox.keySet()).containsExactly("control-01", "inference-01", "optik-01", "optik-02", "unreal-01");
        assertThat(fromProxmox).isEqualTo(expected);
        for (int i = 0; i < handWritten.size(); i++) {
            JsonNode written = handWritten.get(i);
            JsonNode vm = vms.get(i);
            assertThat(vm.path("name")).isEqualTo(written.path("name"));
            assertThat(vm.path("role")).isEqualTo(written.path("role"));
            assertThat(vm.path("host")).isEqualTo(written.path("host"));
            assertThat(vm.at("/disk/import/url")).isEqualTo(written.at("/disk/import/url"));
        }
    }

    private static Map<String, JsonNode> virtualMachines(Rendering rendering) {
        Map<String, JsonNode> vms = new TreeMap<>();
        rendering.layers().stream().flatMap(l -> l.objects().stream()).filter(o -> o.path("kind").asText().equals("VirtualMachine"))
                .forEach(vm -> vms.put(vm.at("/metadata/name").asText(), vm));
        return vms;
    }

    @Test
    @DisplayName("the report lists what did not map: snapshots, extra disks, CD-ROMs, USB, the camera address to fill in")
    void studioReport() throws Exception {
        ProxmoxImport.Result result = studio();
        assertThat(result.report()).contains(
                "hardware profile: g493-zb1-rtx6000ada matches the host's GPUs {rtx-6000-ada=8} and NIC ports {connectx-6=4}",
                "VM 102 (optik-02): snapshots before-ptp-upgrade are not imported (export the current disk state)",
                "VM 104 (inference-01): scsi1 is not imported (Pulse gives a VM one root disk): ZFS-Data:vm-104-disk-2,iothread=1,size=2T",
                "VM 105 (control-01): ide2 is a CD-ROM, not imported",
                "VM 105 (control-01): usb0 is not mapped (unknown to Pulse): host=046d:c52b",
                "VM 101 (optik-01): net0 (vmbr0) becomes the pod network (masquerade)");
        assertThat(result.report()).noneMatch(line -> line.contains("passes") || line.contains("NOT IMPORTED"));
    }

    @Test
    @DisplayName("a seed-001 desktop: GPU with its audio, USB controller by address, display GPU; the role comes from the mapping")
    void workstation() throws Exception {
        Catalog catalog = new Pulse().validate(example("sno-workstation").resolve("fleet.yaml")).fleet().catalog();
        ProxmoxImport.Result result = new ProxmoxImport(catalog).importFolder(data("workstation"), Optional.of(data("workstation").resolve("lspci.txt")),
                new ProxmoxImport.Settings("workstation", "workstation", "https://nas.example.com/{disk}.raw", Map.of(200, "desktop")));
        assertThat(result.vms()).singleElement().satisfies(vm -> {
            assertThat(vm).containsEntry("name", "fedora35").containsEntry("role", "desktop").containsEntry("host", "workstation");
            assertThat(vm.get("disk")).isEqualTo(Map.of("import", Map.of("url", "https://nas.example.com/vm-200-disk-0.raw"), "size", "100Gi"));
        });
        assertThat(result.report()).contains(
                "VM 200: name 'Fedora35' is not a DNS-1123 label; imported as 'fedora35'",
                "VM 200 (fedora35): args is not mapped (unknown to Pulse): -cpu host,kvm=off,hv_vendor_id=proxmox",
                "hardware profile: ryzen-3950x-rtx3080 matches the host's GPUs {rtx-3080=1} and NIC ports {}");
        assertThat(result.report()).noneMatch(line -> line.contains("passes") || line.contains("role desktop"));
    }

    @Test
    @DisplayName("a VM without a role is not imported, and the report says how to map it")
    void unknownRole() throws Exception {
        ProxmoxImport.Result result = new ProxmoxImport(BuiltinProfiles.catalog()).importFolder(data("workstation"), Optional.empty(),
                new ProxmoxImport.Settings("w", "w", "https://x/{disk}", Map.of()));
        assertThat(result.vms()).isEmpty();
        assertThat(result.report()).anyMatch(line -> line.startsWith("VM 200 (fedora35): NOT IMPORTED - no role matches its name"));
        assertThat(result.report()).contains("hardware profile: no lspci capture, so none was guessed; add the host under 'hosts:' with its profile");
    }

    @Test
    @DisplayName("malformed configs and captures fail with file:line errors, all at once")
    void malformed() {
        assertThatThrownBy(() -> new ProxmoxImport(BuiltinProfiles.catalog()).importFolder(data("bad"), Optional.of(data("bad").resolve("lspci.txt")),
                new ProxmoxImport.Settings("c", "h", "https://x/{disk}", Map.of())))
                .isInstanceOf(FleetException.class)
                .hasMessageContaining("300.conf:2:1: error: not a 'key: value' line: cores 4 [PULSE-PROXMOX-SYNTAX]")
                .hasMessageContaining("301.conf:2:1: error: key 'name' is set twice")
                .hasMessageContaining("notes.conf:1:1: error: file name is not <vmid>.conf")
                .hasMessageContaining("lspci.txt:1:1: error: not an 'lspci -nn' line")
                .hasMessageContaining("4 errors");
    }

    @Test
    void sizesAreBinary() {
        assertThat(ProxmoxImport.quantity("200G")).isEqualTo("200Gi");
        assertThat(ProxmoxImport.quantity("512M")).isEqualTo("512Mi");
        assertThat(ProxmoxImport.quantity("2T")).isEqualTo("2Ti");
    }

}
