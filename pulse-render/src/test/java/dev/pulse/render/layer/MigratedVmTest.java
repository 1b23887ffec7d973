package dev.pulse.render.layer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.render.TestFleets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("VMs that keep their shape and identity (per-VM overrides, disks, firmware, Windows)")
class MigratedVmTest {

    private static final String FLEET = """
            clusters:
              - name: lab
                vmNamespace: vms
                storage: {class: rbd, accessMode: ReadWriteOnce, size: 80Gi}
                networks: [{name: cameras, type: sriov, nic: connectx-6}]
                hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}]
                vms:
                  - name: big
                    role: inference
                    host: gpu-01
                    gpus: 2
                    resources: {cpu: {cores: 32, sockets: 2}, memory: 256Gi}
                    uuid: 7d3a0c55-0000-4000-8000-000000000703
                    efi: {persistent: true, secureBoot: true}
                    cpuModel: host-passthrough
                    numa: true
                    macs: {default: "bc:24:11:07:03:01"}
                    guest: []
                    disks:
                      - {name: scsi0, bus: scsi, size: 200Gi, import: {url: "https://x/703/disk-0.qcow2", certConfigMap: export-ca, secretRef: export-auth}}
                      - {name: scsi1, bus: scsi, size: 2Ti, import: {url: "https://x/703/disk-1.qcow2"}}
                      - {name: scratch, blank: true, size: 100Gi}
                  - name: desktop
                    role: control
                    os: windows-11
                    resources: {cpu: {cores: 8}, memory: 16Gi, hugepages: none}
                    disks:
                      - {name: sata0, import: {url: "https://x/704/disk-0.raw"}}
                      - {name: virtio-win, cdrom: true, import: {registry: "docker://registry.example.com/virtio-win:latest"}}
                  - name: legacy
                    role: control
                    os: windows
                    firmware: bios
                    disk: {import: {url: "https://x/705/disk-0.raw"}}
            """;

    private final Map<String, ObjectNode> objects = TestFleets.objects(new WorkloadsLayer(), FLEET);

    private JsonNode spec(String vm) {
        return objects.get("VirtualMachine/" + vm).at("/spec/template/spec");
    }

    @Nested
    @DisplayName("a VM's own shape over its role")
    class Shape {

        @Test
        @DisplayName("GPUs, cores × sockets and memory come from the VM; dedicated CPUs and huge pages from the role")
        void overrides() {
            JsonNode domain = spec("big").at("/domain");
            assertThat(domain.at("/devices/gpus").size()).isEqualTo(2);
            assertThat(domain.at("/cpu/cores").asInt()).isEqualTo(32);
            assertThat(domain.at("/cpu/sockets").asInt()).isEqualTo(2);
            assertThat(domain.at("/cpu/dedicatedCpuPlacement").asBoolean()).isTrue();
            assertThat(domain.at("/memory/guest").asText()).isEqualTo("256Gi");
            assertThat(domain.at("/memory/hugepages/pageSize").asText()).isEqualTo("1Gi");
        }

        @Test
        @DisplayName("'guest: []' drops the role's guest templates: no cloud-init disk")
        void noGuestTemplates() {
            assertThat(spec("big").at("/volumes").findValues("cloudInitNoCloud")).isEmpty();
        }

        @Test
        @DisplayName("'hugepages: none' drops the role's huge pages")
        void noHugePages() {
            assertThat(spec("desktop").at("/domain/memory/hugepages").isMissingNode()).isTrue();
        }
    }

    @Nested
    @DisplayName("disks")
    class Disks {

        @Test
        @DisplayName("every disk in boot order on its bus, each a protected DataVolume named <vm>-<disk>; http imports carry CA bundle and credentials")
        void severalDisks() {
            JsonNode vm = objects.get("VirtualMachine/big");
            JsonNode disks = vm.at("/spec/template/spec/domain/devices/disks");
            assertThat(disks.size()).isEqualTo(3);
            assertThat(disks.get(0).at("/name").asText()).isEqualTo("scsi0");
            assertThat(disks.get(0).at("/bootOrder").asInt()).isEqualTo(1);
            assertThat(disks.get(0).at("/disk/bus").asText()).isEqualTo("scsi");
            assertThat(disks.get(2).at("/bootOrder").asInt()).isEqualTo(3);
            assertThat(vm.at("/spec/template/spec/volumes/0/dataVolume/name").asText()).isEqualTo("big-scsi0");
            assertThat(vm.at("/spec/dataVolumeTemplates").isMissingNode()).as("disks are DataVolumes of their own").isTrue();
            JsonNode http = objects.get("DataVolume/big-scsi0").at("/spec/source/http");
            assertThat(http.at("/url").asText()).isEqualTo("https://x/703/disk-0.qcow2");
            assertThat(http.at("/certConfigMap").asText()).isEqualTo("export-ca");
            assertThat(http.at("/secretRef").asText()).isEqualTo("export-auth");
            assertThat(objects.get("DataVolume/big-scsi1").at("/spec/storage/resources/requests/storage").asText()).isEqualTo("2Ti");
            assertThat(objects.get("DataVolume/big-scratch").at("/spec/source/blank").isObject()).isTrue();
            assertThat(objects.get("DataVolume/big-scratch").at("/metadata/annotations/argocd.argoproj.io~1sync-options").asText())
                    .as("every disk protected, not only the root disk").isEqualTo(WorkloadsLayer.KEEP_DISK_SYNC_OPTIONS);
        }

