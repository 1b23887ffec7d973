package dev.pulse.importer.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.model.Catalog;
import dev.pulse.model.diag.FleetException;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.Pulse;
import dev.pulse.render.tree.Rendering;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Proxmox import")
class ProxmoxImportTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    static Path data(String folder) throws URISyntaxException {
        return Path.of(ProxmoxImportTest.class.getResource("/proxmox/" + folder).toURI());
    }

    private static Path example(String name) {
        return Path.of(System.getProperty("pulse.examples")).resolve(name);
    }

    /** The lab host (GPU VM with VF, USB and snapshot; plain VM on LVM; two-GPU VM; Windows 11 with TPM and EFI) without a roles file. */
    static ProxmoxImport.Result lab(Map<Integer, String> roles, int hostCpus) throws Exception {
        return new ProxmoxImport(BuiltinProfiles.catalog()).importFolder(data("lab"), Optional.of(data("lab").resolve("lspci.txt")),
                new ProxmoxImport.Settings("lab", "lab-01", "https://export.example.com/proxmox/{vmid}/disk-{n}.qcow2", roles,
                        Optional.of("https://export.example.com/iso/{iso}"), Optional.of("export-ca"), Optional.of("export-auth"), hostCpus));
    }

    /** The fragment as it is, under a fleet.yaml head: what a user gets by pasting it into a new fleet.yaml. */
    static Path merged(ProxmoxImport.Result result, Path repo) throws Exception {
        Path fleet = repo.resolve("fleet.yaml");
        Files.writeString(fleet, "fleet: lab\ngit: {repoURL: https://git.example.com/lab.git}\n" + result.fragment());
        return fleet;
    }

    static Map<String, JsonNode> virtualMachines(Rendering rendering) {
        return objects(rendering, "VirtualMachine");
    }

    static Map<String, JsonNode> objects(Rendering rendering, String kind) {
        Map<String, JsonNode> objects = new TreeMap<>();
        rendering.layers().stream().flatMap(l -> l.objects().stream()).filter(o -> o.path("kind").asText().equals(kind))
                .forEach(object -> objects.put(object.at("/metadata/name").asText(), object));
        return objects;
    }

    /** The VM's entry in the fragment, as fleet.yaml holds it. */
    private static JsonNode vmEntry(ProxmoxImport.Result result, String name) throws Exception {
        for (JsonNode vm : YAML.readTree(result.fragment()).at("/clusters/0/vms")) {
            if (vm.path("name").asText().equals(name)) {
                return vm;
            }
        }
        throw new AssertionError("no VM " + name + " in the fragment");
    }

    @Nested
    @DisplayName("a lab host, no roles file")
    class Lab {

        @Test
        @DisplayName("the fragment merges into fleet.yaml without edits, validates and renders every VM")
        void mergesValidatesAndRenders(@TempDir Path repo) throws Exception {
            Path fleet = merged(lab(Map.of(), 0), repo);
            assertThat(new Pulse().validate(fleet).warnings()).isEmpty();
            Rendering rendering = new Pulse().render(fleet);
            assertThat(virtualMachines(rendering).keySet()).containsExactly("lab-control-02", "lab-desk-04", "lab-inference-03", "lab-optik-07");
            JsonNode hco = rendering.layers().stream().flatMap(l -> l.objects().stream()).filter(o -> o.path("kind").asText().equals("HyperConverged"))
                    .findFirst().orElseThrow();
            assertThat(hco.at("/spec/permittedHostDevices/usbHostDevices/0/resourceName").asText()).isEqualTo("pulse.dev/usb-046d-c52b");
            assertThat(hco.at("/spec/permittedHostDevices/usbHostDevices/0/selectors/0/vendor").asText()).isEqualTo("046d");
        }

        @Test
        @DisplayName("the fragment says exactly what the importer built: the merged fleet's VMs and networks are the result's")
        void fragmentHoldsTheBuiltVms(@TempDir Path repo) throws Exception {
            ProxmoxImport.Result result = lab(Map.of(), 128);
            dev.pulse.model.Cluster loaded = new Pulse().validate(merged(result, repo)).fleet().spec().clusters().get(0);
            assertThat(loaded.vms()).usingRecursiveComparison().ignoringFieldsOfTypes(dev.pulse.model.Source.class).isEqualTo(result.vms());
            assertThat(loaded.vms()).hasSize(4);
        }

        @Test
        @DisplayName("roles: a role name anywhere in the VM name; none fits the Windows desktop, so it gets the generated role")
        void roles() throws Exception {
            ProxmoxImport.Result result = lab(Map.of(), 0);
            assertThat(vmEntry(result, "lab-optik-07").path("role").asText()).isEqualTo("optik");
            assertThat(vmEntry(result, "lab-control-02").path("role").asText()).isEqualTo("control");
            assertThat(vmEntry(result, "lab-inference-03").path("role").asText()).isEqualTo("inference");
            assertThat(vmEntry(result, "lab-desk-04").path("role").asText()).isEqualTo(ProxmoxImport.GENERATED_ROLE);
            assertThat(YAML.readTree(result.fragment()).at("/roles/0/name").asText()).isEqualTo(ProxmoxImport.GENERATED_ROLE);
            assertThat(result.report()).contains("VM 701 (lab-optik-07): role optik: its name is a token of the VM name",
                    "VM 704 (lab-desk-04): role imported (no role name in the VM name)");
        }

        @Test
        @DisplayName("a roles file still overrides the match")
        void rolesFileOverrides() throws Exception {
            ProxmoxImport.Result result = lab(Map.of(704, "control"), 0);
            assertThat(vmEntry(result, "lab-desk-04").path("role").asText()).isEqualTo("control");
            assertThat(YAML.readTree(result.fragment()).has("roles")).isFalse();
        }

        @Test
        @DisplayName("the rendered VMs keep cores × sockets, memory, huge pages, GPUs, disks, MACs, firmware UUID and EFI state")
        void renderedVmsKeepTheirShapeAndIdentity(@TempDir Path repo) throws Exception {
            Rendering rendering = new Pulse().render(merged(lab(Map.of(), 0), repo));
            Map<String, JsonNode> vms = virtualMachines(rendering);
            Map<String, JsonNode> dataVolumes = objects(rendering, "DataVolume");
            JsonNode inference = vms.get("lab-inference-03");
            JsonNode domain = inference.at("/spec/template/spec/domain");
            assertThat(domain.at("/cpu/cores").asInt()).isEqualTo(32);
            assertThat(domain.at("/cpu/sockets").asInt()).isEqualTo(2);
            assertThat(domain.at("/cpu/model").asText()).isEqualTo("host-passthrough");
            assertThat(domain.at("/cpu/numa/guestMappingPassthrough").isObject()).isTrue();
            assertThat(domain.at("/memory/guest").asText()).isEqualTo("256Gi");
            assertThat(domain.at("/memory/hugepages/pageSize").asText()).isEqualTo("1Gi");
            assertThat(domain.at("/devices/gpus").size()).isEqualTo(2);
            assertThat(domain.at("/devices/disks").findValuesAsText("name")).containsExactly("scsi0", "scsi1");
            assertThat(domain.at("/devices/disks/1/disk/bus").asText()).isEqualTo("scsi");
            assertThat(inference.at("/spec/template/spec/volumes").findValuesAsText("name")).contains("lab-inference-03-scsi0", "lab-inference-03-scsi1");
            JsonNode data = dataVolumes.get("lab-inference-03-scsi1");
            assertThat(data.at("/spec/storage/resources/requests/storage").asText()).isEqualTo("2Ti");
            assertThat(data.at("/spec/source/http/url").asText()).isEqualTo("https://export.example.com/proxmox/703/disk-1.qcow2");
            assertThat(data.at("/spec/source/http/certConfigMap").asText()).isEqualTo("export-ca");
            assertThat(data.at("/spec/source/http/secretRef").asText()).isEqualTo("export-auth");
            assertThat(domain.at("/firmware/uuid").asText()).isEqualTo("7d3a0c55-0000-4000-8000-000000000703");
            assertThat(domain.at("/firmware/bootloader/efi/persistent").asBoolean()).isTrue();
            assertThat(domain.at("/firmware/bootloader/efi/secureBoot").asBoolean(true)).as("pre-enrolled-keys=0").isFalse();
            assertThat(domain.at("/devices/interfaces/0/macAddress").asText()).isEqualTo("bc:24:11:07:03:01");

            JsonNode optik = vms.get("lab-optik-07").at("/spec/template/spec");
            assertThat(optik.at("/domain/devices/gpus").size()).isEqualTo(1);
            assertThat(optik.at("/domain/devices/interfaces").findValuesAsText("name")).containsExactly("default", "cameras", "vmbr1-vlan20");
            assertThat(optik.at("/domain/devices/interfaces/2/macAddress").asText()).isEqualTo("bc:24:11:07:01:02");
            assertThat(optik.at("/domain/firmware/bootloader/efi/secureBoot").asBoolean()).as("pre-enrolled-keys=1").isTrue();
            assertThat(optik.at("/domain/features/smm/enabled").asBoolean()).isTrue();
            assertThat(optik.at("/volumes").findValues("cloudInitNoCloud")).as("guest: [] keeps the disk's own guest config").isEmpty();
            assertThat(optik.at("/domain/devices/hostDevices/0/deviceName").asText()).as("usb0").isEqualTo("pulse.dev/usb-046d-c52b");

            JsonNode control = vms.get("lab-control-02").at("/spec/template/spec/domain");
            assertThat(control.at("/firmware/bootloader/bios").isObject()).isTrue();
            assertThat(control.at("/devices/disks").findValuesAsText("name")).containsExactly("virtio0", "ide2", "virtio1");
            assertThat(control.at("/devices/disks/1/cdrom/bus").asText()).isEqualTo("sata");

            JsonNode desk = vms.get("lab-desk-04").at("/spec/template/spec/domain");
            assertThat(desk.at("/cpu/cores").asInt()).isEqualTo(8);
            assertThat(desk.at("/memory/guest").asText()).isEqualTo("16Gi");
            assertThat(desk.at("/devices/tpm/persistent").asBoolean()).isTrue();
            assertThat(desk.at("/features/hyperv/relaxed").isObject()).isTrue();
            assertThat(desk.at("/clock/timer/hpet/present").asBoolean(true)).isFalse();
            assertThat(desk.at("/devices/disks/0/disk/bus").asText()).isEqualTo("sata");
            assertThat(desk.at("/devices/disks/1/cdrom").isObject()).as("virtio-win ISO").isTrue();
            assertThat(desk.at("/devices/interfaces/0/model").asText()).as("the NIC Windows has drivers for").isEqualTo("e1000");
        }

        @Test
        @DisplayName("a hardware profile is drafted from lspci: CPU vendor, GPUs, ConnectX-6 with ports and VFs, the VLAN's bridge, CPU lists")
        void draftsTheHost(@TempDir Path repo) throws Exception {
            ProxmoxImport.Result result = lab(Map.of(), 128);
            JsonNode profile = YAML.readTree(result.fragment()).at("/hardwareProfiles/0");
            assertThat(profile.path("name").asText()).isEqualTo("proxmox-lab-01");
            assertThat(profile.at("/cpu/vendor").asText()).isEqualTo("amd");
            assertThat(profile.at("/cpu/count").asInt()).isEqualTo(128);
            assertThat(profile.at("/cpu/isolated").asText()).isEqualTo("2-127");
            assertThat(profile.at("/gpus/0/model").asText()).isEqualTo("rtx-6000-ada");
            assertThat(profile.at("/gpus/0/count").asInt()).isEqualTo(4);
            assertThat(profile.at("/nics/0/model").asText()).isEqualTo("connectx-6");
            assertThat(profile.at("/nics/0").has("cards")).as("1 card, the default, is left out").isFalse();
            assertThat(profile.at("/nics/0/ports").asInt()).isEqualTo(2);
            assertThat(profile.at("/nics/0/vfsPerPort").asInt()).isEqualTo(2);
            assertThat(profile.at("/hostNetworks/0/name").asText()).isEqualTo("vmbr1");
            JsonNode cluster = YAML.readTree(result.fragment()).at("/clusters/0");
            assertThat(cluster.at("/hosts/0/profile").asText()).isEqualTo("proxmox-lab-01");
            assertThat(cluster.at("/networks").findValuesAsText("name")).containsExactly("cameras", "vmbr1-vlan20");
            assertThat(cluster.at("/networks/1/vlan").asInt()).isEqualTo(20);
            assertThat(cluster.at("/networks/1/mtu").asInt()).isEqualTo(9000);
            // what the fragment means once merged, defaults included
            dev.pulse.model.HardwareProfile loaded = new Pulse().validate(merged(result, repo)).fleet().catalog().hardwareProfile("proxmox-lab-01").orElseThrow();
            assertThat(loaded.cpu()).isEqualTo(dev.pulse.model.CpuVendor.AMD);
            assertThat(loaded.cpuCount()).isEqualTo(128);
            assertThat(loaded.reservedCpus()).contains("0-1");
            assertThat(loaded.isolatedCpus()).contains("2-127");
            assertThat(loaded.gpus()).singleElement().satisfies(gpu -> {
                assertThat(gpu.model()).isEqualTo("rtx-6000-ada");
                assertThat(gpu.count()).isEqualTo(4);
                assertThat(gpu.mode()).isEqualTo(dev.pulse.model.GpuMode.VM_PASSTHROUGH);
            });
            assertThat(loaded.nics()).singleElement().satisfies(nic -> {
                assertThat(nic.model()).isEqualTo("connectx-6");
                assertThat(nic.cards()).isEqualTo(1);
                assertThat(nic.ports()).isEqualTo(2);
                assertThat(nic.vfsPerPort()).isEqualTo(2);
                assertThat(nic.use()).isEqualTo(dev.pulse.model.NicUse.VM);
            });
            assertThat(loaded.hostNetworks()).singleElement().satisfies(bridge -> {
                assertThat(bridge.name()).isEqualTo("vmbr1");
                assertThat(bridge.type()).isEqualTo(dev.pulse.model.HostInterface.InterfaceType.LINUX_BRIDGE);
            });
        }

        @Test
        @DisplayName("the report names every line of every config with what became of it")
        void everyLineIsReported() throws Exception {
            ProxmoxImport.Result result = lab(Map.of(), 0);
            for (String file : List.of("701.conf", "702.conf", "703.conf", "704.conf")) {
                List<String> lines = Files.readAllLines(data("lab").resolve(file));
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("[")) {
                        break; // snapshots
                    }
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        String at = file + ":" + (i + 1) + " " + line;
                        assertThat(result.report()).as(at).anyMatch(report -> report.contains(at + " -> "));
                    }
                }
            }
            assertThat(result.report()).anySatisfy(line -> assertThat(line).contains("usb0: host=046d:c52b -> usb: 046d:c52b"))
                    .anySatisfy(line -> assertThat(line).contains("snapshots before-ptp-upgrade are not imported"))
                    .anySatisfy(line -> assertThat(line).contains("net0: virtio=BC:24:11:07:01:01").contains("not kept: the Proxmox firewall"))
                    .anySatisfy(line -> assertThat(line).contains("net1").contains("rate limit"))
                    .anySatisfy(line -> assertThat(line).contains("tpmstate0").contains("tpm: persistent"))
                    .anySatisfy(line -> assertThat(line).contains("ide2: none,media=cdrom").contains("empty CD-ROM"))
                    .anySatisfy(line -> assertThat(line).contains("net0: e1000=").contains("NIC model e1000"));
            assertThat(result.report()).noneMatch(line -> line.contains("unknown to Pulse"));
        }
    }

    @Test
    @DisplayName("a VM without a role name but with a role's GPUs and VFs gets that role")
    void roleByHardware() {
        Catalog catalog = BuiltinProfiles.catalog();
        RoleMatch match = RoleMatch.of(catalog, 1, "cam-node-7", Map.of(), 1, 1);
        assertThat(match.role().map(dev.pulse.model.Role::name)).contains("optik");
        assertThat(RoleMatch.of(catalog, 1, "ws_Unreal.2", Map.of(), 0, 0).role().map(dev.pulse.model.Role::name)).contains("unreal");
        assertThat(RoleMatch.of(catalog, 1, "controller", Map.of(), 0, 0).role()).as("tokens, not prefixes").isEmpty();
        assertThat(RoleMatch.of(catalog, 1, "box", Map.of(), 3, 0).role()).isEmpty();
    }

    @Test
    @DisplayName("the seed-000 studio: the catalog profile matches; VMs keep the shape of their roles and add their identity")
    void studio(@TempDir Path repo) throws Exception {
        ProxmoxImport.Result result = new ProxmoxImport(BuiltinProfiles.catalog()).importFolder(data("studio"), Optional.of(data("studio").resolve("lspci.txt")),
                new ProxmoxImport.Settings("studio", "gpu-01", "https://export.example.com/proxmox/{vmid}/disk-{n}.qcow2", Map.of()));
        JsonNode fragment = YAML.readTree(result.fragment());
        assertThat(fragment.has("hardwareProfiles")).isFalse();
        assertThat(fragment.at("/clusters/0/hosts/0/profile").asText()).isEqualTo("g493-zb1-rtx6000ada");
        assertThat(result.report()).contains("hardware profile: g493-zb1-rtx6000ada matches the host's GPUs {rtx-6000-ada=8} and NIC ports {connectx-6=4}");
        assertThat(result.report()).noneMatch(line -> line.contains("keeps its") || line.contains("unknown to Pulse"));

        Path fleet = repo.resolve("fleet.yaml");
        Files.writeString(fleet, "fleet: pulse\ngit: {repoURL: https://git.example.com/pulse.git}\n" + result.fragment());
        Rendering importedRendering = new Pulse().render(fleet);
        Rendering handWrittenRendering = new Pulse().render(example("pulse-studio").resolve("fleet.yaml"));
        Map<String, JsonNode> imported = virtualMachines(importedRendering);
        Map<String, JsonNode> handWritten = virtualMachines(handWrittenRendering);
        Map<String, JsonNode> importedDisks = objects(importedRendering, "DataVolume");
        Map<String, JsonNode> handWrittenDisks = objects(handWrittenRendering, "DataVolume");
        assertThat(imported.keySet()).isEqualTo(handWritten.keySet());
        for (String name : handWritten.keySet()) {
            JsonNode mine = imported.get(name).at("/spec/template/spec/domain");
            JsonNode theirs = handWritten.get(name).at("/spec/template/spec/domain");
            assertThat(mine.path("cpu").path("cores")).as(name).isEqualTo(theirs.path("cpu").path("cores"));
            assertThat(mine.path("memory")).as(name).isEqualTo(theirs.path("memory"));
            assertThat(mine.at("/devices/gpus")).as(name).isEqualTo(theirs.at("/devices/gpus"));
            String rootDisk = imported.get(name).at("/spec/template/spec/volumes/0/dataVolume/name").asText();
            assertThat(importedDisks.get(rootDisk).at("/spec/source")).as(name)
                    .isEqualTo(handWrittenDisks.get(handWritten.get(name).at("/spec/template/spec/volumes/0/dataVolume/name").asText()).at("/spec/source"));
            assertThat(mine.at("/firmware/uuid").asText()).startsWith("7d3a0c55-");
        }
        JsonNode inference = vmEntry(result, "inference-01");
        assertThat(inference.at("/disks").findValuesAsText("name")).containsExactly("scsi0", "scsi1");
        assertThat(result.report()).anyMatch(line -> line.startsWith("VM 105 (control-01): 105.conf:") && line.contains("ide2")
                && line.contains("pulse.proxmox.isoUrl"));
    }

    @Test
    @DisplayName("a matching catalog profile without the bridge a VM needs: a profile drafted from it, for this host, that validates")
    void derivedProfile(@TempDir Path repo) throws Exception {
        dev.pulse.model.diag.Diagnostics diagnostics = new dev.pulse.model.diag.Diagnostics();
        QemuConfig config = QemuConfig.parse("106.conf", """
                name: render-06
                cores: 8
                memory: 16384
                net0: virtio=BC:24:11:06:00:01,bridge=vmbr0
                net1: virtio=BC:24:11:06:00:02,bridge=vmbr2,tag=30
                scsi0: ZFS-Data:vm-106-disk-0,size=64G
                """, diagnostics).orElseThrow();
        Lspci lspci = Lspci.parse("lspci.txt", Files.readString(data("studio").resolve("lspci.txt")), diagnostics);
        ProxmoxImport.Result result = new ProxmoxImport(BuiltinProfiles.catalog()).run(List.of(config), lspci,
                new ProxmoxImport.Settings("studio", "gpu-01", "https://x/{vmid}/disk-{n}.qcow2", Map.of()));
        JsonNode profile = YAML.readTree(result.fragment()).at("/hardwareProfiles/0");
        assertThat(profile.path("name").asText()).isEqualTo("g493-zb1-rtx6000ada-gpu-01");
        assertThat(profile.at("/cpu/isolated").asText()).as("the catalog profile's CPU lists").isEqualTo("4-191,196-383");
        assertThat(profile.at("/gpus/0/count").asInt()).isEqualTo(8);
        assertThat(profile.at("/nics/0/vfsPerPort").asInt()).isEqualTo(8);
        assertThat(profile.at("/hostNetworks").findValuesAsText("name")).containsExactly("vmbr2");
        assertThat(result.report()).contains("hardware profile: g493-zb1-rtx6000ada matches the host's GPUs {rtx-6000-ada=8} and NIC ports "
                + "{connectx-6=4} but has no bridge vmbr2; drafted g493-zb1-rtx6000ada-gpu-01 from it");
        assertThat(vmEntry(result, "render-06").at("/bridges/0/network").asText()).isEqualTo("vmbr2-vlan30");
        Path fleet = repo.resolve("fleet.yaml");
        Files.writeString(fleet, "fleet: pulse\ngit: {repoURL: https://git.example.com/pulse.git}\n" + result.fragment());
        JsonNode nad = new Pulse().render(fleet).layers().stream().flatMap(l -> l.objects().stream())
                .filter(o -> o.path("kind").asText().equals("NetworkAttachmentDefinition")).findFirst().orElseThrow();
        assertThat(nad.at("/metadata/name").asText()).isEqualTo("vmbr2-vlan30");
        JsonNode cni = YAML.readTree(nad.at("/spec/config").asText());
        assertThat(cni.path("vlan").asInt()).isEqualTo(30);
        assertThat(cni.path("bridge").asText()).isEqualTo("vmbr2");
    }

    @Test
    @DisplayName("a seed-001 desktop: GPU with its audio, USB controller by address, display GPU; the role comes from the mapping")
    void workstation() throws Exception {
        Catalog catalog = new Pulse().validate(example("sno-workstation").resolve("fleet.yaml")).fleet().catalog();
        ProxmoxImport.Result result = new ProxmoxImport(catalog).importFolder(data("workstation"), Optional.of(data("workstation").resolve("lspci.txt")),
                new ProxmoxImport.Settings("workstation", "workstation", "https://nas.example.com/{disk}.raw", Map.of(200, "desktop")));
        assertThat(result.vms()).singleElement().satisfies(vm -> {
            assertThat(vm.name()).isEqualTo("fedora35");
            assertThat(vm.role()).isEqualTo("desktop");
            assertThat(vm.host()).contains("workstation");
            assertThat(vm.disk()).isEmpty();
            assertThat(vm.disks()).singleElement().satisfies(disk -> {
                assertThat(disk.name()).isEqualTo("sata0");
                assertThat(disk.bus()).contains(dev.pulse.model.Disk.Bus.SATA);
                assertThat(disk.importUrl()).contains("https://nas.example.com/vm-200-disk-0.raw");
                assertThat(disk.size()).contains("100Gi");
                assertThat(disk.cdrom()).isFalse();
            });
            assertThat(vm.identity().cpuModel()).contains("host-passthrough");
            assertThat(vm.shape().gpus()).isEmpty();
            assertThat(vm.shape().cores()).isEmpty();
            assertThat(vm.shape().memory()).isEmpty();
        });
        JsonNode entry = vmEntry(result, "fedora35");
        assertThat(entry.has("gpus")).isFalse();
        assertThat(entry.has("resources")).isFalse();
        assertThat(entry.at("/disks/0/import/url").asText()).isEqualTo("https://nas.example.com/vm-200-disk-0.raw");
        assertThat(result.report()).contains(
                "VM 200: name 'Fedora35' is not a DNS-1123 label; imported as 'fedora35'",
                "VM 200 (fedora35): role desktop from the roles file",
                "hardware profile: ryzen-3950x-rtx3080 matches the host's GPUs {rtx-3080=1} and NIC ports {}");
        assertThat(result.report()).anyMatch(line -> line.contains("args: -cpu host,kvm=off") && line.contains("no KubeVirt equivalent"));
        assertThat(result.report()).anyMatch(line -> line.contains("cpu: host,hidden=1") && line.contains("not kept: [hidden]"));
        assertThat(result.report()).noneMatch(line -> line.contains("passes PCI devices") || line.contains("uses its GPU as display"));
    }

    @Test
    @DisplayName("without lspci and roles, a VM still imports, with the generated role, and the report says what to add")
    void unknownRole() throws Exception {
        ProxmoxImport.Result result = new ProxmoxImport(BuiltinProfiles.catalog()).importFolder(data("workstation"), Optional.empty(),
                new ProxmoxImport.Settings("w", "w", "https://x/{disk}", Map.of()));
        assertThat(result.vms()).singleElement().satisfies(vm -> assertThat(vm.role()).isEqualTo(ProxmoxImport.GENERATED_ROLE));
        assertThat(result.report()).anyMatch(line -> line.startsWith("VM 200 (fedora35): role imported (no role name in the VM name)"));
        assertThat(result.report()).anyMatch(line -> line.startsWith("hardware profile: no lspci capture"));
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

    @Test
    @DisplayName("ostype: win11 is Windows 11, the other w* types older Windows, the rest Linux")
    void osTypes() {
        assertThat(ProxmoxImport.os("win11")).isEqualTo(dev.pulse.model.GuestOs.WINDOWS_11);
        assertThat(ProxmoxImport.os("win10")).isEqualTo(dev.pulse.model.GuestOs.WINDOWS);
        assertThat(ProxmoxImport.os("w2k8")).isEqualTo(dev.pulse.model.GuestOs.WINDOWS);
        assertThat(ProxmoxImport.os("l26")).isEqualTo(dev.pulse.model.GuestOs.LINUX);
        assertThat(ProxmoxImport.os("other")).isEqualTo(dev.pulse.model.GuestOs.LINUX);
    }
}
