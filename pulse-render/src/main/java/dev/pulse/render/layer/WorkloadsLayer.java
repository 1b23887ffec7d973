package dev.pulse.render.layer;

import dev.pulse.model.ResolvedVm;
import dev.pulse.model.ResolvedHost;
import dev.pulse.model.ResolvedCluster;
import dev.pulse.model.AccessMode;
import dev.pulse.model.Companion;
import dev.pulse.model.Device;
import dev.pulse.model.Disk;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.GuestTemplate;
import dev.pulse.model.HostLabels;
import dev.pulse.model.LocalVolume;
import dev.pulse.model.Network;
import dev.pulse.model.Placement;
import dev.pulse.model.Retirement;
import dev.pulse.model.Role;
import dev.pulse.model.Vm;
import dev.pulse.model.VmIdentity;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.rules.GuestFirmware;
import dev.pulse.model.rules.Migration;
import dev.pulse.render.guest.CloudInit;
import dev.pulse.render.guest.GuestNetwork;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Wave 6 (after storage, see SyncWaves): the VMs. Each model VM becomes a KubeVirt {@code VirtualMachine} in the cluster's VM namespace:
 * {@code runStrategy} (never the deprecated {@code running}); CPU cores, pinned with an isolated emulator
 * thread when the role asks for dedicated CPUs; memory and its huge pages; UEFI or BIOS; GPUs by the
 * HyperConverged resource name of the host's GPU model (vGPU: its mediated-device resource), companion
 * functions and host PCI devices as {@code hostDevices} where KubeVirt's own device plugin serves them;
 * the pod network (masquerade) plus one {@code sriov} interface per VF network and one {@code bridge}
 * interface per bridge network, each with a stable MAC; the root disk as a standalone CDI DataVolume
 * (http, registry or PVC clone) that no sync deletes unless the model retires the VM with its disks, or an
 * existing claim; cloud-init user data merged from the role's guest
 * templates; {@code accessCredentials} from Secrets; the eviction strategy {@link Migration} decides;
 * placement on the pinned host or on hosts of the right GPU workload, plus the cluster's placement.
 * Local volumes (seed 001: an LVM logical volume) become a static block PersistentVolume and a claim
 * bound to it by label.
 */
public final class WorkloadsLayer implements Layer {

    static final String VOLUME_LABEL = "pulse.dev/volume";

    private final CloudInit cloudInit = new CloudInit();

    @Override
    public String name() {
        return "workloads";
    }

    /**
     * KubeVirt persists a firmware UUID and serial into the VM and the webhook expands the machine type;
     * Pulse writes none of these, so they are ignored rather than fought over.
     */
    @Override
    public List<IgnoredDifference> ignoredDifferences() {
        return List.of(new IgnoredDifference("kubevirt.io", "VirtualMachine", List.of(
                "/spec/template/spec/domain/firmware/serial",
                "/spec/template/spec/domain/firmware/uuid",
                "/spec/template/spec/domain/machine")));
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        List<HasMetadata> objects = new ArrayList<>();
        for (LocalVolume volume : cluster.cluster().volumes()) {
            objects.add(persistentVolume(cluster, volume));
            objects.add(claim(cluster, volume));
        }
        for (ResolvedVm vm : cluster.cluster().vms()) {
            objects.addAll(virtualMachine(cluster, vm));
            vm.allDisks().stream().filter(Disk::imported).forEach(disk -> objects.add(dataVolume(cluster, vm.spec(), disk, true)));
        }
        for (Vm vm : cluster.cluster().retiredVms()) {
            boolean keep = vm.retired().orElseThrow() == Retirement.KEEP_DISKS;
            vm.allDisks().stream().filter(Disk::imported).forEach(disk -> objects.add(dataVolume(cluster, vm, disk, keep)));
        }
        return objects;
    }

    /** The sync options of a protected disk: Argo CD neither prunes it nor deletes it with its Application. */
    public static final String KEEP_DISK_SYNC_OPTIONS = "Delete=false,Prune=false";

    /** The name of a VM's root disk DataVolume (and of the claim CDI makes for it). */
    public static String rootDisk(String vm) {
        return vm + "-rootdisk";
    }

