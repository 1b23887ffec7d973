package dev.pulse.render.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.model.diag.FleetException;
import dev.pulse.render.TestFleets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;

@DisplayName("workloads layer")
class WorkloadsLayerTest {

    private static final String STUDIO = """
            clusters:
              - name: studio
                vmNamespace: vms
                storage: {class: rbd, accessMode: ReadWriteMany, size: 80Gi}
                access: {sshKeysSecret: keys, passwordsSecret: passwords}
                networks: [{name: cameras, type: sriov, nic: connectx-6}]
                hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}, {name: gpu-02, profile: g493-zb1-rtx6000ada}]
                vms:
                  - {name: optik-01, role: optik, host: gpu-01, disk: {import: {url: "https://x/101.qcow2"}}, guestVars: {cameraAddress: 10.0.0.1/24}}
                  - {name: inference-01, role: inference, host: gpu-01, runStrategy: Halted, disk: {import: {pvc: golden/rhel9}, size: 300Gi}}
                  - {name: control-01, role: control, disk: {import: {registry: "docker://quay.io/containerdisks/fedora:41"}}}
                  - {name: unreal-01, role: unreal, host: gpu-01}
                  - {name: old-01, role: unreal, host: gpu-01, retired: keep-disks, disk: {import: {url: "https://x/201.qcow2"}}}
                  - {name: gone-01, role: unreal, host: gpu-01, retired: delete-disks, disk: {import: {url: "https://x/202.qcow2"}}}
            """;

    private final Map<String, ObjectNode> objects = TestFleets.objects(new WorkloadsLayer(), STUDIO);

    private JsonNode vm(String name) {
        return objects.get("VirtualMachine/" + name);
    }

    @Test
    @DisplayName("optik: pinned, dedicated CPUs, huge pages, 1 GPU by its HyperConverged name, a VF with a stable MAC, no migration")
    void optik() {
        JsonNode vm = vm("optik-01");
        assertThat(vm.at("/metadata/namespace").asText()).isEqualTo("vms");
        assertThat(vm.at("/metadata/labels/pulse.dev~1role").asText()).isEqualTo("optik");
        assertThat(vm.at("/spec/runStrategy").asText()).isEqualTo("Always");
        assertThat(vm.at("/spec/running").isMissingNode()).isTrue();
        JsonNode spec = vm.at("/spec/template/spec");
        assertThat(spec.at("/domain/cpu/cores").asInt()).isEqualTo(16);
        assertThat(spec.at("/domain/cpu/dedicatedCpuPlacement").asBoolean()).isTrue();
        assertThat(spec.at("/domain/cpu/isolateEmulatorThread").asBoolean()).isTrue();
        assertThat(spec.at("/domain/memory/guest").asText()).isEqualTo("128Gi");
        assertThat(spec.at("/domain/memory/hugepages/pageSize").asText()).isEqualTo("1Gi");
        assertThat(spec.at("/domain/devices/gpus").size()).isEqualTo(1);
        assertThat(spec.at("/domain/devices/gpus/0/deviceName").asText()).isEqualTo("nvidia.com/AD102GL_RTX_6000_ADA_GENERATION");
        assertThat(spec.at("/domain/devices/hostDevices").isMissingNode()).as("the GPU Operator's VFIO manager owns companions").isTrue();
        assertThat(spec.at("/domain/devices/interfaces/1/sriov").isObject()).isTrue();
        assertThat(spec.at("/domain/devices/interfaces/1/macAddress").asText()).matches("02(:[0-9a-f]{2}){5}");
        assertThat(spec.at("/networks/1/multus/networkName").asText()).isEqualTo("cameras");
        assertThat(spec.at("/evictionStrategy").asText()).isEqualTo("None");
        assertThat(spec.at("/nodeSelector/kubernetes.io~1hostname").asText()).isEqualTo("gpu-01");
        assertThat(spec.at("/volumes/1/cloudInitNoCloud/userData").asText()).startsWith("#cloud-config\n").contains("address1=10.0.0.1/24");
        assertThat(vm.at("/spec/dataVolumeTemplates").isMissingNode()).as("a template's DataVolume is owned by the VM: deleted with it").isTrue();
        assertThat(spec.at("/volumes/0/dataVolume/name").asText()).isEqualTo("optik-01-rootdisk");
        JsonNode disk = disk("optik-01-rootdisk");
        assertThat(disk.at("/spec/source/http/url").asText()).isEqualTo("https://x/101.qcow2");
        assertThat(disk.at("/spec/storage/resources/requests/storage").asText()).isEqualTo("80Gi");
        assertThat(disk.at("/spec/storage/storageClassName").asText()).isEqualTo("rbd");
    }

