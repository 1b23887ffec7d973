package dev.pulse.model.format;

import com.fasterxml.jackson.annotation.JsonClassDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.pulse.model.AccessMode;
import dev.pulse.model.CpuVendor;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.Disk;
import dev.pulse.model.ESwitchMode;
import dev.pulse.model.EvictionStrategy;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GuestOs;
import dev.pulse.model.HostInterface;
import dev.pulse.model.Network;
import dev.pulse.model.NicUse;
import dev.pulse.model.Retirement;
import dev.pulse.model.Role;
import dev.pulse.model.RunStrategy;
import dev.pulse.model.StorageBackend;
import dev.pulse.model.Topology;
import dev.pulse.model.VmIdentity;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The shape of {@code fleet.yaml}, for the JSON Schema editors use to complete and check it. The build
 * generates the schema from these records (victools jsonschema-generator); {@link dev.pulse.model.load.FleetLoader}
 * reads the file, and tests hold the two to the same keys and types.
 */
@JsonClassDescription("A Pulse fleet: clusters, their hosts and VMs, and the catalog they refer to.")
public record FleetFile(
        @JsonProperty(required = true) @JsonPropertyDescription("Fleet name: the app.kubernetes.io/part-of label (a DNS-1123 label).")
        @Pattern(regexp = FleetFile.LABEL) @Size(max = 63) String fleet,
        @JsonProperty(required = true) Git git,
        Argocd argocd,
        @JsonProperty(required = true) List<ClusterDoc> clusters,
        List<DeviceDoc> devices,
        List<ProfileDoc> hardwareProfiles,
        List<RoleDoc> roles) {

    /** DNS-1123 label: names of clusters, VMs, catalog entries, networks, volumes (also file and object names). */
    public static final String LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    /** DNS-1123 subdomain: node (host) names. */
    public static final String SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";


    @JsonClassDescription("Where Argo CD finds the rendered tree.")
    public record Git(@JsonProperty(required = true) String repoURL, @JsonProperty(defaultValue = "HEAD") String targetRevision,
            @JsonPropertyDescription("The rendered tree's folder in the repository (default deploy).") @JsonProperty(defaultValue = "deploy") String path) {}

    public record Argocd(@JsonProperty(defaultValue = "openshift-gitops") String namespace, @JsonProperty(defaultValue = "openshift-gitops") String instance, @JsonProperty(defaultValue = "default") String project) {}

    @JsonClassDescription("One OpenShift cluster.")
    public record ClusterDoc(
            @JsonProperty(required = true) @JsonPropertyDescription("Cluster name: a DNS-1123 label; names its overlays, Applications and bootstrap file.") @Pattern(regexp = LABEL) @Size(max = 63) String name,
            @JsonProperty(defaultValue = "standard") Topology topology,
            @JsonProperty(defaultValue = "https://kubernetes.default.svc") String server,
            Storage storage,
            @JsonProperty(defaultValue = "true") Boolean gpuOperator,
            @JsonPropertyDescription("The NVIDIA vGPU Manager image vGPU hosts need (built from NVIDIA's licensed package).") VgpuManagerDoc vgpuManager,
            String vmNamespace,
            PlacementDoc placement,
            List<NetworkDoc> networks,
            Access access,
            List<VolumeDoc> volumes,
            Operators operators,
            List<HostDoc> hosts,
            List<VmDoc> vms,
            @JsonPropertyDescription("openshift-virtualization (default: KubeVirt VMs) or rhoso (OpenStack Services on OpenShift: hosts are EDPM compute nodes, roles become Nova flavors).") @JsonProperty(defaultValue = "openshift-virtualization") dev.pulse.model.Platform platform,
            @JsonPropertyDescription("The OpenStack settings of a cluster with platform: rhoso.") RhosoDoc rhoso,
            @JsonPropertyDescription("HyperConverged liveMigrationConfig: limits, bandwidth, timeout, and the network migrations run over.") LiveMigrationDoc liveMigration) {}

    public record RhosoDoc(
            @JsonPropertyDescription("Namespace of the control plane and data plane (default openstack).") @JsonProperty(defaultValue = "openstack") String namespace,
            @JsonPropertyDescription("Name of the OpenStackControlPlane (default controlplane).") @JsonProperty(defaultValue = "controlplane") String controlPlane,
            @JsonPropertyDescription("Existing Secret with the service passwords (default osp-secret).") @JsonProperty(defaultValue = "osp-secret") String secret,
            @JsonProperty(defaultValue = "libvirt-secret") String libvirtSecret, @JsonProperty(defaultValue = "dataplane-ansible-ssh-private-key-secret") String sshKeySecret, @JsonProperty(defaultValue = "nova-migration-ssh-key") String migrationSshKeySecret, @JsonProperty(defaultValue = "cloud-admin") String ansibleUser,
            @JsonPropertyDescription("os-net-config name of the EDPM nodes' control-plane NIC (default nic1).") @JsonProperty(defaultValue = "nic1") String ctlplaneInterface,
            @JsonPropertyDescription("openstackclient image the flavor Job runs.") @JsonProperty(defaultValue = "quay.io/podified-antelope-centos9/openstack-openstackclient:current-podified") String clientImage,
            List<RhosoNetworkDoc> networks, RhosoServices services, List<PciAliasDoc> pciAliases,
            @JsonPropertyDescription("Roles that become Nova flavors.") List<String> flavors) {}

    public record RhosoNetworkDoc(@JsonProperty(required = true) String name, @JsonProperty(required = true) String dnsDomain,
            @JsonProperty(required = true) String cidr, String gateway, @JsonProperty(defaultValue = "0") @Min(0) @Max(4094) Integer vlan, @JsonProperty(defaultValue = "1500") @Min(576) @Max(9216) Integer mtu,
            @JsonProperty(required = true) String allocationStart, @JsonProperty(required = true) String allocationEnd) {}

    public record RhosoServices(Boolean barbican, Boolean cinder, Boolean glance, Boolean heat, Boolean horizon) {}

    public record PciAliasDoc(@JsonProperty(required = true) String model, String name,
            @JsonPropertyDescription("Nova numa_policy: required, legacy, preferred or socket.") String numaPolicy) {}

    public record LiveMigrationDoc(@Min(1) @Max(1000) Integer parallelMigrationsPerCluster, @Min(1) @Max(100) Integer parallelOutboundMigrationsPerNode,
            @JsonPropertyDescription("Bytes per second per migration, a quantity such as 2Gi.") String bandwidthPerMigration,
            @Min(1) @Max(100000) Integer completionTimeoutPerGiB,
            @JsonPropertyDescription("A bridge network of the cluster with ipRange: migrations run over it (its attachment goes to openshift-cnv).") String network) {}

    public record Storage(@JsonProperty("class") String storageClass, AccessMode accessMode, @JsonProperty(defaultValue = "50Gi") String size, List<OtherClass> otherClasses,
            @JsonPropertyDescription("A backend Pulse installs and configures on the hosts' disks: lvms (LVM Storage, RWO), odf (OpenShift Data "
                    + "Foundation on local disks, RWX block), local (Local Storage Operator, RWO). Without it, 'class' must exist.") StorageBackend.Type backend,
            @JsonPropertyDescription("LVM Storage device class (volume group); its StorageClass is lvms-<deviceClass>. Default vg1.") @JsonProperty(defaultValue = "vg1") String deviceClass,
            @JsonPropertyDescription("The local disks the backend consumes (and wipes), per host.") List<BackendDisks> disks) {}

    public record BackendDisks(@JsonProperty(required = true) String host, @JsonProperty(required = true) List<String> paths) {}

    public record OtherClass(@JsonProperty(required = true) String name, @JsonProperty(defaultValue = "ReadWriteOnce") AccessMode accessMode) {}

    public record PlacementDoc(Map<String, String> nodeSelector, List<Toleration> tolerations) {}

    public record Toleration(@JsonProperty(required = true) String key, @JsonProperty(defaultValue = "Equal") String operator, String value, String effect) {}

    public record NetworkDoc(@JsonProperty(required = true) @JsonPropertyDescription("Network name: a DNS-1123 label, referenced by roles' sriov/bridges.") @Pattern(regexp = LABEL) @Size(max = 63) String name, @JsonProperty(defaultValue = "sriov") Network.Type type, String nic, String bridge,
            @JsonProperty(defaultValue = "0") @Min(0) @Max(4094) Integer vlan, @JsonProperty(defaultValue = "0") @Min(0) @Max(9216) Integer mtu,
            @JsonPropertyDescription("Bridge networks whose pods need addresses (the live migration network): the CIDR whereabouts hands out.") String ipRange) {}

    public record Access(String sshKeysSecret, String passwordsSecret) {}

    public record VolumeDoc(@JsonProperty(required = true) @JsonPropertyDescription("Volume name: a DNS-1123 label; the claim's name.") @Pattern(regexp = LABEL) @Size(max = 63) String name, @JsonProperty(required = true) String host,
            @JsonProperty(required = true) String path, @JsonProperty(required = true) String size) {}

    public record Operators(
            @JsonProperty("cert-manager") OperatorDoc certManager,
            @JsonProperty("gpu-operator") OperatorDoc gpuOperator,
            @JsonProperty("local-storage") OperatorDoc localStorage,
            OperatorDoc lvms,
            OperatorDoc nfd,
            OperatorDoc nmstate,
            OperatorDoc odf,
            OperatorDoc openstack,
            OperatorDoc sriov,
            OperatorDoc virtualization) {}

    public record OperatorDoc(Boolean enabled, String channel, String source, String sourceNamespace, String startingCSV, @JsonProperty(defaultValue = "false") Boolean manualApproval) {}

    public record HostDoc(
            @JsonProperty(required = true) @JsonPropertyDescription("The node name (a DNS-1123 subdomain).") @Pattern(regexp = SUBDOMAIN)
            @Size(max = 253) String name,
            @JsonProperty(required = true) @JsonPropertyDescription("The hardware profile of the host: built in or defined in the repo.") String profile, List<HostPciDoc> pci,
            @JsonProperty(defaultValue = "false") Boolean controlPlane,
            @JsonPropertyDescription("The entry is a machine pool whose nodes the provider replaces: the labels its nodes carry.") MachinePoolDoc machinePool,
            @JsonPropertyDescription("RHOSO: the EDPM node's address on the ctlplane network.") String ctlplaneIP,
            @JsonPropertyDescription("Static addresses (CIDR) of this host per static interface of its profile's hostNetworks: one or a list.")
            Map<String, Object> addresses) {}


    public record MachinePoolDoc(Map<String, String> labels) {}

    public record VgpuManagerDoc(@JsonProperty(required = true) String repository, @JsonProperty(defaultValue = "vgpu-manager") String image, @JsonProperty(required = true) String version) {}

    public record HostPciDoc(@JsonProperty(required = true) String model, @JsonProperty(required = true) String address) {}

    public record VmDoc(@JsonProperty(required = true) @JsonPropertyDescription("VM name: a DNS-1123 label; the VirtualMachine's name, and <name>-rootdisk its disk's.") @Pattern(regexp = LABEL) @Size(max = 63) String name, @JsonProperty(required = true) String role, String host, DiskDoc disk,
            @JsonPropertyDescription("All disks in boot order, instead of 'disk'; DataVolumes <vm>-<disk>.") List<NamedDiskDoc> disks,
            @JsonPropertyDescription("Over the role's.") @Min(0) @Max(16) Integer gpus,
            @JsonPropertyDescription("Over the role's.") List<Attachment> sriov,
            @JsonPropertyDescription("Over the role's.") List<Attachment> bridges,
            @JsonPropertyDescription("Over the role's, key by key.") Resources resources,
            Role.Firmware firmware, GuestOs os,
            @JsonPropertyDescription("Guest templates over the role's; [] for none.") List<String> guest,
            @JsonPropertyDescription("SMBIOS system UUID of the guest (firmware.uuid).") String uuid,
            Efi efi, VmIdentity.Tpm tpm,
            @JsonPropertyDescription("CPU model the guest sees, e.g. host-passthrough.") String cpuModel,
            @JsonPropertyDescription("Guest NUMA topology mirroring the host's (needs dedicated CPUs and huge pages).") @JsonProperty(defaultValue = "false") Boolean numa,
            @JsonPropertyDescription("Network name (default: the pod network) to the MAC address of its interface.") Map<String, String> macs,
            @JsonPropertyDescription("Network name to the NIC model of its interface (e1000, e1000e, igb, ne2k_pci, pcnet, rtl8139, virtio).")
            Map<String, String> nicModels,
            @JsonPropertyDescription("USB devices of the host passed to the VM, as vendor:product ids (lsusb).") List<String> usb,
            @JsonPropertyDescription("Always (default), Halted, Manual or RerunOnFailure: spec.runStrategy.") @JsonProperty(defaultValue = "Always") RunStrategy runStrategy,
            @JsonPropertyDescription("Overrides the role's; LiveMigrate is refused for VMs with host devices or RWO disks.")
            EvictionStrategy evictionStrategy,
            @JsonPropertyDescription("Values the guest templates read as vars.<name>, over the role's.") Map<String, String> guestVars,
            @JsonPropertyDescription("Retire the VM on purpose: the sync deletes its VirtualMachine; keep-disks keeps its DataVolumes, "
                    + "delete-disks lets a later sync delete them once the entry is removed. A VM removed from the model keeps its disks.")
            Retirement retired,
            @JsonPropertyDescription("VMs of one group run on the same host where possible (preferred pod affinity).") String group) {}

    public record Efi(@JsonPropertyDescription("Keep the UEFI variables across restarts.") @JsonProperty(defaultValue = "false") Boolean persistent, Boolean secureBoot) {}

    public record DiskDoc(@JsonProperty("import") ImportDoc importFrom, @JsonProperty(defaultValue = "false") Boolean blank, String claim, String size, String storageClass, Disk.Bus bus,
            @JsonProperty(defaultValue = "false") Boolean cdrom) {}

    public record NamedDiskDoc(@JsonProperty(required = true) String name, @JsonProperty("import") ImportDoc importFrom, @JsonProperty(defaultValue = "false") Boolean blank, String claim,
            String size, String storageClass, Disk.Bus bus, @JsonProperty(defaultValue = "false") Boolean cdrom) {}

    public record ImportDoc(String url, String registry, String pvc,
            @JsonPropertyDescription("ConfigMap with the http server's CA bundle.") String certConfigMap,
            @JsonPropertyDescription("Secret with accessKeyId and secretKey for the http server.") String secretRef,
            @JsonPropertyDescription("A golden image: the DataSource [namespace/]name to clone (namespace default openshift-virtualization-os-images).") String dataSource) {}

    @JsonClassDescription("A PCI device model. Named like a built-in (or an earlier profiles/*.yaml entry), it is merged onto it field by "
            + "field, so pci and resourceName are required only for a new device.")
    public record DeviceDoc(@JsonProperty(required = true) @JsonPropertyDescription("Device model name (a DNS-1123 label), as profiles, roles and host pci entries refer to it.") @Pattern(regexp = LABEL) @Size(max = 63) String name, @JsonProperty(defaultValue = "pci") DeviceKind kind, String description,
            String pci, List<CompanionDoc> companions, String resourceName,
            @JsonProperty(defaultValue = "0") @Min(0) @Max(1024) Integer maxVfsPerPort, @JsonProperty(defaultValue = "false") Boolean vfChangeReboots, List<String> vgpuProfiles, String vfPci,
            @JsonPropertyDescription("GPU function with the SR-IOV capability: Nova classes it type-PF.") @JsonProperty(defaultValue = "false") Boolean sriovCapable) {}

    public record CompanionDoc(@JsonProperty(required = true) String pci, @JsonProperty(required = true) String resourceName) {}

    @JsonClassDescription("A kind of server. Named like a built-in (or an earlier profiles/*.yaml entry), it is merged onto it field by "
            + "field (mappings merge, lists replace, null drops a value), so cpu is required only for a new profile.")
    public record ProfileDoc(@JsonProperty(required = true) @JsonPropertyDescription("Hardware profile name (a DNS-1123 label); a built-in name overrides that profile field by field.") @Pattern(regexp = LABEL) @Size(max = 63) String name, String description, Cpu cpu,
            List<GpuDoc> gpus, List<NicDoc> nics, List<HostNetworkDoc> hostNetworks) {}

    public record Cpu(@JsonPropertyDescription("amd or intel: decides the IOMMU kernel arguments (required for a new profile).") CpuVendor vendor,
            @JsonPropertyDescription("Logical CPUs (threads) of the host; reserved and isolated must lie inside.") @JsonProperty(defaultValue = "0") @Min(0) @Max(8192) Integer count,
            String reserved, String isolated) {}

    public record GpuDoc(@JsonProperty(required = true) String model, @JsonProperty(defaultValue = "1") @Min(1) @Max(64) Integer count, @JsonProperty(defaultValue = "vm-passthrough") GpuMode mode, @JsonProperty(defaultValue = "false") Boolean console,
            String vgpuProfile) {}

    public record NicDoc(@JsonProperty(required = true) String model, @JsonProperty(defaultValue = "1") @Min(1) @Max(16) Integer cards, @JsonProperty(defaultValue = "1") @Min(1) @Max(8) Integer ports,
            @JsonProperty(defaultValue = "0") @Min(0) @Max(128) Integer vfsPerPort, @JsonProperty(defaultValue = "false") Boolean rdma, @JsonProperty(defaultValue = "legacy") ESwitchMode eswitch, @JsonProperty(defaultValue = "1500") @Min(576) @Max(9216) Integer mtu, @JsonProperty(defaultValue = "vm") NicUse use) {}

    public record HostNetworkDoc(@JsonProperty(required = true) @JsonPropertyDescription("Interface name on the host, e.g. bond1 or br1.") String name, @JsonProperty(defaultValue = "bond") HostInterface.InterfaceType type, List<String> ports, String mode,
            String base, @JsonProperty(defaultValue = "0") @Min(0) @Max(4094) Integer id, @JsonProperty(defaultValue = "0") @Min(0) @Max(9216) Integer mtu,
            @JsonPropertyDescription("IPv4: disabled (default), dhcp, or static (each host lists its address under addresses).") @JsonProperty(defaultValue = "disabled") HostInterface.IpMode ipv4,
            @JsonPropertyDescription("IPv6: disabled (default), dhcp (with router advertisements), or static.") @JsonProperty(defaultValue = "disabled") HostInterface.IpMode ipv6,
            List<RouteDoc> routes) {}

    public record RouteDoc(@JsonProperty(required = true) String destination, @JsonProperty(required = true) String gateway, @JsonProperty(defaultValue = "0") @Min(0) @Max(65535) Integer metric) {}


    @JsonClassDescription("What a VM is. Named like a built-in role (optik, unreal, inference, control) or an earlier one, it is merged "
            + "onto it field by field: write only what differs.")
    public record RoleDoc(@JsonProperty(required = true) @JsonPropertyDescription("Role name (a DNS-1123 label); a built-in name (optik, unreal, inference, control) overrides that role field by field.") @Pattern(regexp = LABEL) @Size(max = 63) String name, String description, @JsonProperty(defaultValue = "0") @Min(0) @Max(16) Integer gpus,
            List<Attachment> sriov, List<Attachment> bridges, List<String> pci, Resources resources, @JsonProperty(defaultValue = "false") Boolean gpuDisplay, @JsonProperty(defaultValue = "uefi") Role.Firmware firmware,
            @JsonProperty(defaultValue = "linux") GuestOs os, List<String> guest, Map<String, String> guestVars, EvictionStrategy evictionStrategy,
            @JsonPropertyDescription("NIC model of the VM's bridged interfaces: virtio (default) or e1000e for guests without virtio drivers.") @JsonProperty(defaultValue = "virtio") Role.NicModel nicModel,
            @JsonPropertyDescription("Run the role's VMs on different hosts where possible (preferred pod anti-affinity).") @JsonProperty(defaultValue = "false") Boolean spread) {}

    public record Attachment(@JsonProperty(required = true) String network) {}

    public record Resources(ResourcesCpu cpu, @JsonProperty(defaultValue = "4Gi") String memory, String hugepages) {}

    public record ResourcesCpu(@JsonProperty(defaultValue = "1") @Min(1) @Max(512) Integer cores, @JsonProperty(defaultValue = "1") @Min(1) @Max(16) Integer sockets, @JsonProperty(defaultValue = "false") Boolean dedicated) {}
}