    /**
     * A VM's imported (or blank) disk as a DataVolume of its own, not a {@code dataVolumeTemplates} entry: KubeVirt makes
     * the VM the owner of a template's DataVolume, so deleting the VM (Argo CD pruning it) garbage-collects the disk
     * (kubevirt/kubevirt#1328: "Once the VM object is getting deleted, all associated DataVolume objects are getting
     * deleted as well"). A standalone DataVolume has no owner, and while {@code protect} it carries
     * {@code argocd.argoproj.io/sync-options: Delete=false,Prune=false} (argo-cd docs/user-guide/sync-options.md,
     * "No Prune Resources" and "No Resource Deletion"): a sync never deletes it, not even when the VM leaves the model
     * by mistake, nor when its Application is deleted. {@code cdi.kubevirt.io/storage.deleteAfterCompletion: "false"}
     * keeps CDI from garbage-collecting the completed DataVolume (CDI 1.54+), which Argo CD would then re-create.
     */
    private static HasMetadata dataVolume(ClusterView cluster, Vm vm, Disk disk, boolean protect) {
        Map<String, Object> spec = dataVolumeTemplate(cluster.cluster(), dataVolumeName(vm, disk), disk);
        var metadata = Resources.metadata(cluster.vmNamespace(), dataVolumeName(vm, disk), cluster.fleet().name(), Map.of("pulse.dev/vm", vm.name()));
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("cdi.kubevirt.io/storage.deleteAfterCompletion", "false");
        if (protect) {
            annotations.put(SyncWaves.SYNC_OPTIONS_ANNOTATION, KEEP_DISK_SYNC_OPTIONS);
        }
        metadata.setAnnotations(annotations);
        return Resources.custom("cdi.kubevirt.io/v1beta1", "DataVolume", metadata, spec.get("spec"));
    }

    /**
     * virt-api refuses inline cloud-init user data over 2048 bytes ({@code cloudInitUserMaxLen}, kubevirt
     * {@code pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go}: "userdata exceeds 2048 byte
     * limit. Should use UserDataSecretRef for larger data"); the limit counts bytes, and base64 user data after
     * decoding, so only a Secret reference avoids it.
     */
    public static final int INLINE_USER_DATA_LIMIT = 2048;