    private JsonNode disk(String name) {
        return objects.get("DataVolume/" + name);
    }

    @Test
    @DisplayName("issue 20: disks are DataVolumes of their own that no sync prunes or deletes with the Application")
    void disksAreProtected() {
        for (String name : new String[] {"optik-01-rootdisk", "inference-01-rootdisk", "control-01-rootdisk", "old-01-rootdisk"}) {
            JsonNode annotations = disk(name).at("/metadata/annotations");
            assertThat(annotations.at("/argocd.argoproj.io~1sync-options").asText()).as(name).isEqualTo("Delete=false,Prune=false");
            assertThat(annotations.at("/cdi.kubevirt.io~1storage.deleteAfterCompletion").asText()).as(name).isEqualTo("false");
            assertThat(disk(name).at("/metadata/ownerReferences").isMissingNode()).isTrue();
        }
    }

    @Test
    @DisplayName("issue 20: a retired VM is not rendered; its disks stay (keep-disks) or lose their protection (delete-disks)")
    void retired() {
        assertThat(vm("old-01")).isNull();
        assertThat(vm("gone-01")).isNull();
        assertThat(disk("old-01-rootdisk")).isNotNull();
        assertThat(disk("gone-01-rootdisk").at("/metadata/annotations/argocd.argoproj.io~1sync-options").isMissingNode()).isTrue();
    }

    @Test
    @DisplayName("inference: 4 GPUs, PVC clone with its own size, Halted")
    void inference() {
        JsonNode vm = vm("inference-01");
        assertThat(vm.at("/spec/template/spec/domain/devices/gpus").size()).isEqualTo(4);
        assertThat(vm.at("/spec/runStrategy").asText()).isEqualTo("Halted");
        assertThat(disk("inference-01-rootdisk").at("/spec/source/pvc/namespace").asText()).isEqualTo("golden");
        assertThat(disk("inference-01-rootdisk").at("/spec/source/pvc/name").asText()).isEqualTo("rhel9");
        assertThat(disk("inference-01-rootdisk").at("/spec/storage/resources/requests/storage").asText()).isEqualTo("300Gi");
    }

    @Test
    @DisplayName("control: no devices, RWX disk, so it live-migrates; unpinned")
    void control() {
        JsonNode spec = vm("control-01").at("/spec/template/spec");
        assertThat(spec.at("/evictionStrategy").asText()).isEqualTo("LiveMigrate");
        assertThat(spec.at("/domain/devices/gpus").isMissingNode()).isTrue();
        assertThat(spec.at("/nodeSelector").isMissingNode()).isTrue();
        assertThat(disk("control-01-rootdisk").at("/spec/source/registry/url").asText())
                .isEqualTo("docker://quay.io/containerdisks/fedora:41");
    }

    @Test
    @DisplayName("unreal: 2 GPUs, no VF, dedicated CPUs without huge pages, guest driver and agent; no disk: no volumes")
    void unreal() {
        JsonNode spec = vm("unreal-01").at("/spec/template/spec");
        assertThat(spec.at("/domain/devices/gpus").size()).isEqualTo(2);
        assertThat(spec.at("/domain/devices/gpus/1/name").asText()).isEqualTo("gpu2");
        assertThat(spec.at("/domain/devices/interfaces").size()).as("pod network only").isEqualTo(1);
        assertThat(spec.at("/domain/cpu/dedicatedCpuPlacement").asBoolean()).isTrue();
        assertThat(spec.at("/domain/memory/hugepages").isMissingNode()).isTrue();
        assertThat(spec.at("/volumes/0/cloudInitNoCloud/userData").asText()).contains("nvidia-driver", "qemu-guest-agent")
                .doesNotContain("linuxptp");
        assertThat(objects.keySet()).noneMatch(key -> key.startsWith("DataVolume/unreal-01"));
        assertThat(spec.at("/evictionStrategy").asText()).isEqualTo("None");
    }

    @Test
    @DisplayName("access: SSH keys and passwords by Secret reference only")
    void accessCredentials() {
        JsonNode credentials = vm("control-01").at("/spec/template/spec/accessCredentials");
        assertThat(credentials.at("/0/sshPublicKey/source/secret/secretName").asText()).isEqualTo("keys");
        assertThat(credentials.at("/0/sshPublicKey/propagationMethod/noCloud").isObject()).isTrue();
        assertThat(credentials.at("/1/userPassword/source/secret/secretName").asText()).isEqualTo("passwords");
        assertThat(credentials.at("/1/userPassword/propagationMethod/qemuGuestAgent").isObject()).isTrue();
    }