        @Test
        @DisplayName("Windows: SATA unless the disk names its bus; an ISO as a read-only CD-ROM")
        void windowsDisks() {
            JsonNode disks = spec("desktop").at("/domain/devices/disks");
            assertThat(disks.get(0).at("/disk/bus").asText()).isEqualTo("sata");
            assertThat(disks.get(1).at("/cdrom/bus").asText()).isEqualTo("sata");
            assertThat(disks.get(1).at("/cdrom/readonly").asBoolean()).isTrue();
        }

        @Test
        @DisplayName("the single 'disk:' stays the rootdisk it always was")
        void singleDisk() {
            JsonNode vm = objects.get("VirtualMachine/legacy");
            assertThat(vm.at("/spec/template/spec/domain/devices/disks/0/name").asText()).isEqualTo("rootdisk");
            assertThat(vm.at("/spec/template/spec/volumes/0/dataVolume/name").asText()).isEqualTo("legacy-rootdisk");
            assertThat(objects).containsKey("DataVolume/legacy-rootdisk");
        }
    }

    @Nested
    @DisplayName("identity")
    class Identity {

        @Test
        @DisplayName("SMBIOS UUID, MAC on the pod interface, persistent UEFI variables, Secure Boot with SMM, host CPU, guest NUMA")
        void identity() {
            JsonNode domain = spec("big").at("/domain");
            assertThat(domain.at("/firmware/uuid").asText()).isEqualTo("7d3a0c55-0000-4000-8000-000000000703");
            assertThat(domain.at("/firmware/bootloader/efi/persistent").asBoolean()).isTrue();
            assertThat(domain.at("/firmware/bootloader/efi/secureBoot").asBoolean()).isTrue();
            assertThat(domain.at("/features/smm/enabled").asBoolean()).isTrue();
            assertThat(domain.at("/devices/interfaces/0/macAddress").asText()).isEqualTo("bc:24:11:07:03:01");
            assertThat(domain.at("/cpu/model").asText()).isEqualTo("host-passthrough");
            assertThat(domain.at("/cpu/numa/guestMappingPassthrough").isObject()).isTrue();
            assertThat(domain.at("/devices/tpm").isMissingNode()).isTrue();
        }
    }

    @Nested
    @DisplayName("Windows guests")
    class Windows {

        @Test
        @DisplayName("Windows 11: Hyper-V enlightenments, Hyper-V clock without HPET, persistent TPM, Secure Boot with SMM, persistent UEFI")
        void windows11() {
            JsonNode domain = spec("desktop").at("/domain");
            for (String enlightenment : new String[] {"relaxed", "vapic", "vpindex", "runtime", "synic", "frequencies", "reset", "tlbflush", "ipi"}) {
                assertThat(domain.at("/features/hyperv/" + enlightenment).isObject()).as(enlightenment).isTrue();
            }
            assertThat(domain.at("/features/hyperv/spinlocks/spinlocks").asInt()).isEqualTo(8191);
            assertThat(domain.at("/features/hyperv/synictimer/direct").isObject()).isTrue();
            assertThat(domain.at("/clock/utc").isObject()).isTrue();
            assertThat(domain.at("/clock/timer/hpet/present").asBoolean(true)).isFalse();
            assertThat(domain.at("/clock/timer/hyperv").isObject()).isTrue();
            assertThat(domain.at("/devices/tpm/persistent").asBoolean()).isTrue();
            assertThat(domain.at("/firmware/bootloader/efi/secureBoot").asBoolean()).isTrue();
            assertThat(domain.at("/firmware/bootloader/efi/persistent").asBoolean()).isTrue();
            assertThat(domain.at("/features/smm/enabled").asBoolean()).isTrue();
        }

        @Test
        @DisplayName("older Windows on BIOS: enlightenments and clock, but no TPM, Secure Boot or SMM")
        void olderWindows() {
            JsonNode domain = spec("legacy").at("/domain");
            assertThat(domain.at("/features/hyperv/relaxed").isObject()).isTrue();
            assertThat(domain.at("/firmware/bootloader/bios").isObject()).isTrue();
            assertThat(domain.at("/devices/tpm").isMissingNode()).isTrue();
            assertThat(domain.at("/features/smm").isMissingNode()).isTrue();
            assertThat(domain.at("/devices/disks/0/disk/bus").asText()).isEqualTo("sata");
        }
    }

    @Test
    @DisplayName("HyperConverged names the storage class for the VMs' persistent UEFI/TPM state")
    void vmStateStorageClass() {
        ObjectNode hco = TestFleets.objects(new VirtualizationLayer(), FLEET).get("HyperConverged/kubevirt-hyperconverged");
        assertThat(hco.at("/spec/vmStateStorageClass").asText()).isEqualTo("rbd");
    }
}