    /** The VM, and the Secret holding its user data when that is too long to write inline. */
    private List<HasMetadata> virtualMachine(ClusterView cluster, ResolvedVm vm) {
        List<HasMetadata> objects = new ArrayList<>();
        Role role = vm.role();
        String fleet = cluster.fleet().name();
        List<GuestNetwork> networks = guestNetworks(cluster, vm, role);

        Map<String, Object> devices = new LinkedHashMap<>();
        if (role.gpuDisplay()) {
            devices.put("autoattachGraphicsDevice", false);
        }
        addHostDevices(cluster, vm, role, devices);
        List<Map<String, Object>> disks = new ArrayList<>();
        List<Map<String, Object>> volumes = new ArrayList<>();
        int bootOrder = 1;
        for (Disk disk : vm.allDisks()) {
            disks.add(diskDevice(vm, role, disk, bootOrder++));
            if (disk.imported()) {
                volumes.add(Map.of("name", disk.name(), "dataVolume", Map.of("name", dataVolumeName(vm.spec(), disk))));
            } else {
                volumes.add(Map.of("name", disk.name(), "persistentVolumeClaim", Map.of("claimName", disk.claim().orElseThrow())));
            }
        }
        String userData = userData(cluster, vm, role, networks);
        boolean sshKeys = cluster.cluster().access().sshKeys().isPresent();
        if (!userData.isEmpty() || sshKeys) {
            disks.add(Map.of("name", "cloudinit", "disk", Map.of("bus", "virtio")));
            String content = userData.isEmpty() ? "#cloud-config\n" : userData;
            if (content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= INLINE_USER_DATA_LIMIT) {
                volumes.add(Map.of("name", "cloudinit", "cloudInitNoCloud", Map.of("userData", content)));
            } else {
                String secret = vm.name() + "-cloudinit";
                objects.add(userDataSecret(cluster, secret, content));
                volumes.add(Map.of("name", "cloudinit", "cloudInitNoCloud", Map.of("userDataSecretRef", Map.of("name", secret))));
            }
        }
        devices.put("disks", disks);
        List<Map<String, Object>> interfaces = new ArrayList<>();
        List<Map<String, Object>> vmNetworks = new ArrayList<>();
        // the pod network and every emulated interface take the VM's own NIC model (Proxmox import), else the role's
        interfaces.add(nic(vm, role, "default", "masquerade", vm.identity().macs().getOrDefault("default", "")));
        vmNetworks.add(Map.of("name", "default", "pod", Map.of()));
        for (GuestNetwork network : networks) {
            // SR-IOV VFs are passed through; every other network (Linux bridge, OVN-Kubernetes localnet/layer2) uses the bridge binding
            interfaces.add(nic(vm, role, network.name(), network.type().equals("sriov") ? "sriov" : "bridge", network.mac()));
            vmNetworks.add(Map.of("name", network.name(), "multus", Map.of("networkName", network.name())));
        }
        devices.put("interfaces", interfaces);
        VmIdentity.Tpm tpm = GuestFirmware.tpm(vm.spec(), role);
        if (tpm != VmIdentity.Tpm.NONE) {
            // devices.tpm.persistent keeps the TPM state on a backend-storage PVC (kubevirt user-guide
            // docs/compute/persistent_tpm_and_uefi_state.md); without it the TPM is new at every start.
            devices.put("tpm", tpm == VmIdentity.Tpm.PERSISTENT ? Map.of("persistent", true) : Map.of());
        }

        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("cores", role.cpuCores());
        cpu.put("sockets", role.cpuSockets());
        cpu.put("threads", 1);
        if (role.dedicatedCpu()) {
            cpu.put("dedicatedCpuPlacement", true);
            cpu.put("isolateEmulatorThread", true);
        }
        vm.identity().cpuModel().ifPresent(model -> cpu.put("model", model));
        if (vm.identity().numa()) {
            // guestMappingPassthrough mirrors the host NUMA nodes of the pinned CPUs; it needs dedicated CPUs and huge
            // pages (PULSE-NUMA; kubevirt docs virtual_machines/numa.md).
            cpu.put("numa", Map.of("guestMappingPassthrough", Map.of()));
        }
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("guest", role.memory());
        if (!role.hugepages().isEmpty()) {
            memory.put("hugepages", Map.of("pageSize", role.hugepages()));
        }
        Map<String, Object> domain = new LinkedHashMap<>();
        domain.put("cpu", cpu);
        domain.put("memory", memory);
        domain.put("firmware", firmware(vm, role));
        Map<String, Object> features = features(vm, role);
        if (!features.isEmpty()) {
            domain.put("features", features);
        }
        if (role.os().windows()) {
            domain.put("clock", WINDOWS_CLOCK);
        }
        domain.put("devices", devices);

        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("domain", domain);
        podSpec.put("networks", vmNetworks);
        podSpec.put("volumes", volumes);
        podSpec.put("evictionStrategy", Migration.strategy(cluster.fleet().catalog(), cluster.cluster().spec(), vm.spec(), role).keyword());
        Map<String, String> nodeSelector = nodeSelector(cluster, vm, role);
        if (!nodeSelector.isEmpty()) {
            podSpec.put("nodeSelector", nodeSelector);
        }
        Placement placement = cluster.cluster().placement();
        if (!placement.tolerations().isEmpty()) {
            podSpec.put("tolerations", VirtualizationLayer.nodePlacement(placement).get("tolerations"));
        }
        List<Map<String, Object>> credentials = accessCredentials(cluster.cluster());
        if (!credentials.isEmpty()) {
            podSpec.put("accessCredentials", credentials);
        }
        Map<String, Object> affinity = affinity(vm, role);
        if (!affinity.isEmpty()) {
            podSpec.put("affinity", affinity);
        }
        Map<String, String> labels = new TreeMap<>(Map.of(ROLE_LABEL, role.name(), "pulse.dev/vm", vm.name()));
        vm.group().ifPresent(group -> labels.put(GROUP_LABEL, group));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("runStrategy", vm.runStrategy().keyword());
        spec.put("template", Map.of("metadata", Map.of("labels", labels), "spec", podSpec));
        objects.add(Resources.custom("kubevirt.io/v1", "VirtualMachine",
                Resources.metadata(cluster.vmNamespace(), vm.name(), fleet, Map.of("pulse.dev/role", role.name())), spec));
        return objects;
    }