    @Test
    @DisplayName("seed 001: GPU as display, audio companion and USB controller as host devices, local LVM volume bound by label")
    void workstation() {
        Map<String, ObjectNode> objects = TestFleets.objects(new WorkloadsLayer(), """
                hardwareProfiles: [{name: ws, cpu: {vendor: amd}, gpus: [{model: rtx-3080, count: 1, console: true}]}]
                roles: [{name: desktop, gpus: 1, pci: [amd-matisse-xhci], gpuDisplay: true, resources: {cpu: {cores: 12}, memory: 32Gi}}]
                clusters:
                  - name: ws
                    topology: single-node
                    gpuOperator: false
                    vmNamespace: desktops
                    hosts: [{name: ws, profile: ws, pci: [{model: amd-matisse-xhci, address: "0000:0b:00.3"}]}]
                    volumes: [{name: fedora35, host: ws, path: /dev/vg/fedora35, size: 100Gi}]
                    vms: [{name: fedora35, role: desktop, host: ws, disk: {claim: fedora35}}]
                """);
        JsonNode devices = objects.get("VirtualMachine/fedora35").at("/spec/template/spec/domain/devices");
        assertThat(devices.path("autoattachGraphicsDevice").asBoolean(true)).isFalse();
        assertThat(devices.at("/hostDevices").findValuesAsText("deviceName"))
                .containsExactly("nvidia.com/GA102_HIGH_DEFINITION_AUDIO_CONTROLLER", "amd.com/MATISSE_USB3_XHCI");
        assertThat(objects.get("VirtualMachine/fedora35").at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText()).isEqualTo("fedora35");
        JsonNode pv = objects.get("PersistentVolume/desktops-fedora35");
        assertThat(pv.at("/spec/local/path").asText()).isEqualTo("/dev/vg/fedora35");
        assertThat(pv.at("/spec/volumeMode").asText()).isEqualTo("Block");
        assertThat(pv.at("/spec/persistentVolumeReclaimPolicy").asText()).isEqualTo("Retain");
        assertThat(pv.at("/spec/nodeAffinity/required/nodeSelectorTerms/0/matchExpressions/0/values/0").asText()).isEqualTo("ws");
        JsonNode claim = objects.get("PersistentVolumeClaim/fedora35");
        assertThat(claim.at("/spec/selector/matchLabels/pulse.dev~1volume").asText()).isEqualTo(pv.at("/metadata/labels/pulse.dev~1volume").asText());
        assertThat(claim.at("/spec/storageClassName").asText()).isEmpty();
    }

    @Test
    @DisplayName("a guest template problem fails the render with a located diagnostic")
    void templateProblemFailsTheRender() {
        assertThatThrownBy(() -> TestFleets.render(STUDIO.replace(", guestVars: {cameraAddress: 10.0.0.1/24}", "")))
                .isInstanceOf(FleetException.class)
                .hasMessageContaining("fleet.yaml:11:").hasMessageContaining("[PULSE-GUEST]").hasMessageContaining("cameraAddress");
    }