    /**
     * UEFI (Secure Boot and persistent variables as {@link GuestFirmware} decides) or BIOS, and the SMBIOS UUID the
     * guest had. {@code efi.persistent} keeps the variable store on a backend-storage PVC (KubeVirt VMPersistentState,
     * which HyperConverged enables; kubevirt user-guide docs/compute/persistent_tpm_and_uefi_state.md).
     */
    private static Map<String, Object> firmware(ResolvedVm vm, Role role) {
        Map<String, Object> firmware = new LinkedHashMap<>();
        if (role.firmware() == Role.Firmware.UEFI) {
            Map<String, Object> efi = new LinkedHashMap<>();
            efi.put("secureBoot", GuestFirmware.secureBoot(vm.spec(), role));
            if (GuestFirmware.persistentEfi(vm.spec(), role)) {
                efi.put("persistent", true);
            }
            firmware.put("bootloader", Map.of("efi", efi));
        } else {
            firmware.put("bootloader", Map.of("bios", Map.of()));
        }
        vm.identity().uuid().ifPresent(uuid -> firmware.put("uuid", uuid));
        return firmware;
    }

    /**
     * Secure Boot needs SMM: virt-api refuses "EFI SecureBoot enabled. SecureBoot requires SMM, which is currently disabled"
     * (kubevirt pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go). Windows guests get the Hyper-V
     * enlightenments of KubeVirt's Windows templates (kubevirt/common-templates templates/windows11.tpl.yaml; kubevirt
     * examples/vmi-windows.yaml): without them Windows runs slowly and its timers drift.
     */
    private static Map<String, Object> features(ResolvedVm vm, Role role) {
        Map<String, Object> features = new LinkedHashMap<>();
        if (role.os().windows()) {
            features.put("acpi", Map.of());
            features.put("apic", Map.of());
            Map<String, Object> hyperv = new LinkedHashMap<>();
            for (String enlightenment : List.of("relaxed", "vapic", "vpindex", "runtime", "synic", "frequencies", "reset", "tlbflush", "ipi")) {
                hyperv.put(enlightenment, Map.of());
            }
            hyperv.put("spinlocks", Map.of("spinlocks", 8191));
            hyperv.put("synictimer", Map.of("direct", Map.of()));
            features.put("hyperv", hyperv);
        }
        if (GuestFirmware.secureBoot(vm.spec(), role)) {
            features.put("smm", Map.of("enabled", true));
        }
        return features;
    }

    /**
     * The clock of KubeVirt's Windows templates (common-templates windows11.tpl.yaml): UTC, no HPET (Windows polls it,
     * costing CPU), the Hyper-V reference clock, PIT delayed and RTC caught up after missed ticks.
     */
    private static final Map<String, Object> WINDOWS_CLOCK = Map.of("utc", Map.of(), "timer", Map.of(
            "hpet", Map.of("present", false), "hyperv", Map.of(), "pit", Map.of("tickPolicy", "delay"), "rtc", Map.of("tickPolicy", "catchup")));

    /** The DataVolume of an imported or blank disk: {@code <vm>-rootdisk} for the single {@code disk}, else {@code <vm>-<disk>}. */
    public static String dataVolumeName(Vm vm, Disk disk) {
        return vm.name() + "-" + disk.name();
    }

    /**
     * A disk or CD-ROM on its bus: the one the model names, else virtio, except for Windows guests, which install
     * with drivers for SATA only (the virtio drivers come from the virtio-win ISO; KubeVirt user-guide
     * virtual_machines/windows_virtio_drivers.md). Disks boot in list order.
     */
    private static Map<String, Object> diskDevice(ResolvedVm vm, Role role, Disk disk, int bootOrder) {
        String bus = disk.bus().map(Disk.Bus::keyword).orElse(role.os().windows() || disk.cdrom() ? "sata" : "virtio");
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("name", disk.name());
        device.put("bootOrder", bootOrder);
        device.put(disk.cdrom() ? "cdrom" : "disk", disk.cdrom() ? Map.of("bus", bus, "readonly", true) : Map.of("bus", bus));
        return device;
    }

    /**
     * A VM's cloud-config as a Secret, because KubeVirt reads long user data only from one (key {@code userdata}:
     * kubevirt {@code pkg/cloud-init/cloud-init.go}). It holds guest configuration, not secrets: the rules refuse
     * passwords and private keys in rendered guest config (PULSE-SECRET), so it may live in Git like the inline form.
     */
    private static HasMetadata userDataSecret(ClusterView cluster, String name, String userData) {
        return new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withMetadata(Resources.metadata(cluster.vmNamespace(), name, cluster.fleet().name(), Map.of("pulse.dev/content", "cloud-init")))
                .withType("Opaque")
                .withStringData(Map.of("userdata", userData))
                .build();
    }

    /** GPUs, their companions where KubeVirt serves them, and host PCI devices the role takes. */
    private static void addHostDevices(ClusterView cluster, ResolvedVm vm, Role role, Map<String, Object> devices) {
        List<Map<String, Object>> gpus = new ArrayList<>();
        List<Map<String, Object>> hostDevices = new ArrayList<>();
        if (role.gpus() > 0) {
            GpuSlot slot = cluster.gpuSlotFor(vm).orElseThrow();
            Device device = cluster.fleet().catalog().device(slot.model()).orElseThrow();
            String resource = slot.mode() == GpuMode.VM_VGPU ? VirtualizationLayer.vgpuResourceName(slot.vgpuProfile().orElseThrow()) : device.resourceName();
            for (int i = 1; i <= role.gpus(); i++) {
                gpus.add(Map.of("name", "gpu" + i, "deviceName", resource));
                if (slot.mode() == GpuMode.VM_PASSTHROUGH && !cluster.cluster().gpuOperator()) {
                    int function = 1;
                    for (Companion companion : device.companions()) {
                        hostDevices.add(Map.of("name", "gpu" + i + "-fn" + function++, "deviceName", companion.resourceName()));
                    }
                }
            }
        }
        for (String model : role.pci()) {
            hostDevices.add(Map.of("name", model, "deviceName", cluster.fleet().catalog().device(model).orElseThrow().resourceName()));
        }
        for (dev.pulse.model.PciId usb : vm.usb()) {
            hostDevices.add(Map.of("name", "usb-" + usb.vendor() + "-" + usb.device(), "deviceName", Vm.usbResourceName(usb)));
        }
        if (!gpus.isEmpty()) {
            devices.put("gpus", gpus);
        }
        if (!hostDevices.isEmpty()) {
            devices.put("hostDevices", hostDevices);
        }
    }

    static final String ROLE_LABEL = "pulse.dev/role";
    static final String GROUP_LABEL = "pulse.dev/group";

    /**
     * Placement between VMs, on the virt-launcher pods (they carry the template's labels): a {@code spread} role's VMs
     * prefer different hosts, a {@code group}'s VMs the same host. Preferred, never required, so a VM still starts when
     * the hosts cannot honour it (Kubernetes "Assigning Pods to Nodes: inter-pod affinity and anti-affinity"; KubeVirt
     * user guide "Affinity and anti-affinity": the VMI's spec.affinity applies to its launcher pod).
     */
    private static Map<String, Object> affinity(ResolvedVm vm, Role role) {
        Map<String, Object> affinity = new LinkedHashMap<>();
        if (role.spread()) {
            affinity.put("podAntiAffinity", preferred(ROLE_LABEL, role.name()));
        }
        vm.group().ifPresent(group -> affinity.put("podAffinity", preferred(GROUP_LABEL, group)));
        return affinity;
    }

    private static Map<String, Object> preferred(String label, String value) {
        return Map.of("preferredDuringSchedulingIgnoredDuringExecution", List.of(Map.of(
                "weight", 100,
                "podAffinityTerm", Map.of(
                        "labelSelector", Map.of("matchLabels", Map.of(label, value)),
                        "topologyKey", "kubernetes.io/hostname"))));
    }

    /** A KubeVirt interface: the VM's own NIC model for it if it has one, else for emulated ones (not SR-IOV) the role's unless it is virtio, KubeVirt's default. */
    private static Map<String, Object> nic(ResolvedVm vm, Role role, String name, String binding, String mac) {
        Map<String, Object> nic = new LinkedHashMap<>();
        nic.put("name", name);
        nic.put(binding, Map.of());
        if (!mac.isEmpty()) {
            nic.put("macAddress", mac);
        }
        String vmModel = vm.identity().nicModels().get(name);
        if (vmModel != null) {
            nic.put("model", vmModel);
        } else if (!binding.equals("sriov") && role.nicModel() != Role.NicModel.VIRTIO) {
            nic.put("model", role.nicModel().keyword());
        }
        return nic;
    }