    @Test
    @DisplayName("user data over virt-api's 2048-byte limit goes to a Secret the VM references; shorter stays inline")
    void longUserDataGoesToASecret() {
        assertThat(vm("optik-01").at("/spec/template/spec/volumes/1/cloudInitNoCloud/userData").asText().getBytes(StandardCharsets.UTF_8).length)
                .as("the optik guest config fits inline").isLessThanOrEqualTo(WorkloadsLayer.INLINE_USER_DATA_LIMIT);
        Map<String, ObjectNode> objects = TestFleets.objects(new WorkloadsLayer(),
                STUDIO.replace("cameraAddress: 10.0.0.1/24", "cameraAddress: 10.0.0.1/24, nvidiaDriverStream: " + "x".repeat(300)));
        JsonNode volume = objects.get("VirtualMachine/optik-01").at("/spec/template/spec/volumes/1/cloudInitNoCloud");
        assertThat(volume.has("userData")).isFalse();
        assertThat(volume.at("/userDataSecretRef/name").asText()).isEqualTo("optik-01-cloudinit");
        ObjectNode secret = objects.get("Secret/optik-01-cloudinit");
        assertThat(secret.at("/metadata/namespace").asText()).isEqualTo("vms");
        String userData = secret.at("/stringData/userdata").asText();
        assertThat(userData.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(WorkloadsLayer.INLINE_USER_DATA_LIMIT);
        assertThat(userData).startsWith("#cloud-config\n").contains("x".repeat(300));
    }

    @Test
    @DisplayName("nicModel e1000e: the bridge-bound interfaces (pod network, localnet) get model e1000e; virtio writes no model")
    void nicModel() {
        String yaml = """
                roles: [{name: win, nicModel: e1000e, bridges: [{network: lan}]}, {name: linux, bridges: [{network: lan}]}]
                clusters:
                  - name: c
                    networks: [{name: lan, type: localnet, vlan: 20}]
                    hosts: [{name: a, profile: g493-zb1-rtx6000ada}, {name: b, profile: g493-zb1-rtx6000ada}]
                    vms: [{name: w, role: win}, {name: l, role: linux}]
                """;
        var objects = TestFleets.objects(new WorkloadsLayer(), yaml);
        var interfaces = objects.get("VirtualMachine/w").at("/spec/template/spec/domain/devices/interfaces");
        assertThat(interfaces.get(0).at("/model").asText()).isEqualTo("e1000e");
        assertThat(interfaces.get(1).at("/model").asText()).isEqualTo("e1000e");
        assertThat(interfaces.get(1).has("bridge")).isTrue();
        assertThat(objects.get("VirtualMachine/l").at("/spec/template/spec/domain/devices/interfaces/1").has("model")).isFalse();
        // localnet over br-ex exists on every node: the VM can live-migrate
        assertThat(objects.get("VirtualMachine/l").at("/spec/template/spec/evictionStrategy").asText()).isEqualTo("LiveMigrate");
    }

    @Test
    @DisplayName("placement: a spread role's VMs prefer different hosts, a group's VMs the same host; golden images are DataVolume sourceRefs")
    void placementAndGoldenImages() {
        var objects = TestFleets.objects(new WorkloadsLayer(), """
                roles: [{name: web, spread: true}, {name: db}]
                clusters:
                  - name: c
                    storage: {class: gp3-csi}
                    hosts: [{name: a, profile: g493-zb1-rtx6000ada}, {name: b, profile: g493-zb1-rtx6000ada}]
                    vms:
                      - {name: web-1, role: web, group: shop, disk: {import: {dataSource: rhel9}, size: 30Gi}}
                      - {name: db-1, role: db, group: shop, disk: {import: {dataSource: my-images/fedora}}}
                """);
        var web = objects.get("VirtualMachine/web-1");
        var anti = web.at("/spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/0");
        assertThat(anti.at("/weight").asInt()).isEqualTo(100);
        assertThat(anti.at("/podAffinityTerm/labelSelector/matchLabels/pulse.dev~1role").asText()).isEqualTo("web");
        assertThat(anti.at("/podAffinityTerm/topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
        assertThat(web.at("/spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/0/podAffinityTerm/labelSelector/matchLabels/"
                + "pulse.dev~1group").asText()).isEqualTo("shop");
        assertThat(web.at("/spec/template/metadata/labels/pulse.dev~1group").asText()).isEqualTo("shop");
        var sourceRef = objects.get("DataVolume/web-1-rootdisk").at("/spec/sourceRef");
        assertThat(sourceRef.at("/kind").asText()).isEqualTo("DataSource");
        assertThat(sourceRef.at("/namespace").asText()).isEqualTo("openshift-virtualization-os-images");
        assertThat(sourceRef.at("/name").asText()).isEqualTo("rhel9");
        assertThat(objects.get("DataVolume/web-1-rootdisk").at("/spec/source").isMissingNode()).isTrue();
        var db = objects.get("VirtualMachine/db-1");
        assertThat(db.at("/spec/template/spec/affinity/podAntiAffinity").isMissingNode()).isTrue();
        assertThat(objects.get("DataVolume/db-1-rootdisk").at("/spec/sourceRef/namespace").asText()).isEqualTo("my-images");
    }

    @Test
    @DisplayName("a VM pinned to a machine pool selects the pool's labels, not a node name nobody knows in advance")
    void pinnedToAMachinePool() {
        Map<String, ObjectNode> objects = TestFleets.objects(new WorkloadsLayer(), """
                hardwareProfiles: [{name: metal, cpu: {vendor: amd}}]
                roles: [{name: app, resources: {cpu: {cores: 2}, memory: 4Gi}}]
                clusters:
                  - name: c
                    topology: managed
                    hosts: [{name: virt, profile: metal, machinePool: {labels: {pulse.dev/hardware-profile: metal, node-role.kubernetes.io/virtualization: ""}}}]
                    vms: [{name: a, role: app, host: virt}]
                """);
        JsonNode selector = objects.get("VirtualMachine/a").at("/spec/template/spec/nodeSelector");
        assertThat(selector.has("kubernetes.io/hostname")).isFalse();
        assertThat(selector.path("pulse.dev/hardware-profile").asText()).isEqualTo("metal");
        assertThat(selector.has("node-role.kubernetes.io/virtualization")).isTrue();
    }
}