    private static List<GuestNetwork> guestNetworks(ClusterView cluster, ResolvedVm vm, Role role) {
        List<GuestNetwork> networks = new ArrayList<>();
        List<String> names = new ArrayList<>(role.sriov());
        names.addAll(role.bridges());
        for (String name : names) {
            Network network = cluster.cluster().network(name).orElseThrow();
            // A migrated VM keeps the MAC its guest knows (udev rules, DHCP reservations, licences); others get a stable one.
            String mac = vm.identity().macs().getOrDefault(name, GuestNetwork.mac(cluster.name(), cluster.vmNamespace(), vm.name(), name));
            networks.add(new GuestNetwork(name, network.type().keyword(), network.vlan(), network.mtu(), mac));
        }
        return networks;
    }

    private String userData(ClusterView cluster, ResolvedVm vm, Role role, List<GuestNetwork> networks) {
        if (role.guest().isEmpty()) {
            return "";
        }
        Map<String, Object> facts = new TreeMap<>();
        facts.put("name", vm.name());
        facts.put("namespace", cluster.vmNamespace());
        facts.put("role", role.name());
        facts.put("host", vm.host().orElse(""));
        facts.put("cluster", cluster.name());
        facts.put("fleet", cluster.fleet().name());
        facts.put("cpuCores", role.vcpus());
        facts.put("memory", role.memory());
        facts.put("gpus", role.gpus());
        Map<String, String> vars = new TreeMap<>(role.guestVars());
        vars.putAll(vm.guestVars());
        List<GuestTemplate> templates = role.guest().stream().map(name -> cluster.fleet().catalog().template(name).orElseThrow()).toList();
        CloudInit.Result result = cloudInit.render(templates, CloudInit.context(facts, networks, vars));
        result.problems().forEach(problem -> cluster.problems().error(Rule.GUEST, vm.source().of("role"),
                "guest configuration of vm '" + vm.name() + "' (role '" + role.name() + "'): " + problem,
                "fix the template, or give the VM or role the guestVars it reads"));
        return result.userData();
    }

    private static Map<String, Object> dataVolumeTemplate(ResolvedCluster cluster, String name, Disk disk) {
        Map<String, Object> source;
        Map<String, Object> sourceRef = null;
        if (disk.dataSource().isPresent()) {
            // a golden image: CDI clones the DataSource's current PVC or snapshot (DataVolume spec.sourceRef, kind DataSource)
            String[] ref = disk.dataSource().get().contains("/") ? disk.dataSource().get().split("/", 2)
                    : new String[] {Disk.GOLDEN_IMAGES_NAMESPACE, disk.dataSource().get()};
            sourceRef = Map.of("kind", "DataSource", "namespace", ref[0], "name", ref[1]);
            source = null;
        } else if (disk.importUrl().isPresent()) {
            // CDI http source: certConfigMap (CA bundle of the server) and secretRef (accessKeyId/secretKey), both in the
            // DataVolume's namespace (containerized-data-importer doc/datavolumes.md).
            Map<String, Object> http = new LinkedHashMap<>();
            http.put("url", disk.importUrl().get());
            disk.certConfigMap().ifPresent(configMap -> http.put("certConfigMap", configMap));
            disk.secretRef().ifPresent(secret -> http.put("secretRef", secret));
            source = Map.of("http", http);
        } else if (disk.blank()) {
            source = Map.of("blank", Map.of());
        } else if (disk.importRegistry().isPresent()) {
            source = Map.of("registry", Map.of("url", disk.importRegistry().get()));
        } else {
            String[] pvc = disk.clonePvc().orElseThrow().split("/", 2);
            source = Map.of("pvc", Map.of("namespace", pvc[0], "name", pvc[1]));
        }
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("accessModes", List.of(cluster.storage().accessModeOf(disk.storageClass()).orElseThrow().keyword()));
        storage.put("resources", Map.of("requests", Map.of("storage", disk.size().orElse(cluster.storage().size()))));
        String storageClass = disk.storageClass().orElse(cluster.storage().storageClass());
        if (!storageClass.isEmpty()) {
            storage.put("storageClassName", storageClass);
        }
        if (cluster.storage().backend().filter(b -> b.type() == dev.pulse.model.StorageBackend.Type.ODF).isPresent()
                && storageClass.contains("-ceph-rbd")) {
            // RWX on Ceph RBD is block only; a shared block disk is what live migration needs (Red Hat OpenShift
            // Virtualization "Storage: live migration requires RWX"; ocs-operator storageclasses.go "RWO and RWX Block")
            storage.put("volumeMode", "Block");
        }
        return Map.of("metadata", Map.of("name", name), "spec", sourceRef != null ? Map.of("sourceRef", sourceRef, "storage", storage)
                : Map.of("source", source, "storage", storage));
    }

    /**
     * Pinned: the host by name, or a machine pool by its labels (its nodes' names are not known in advance).
     * Unpinned with GPUs: hosts whose GPU workload matches. Plus the cluster's placement.
     */
    private static Map<String, String> nodeSelector(ClusterView cluster, ResolvedVm vm, Role role) {
        Map<String, String> selector = new TreeMap<>(cluster.cluster().placement().nodeSelector());
        if (vm.host().isPresent()) {
            cluster.cluster().host(vm.host().get()).map(ResolvedHost::selector).ifPresent(selector::putAll);
        } else if (role.gpus() > 0) {
            cluster.gpuSlotFor(vm).ifPresent(slot -> selector.put(HostLabels.GPU_WORKLOAD, slot.mode().keyword()));
        }
        return selector;
    }

    /** SSH keys through cloud-init NoCloud, passwords through the guest agent: both read from Secrets at boot. */
    private static List<Map<String, Object>> accessCredentials(ResolvedCluster cluster) {
        List<Map<String, Object>> credentials = new ArrayList<>();
        cluster.access().sshKeys().ifPresent(secret -> credentials.add(Map.of("sshPublicKey", Map.of(
                "source", Map.of("secret", Map.of("secretName", secret)),
                "propagationMethod", Map.of("noCloud", Map.of())))));
        cluster.access().passwords().ifPresent(secret -> credentials.add(Map.of("userPassword", Map.of(
                "source", Map.of("secret", Map.of("secretName", secret)),
                "propagationMethod", Map.of("qemuGuestAgent", Map.of())))));
        return credentials;
    }

    /** A static block volume on one host; Retain, so deleting the claim never wipes the user's data. */
    private static HasMetadata persistentVolume(ClusterView cluster, LocalVolume volume) {
        return new PersistentVolumeBuilder()
                .withMetadata(Resources.metadata(null, cluster.vmNamespace() + "-" + volume.name(), cluster.fleet().name(),
                        Map.of(VOLUME_LABEL, volume.name())))
                .withNewSpec()
                .withCapacity(Map.of("storage", new Quantity(volume.size())))
                .withVolumeMode("Block")
                .withAccessModes(AccessMode.READ_WRITE_ONCE.keyword())
                .withPersistentVolumeReclaimPolicy("Retain")
                .withStorageClassName("")
                .withNewLocal().withPath(volume.path()).endLocal()
                .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey("kubernetes.io/hostname").withOperator("In").withValues(volume.host())
                .endMatchExpression().endNodeSelectorTerm().endRequired().endNodeAffinity()
                .endSpec()
                .build();
    }

    /** The claim a VM disk names, bound to its volume by label. */
    private static HasMetadata claim(ClusterView cluster, LocalVolume volume) {
        return new PersistentVolumeClaimBuilder()
                .withMetadata(Resources.metadata(cluster.vmNamespace(), volume.name(), cluster.fleet().name(), Map.of()))
                .withNewSpec()
                .withAccessModes(AccessMode.READ_WRITE_ONCE.keyword())
                .withVolumeMode("Block")
                .withStorageClassName("")
                .withNewSelector().withMatchLabels(Map.of(VOLUME_LABEL, volume.name())).endSelector()
                .withNewResources().withRequests(Map.of("storage", new Quantity(volume.size()))).endResources()
                .endSpec()
                .build();
    }
}
