package dev.pulse.model.diag;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every rule Pulse reports, in one place: its id, default severity, a one-line title and the upstream source it
 * rests on. Diagnostics name a {@code Rule}, never a free string, so an id cannot drift from this list; tests check
 * that every rule has a corpus case (or a named test) and a row in README's rules table.
 *
 * <p>An enum rather than a class of constants: {@link #values()} lists every rule without reflection (what the
 * registry tests walk), ids are unique by construction (the constant is the id without {@code PULSE-}, dashes as
 * underscores, checked when the class loads), and code can {@code switch} over rules.
 *
 * <p>The default severity is the one the rule reports with; a few rules report some findings one step lower
 * (e.g. {@link #RHOSO_NETWORK} warns about networks Pulse does not render yet) through
 * {@link Diagnostics#warning(Rule, Location, String, String)}.
 */
public enum Rule {

    // Reading files: bounded YAML and the file system.
    YAML_SYNTAX(Severity.ERROR, "invalid YAML", "YAML 1.1 (jackson-dataformat-yaml over SnakeYAML)"),
    YAML_EMPTY(Severity.ERROR, "an empty file", "the fleet.yaml format"),
    YAML_DOCUMENTS(Severity.ERROR, "several YAML documents in one file", "the fleet.yaml format (one document per file)"),
    YAML_SIZE(Severity.ERROR, "a file over the size limit (16 MiB)", "bounded parsing (YamlLimits)"),
    YAML_DEPTH(Severity.ERROR, "nesting deeper than the limit (64)", "bounded parsing (YamlLimits)"),
    YAML_ALIAS(Severity.ERROR, "alias expansion over the limit (billion laughs), or an undefined alias", "bounded parsing (YamlLimits)"),
    YAML_DUPLICATE_KEY(Severity.ERROR, "a key set twice in one mapping", "YAML 1.2 spec (mapping keys are unique)"),
    YAML_ENCODING(Severity.ERROR, "a byte that is not UTF-8", "YAML 1.2 (UTF-8 streams); the fleet.yaml format"),
    IO(Severity.ERROR, "a fleet, profile or template file, or its folder, that cannot be read", "the file system"),
    FLEET_CLASS(Severity.ERROR, "a fleet class that cannot be loaded, is not a Supplier<FleetSpec>, or fails",
            "Pulse's Java fleet API (a public Supplier<FleetSpec> with a no-argument constructor)"),
    PROXMOX_SYNTAX(Severity.ERROR, "a qemu-server config or lspci line the importer cannot parse",
            "Proxmox VE qemu-server config format (qm.conf(5)); lspci -nn output"),

    // Binding the model: the fleet.yaml format.
    UNKNOWN_KEY(Severity.ERROR, "a key the fleet.yaml format does not have", "the fleet.yaml format"),
    TYPE(Severity.ERROR, "a value of the wrong type", "the fleet.yaml format"),
    REQUIRED(Severity.ERROR, "a missing or empty required field", "the fleet.yaml format; OpenStackControlPlane CRD (spec.storageClass)"),
    CHOICE(Severity.ERROR, "a value outside its set", "the fleet.yaml format; KubeVirt NIC models; Nova pci alias numa_policy"),
    RANGE(Severity.ERROR, "a number outside its range", "the fleet.yaml format; SR-IOV Network Operator (numVfs <= 128)"),
    OVERRIDE(Severity.NOTE, "what a config-repo catalog entry or template changed over the built-in one", "the fleet.yaml format"),

    // Names and references.
    NAME(Severity.ERROR, "a name that cannot be a Kubernetes object name or path", "Kubernetes object names (DNS-1123); Nova pci_passthrough:alias syntax"),
    DUPLICATE_NAME(Severity.ERROR, "the same name twice per kind and scope", "Kubernetes object names (unique per kind and namespace)"),
    REF(Severity.ERROR, "a reference that does not resolve", "the fleet.yaml format"),
    GIT(Severity.ERROR, "a repo URL Argo CD cannot clone, or a tree path outside the repo", "Argo CD Application spec.source"),

    // Devices.
    PCI_ID(Severity.ERROR, "a PCI id not VVVV:DDDD", "lspci -nn; HyperConverged pciDeviceSelector"),
    PCI_ADDRESS(Severity.ERROR, "a host PCI address not DDDD:BB:DD.F, or a PCI device Pulse cannot bind by address", "lspci -D; seed 001"),
    USB_ID(Severity.ERROR, "a USB device that is not a vendor:product id", "KubeVirt USB host passthrough (HyperConverged usbHostDevices selectors)"),
    RESOURCE_NAME(Severity.ERROR, "an SR-IOV resource name or extended resource name Kubernetes refuses",
            "SR-IOV Network Operator API (resourceName ^[a-zA-Z0-9_]+$); Kubernetes extended resources"),
    COMPANION(Severity.ERROR, "a GPU's companion function listed as a device of its own", "VFIO (an IOMMU group is assigned whole)"),

    // GPUs.
    GPU_MODE(Severity.ERROR, "a host mixing container, passthrough and vGPU GPUs",
            "NVIDIA GPU Operator with OpenShift Virtualization, \"Assumptions, constraints and dependencies\""),
    GPU_CAPACITY(Severity.ERROR, "more GPUs asked than a host or cluster has", "device plugin scheduling (a VM waits Pending); Nova PCI claims per host"),
    GPU_MODEL(Severity.ERROR, "an unpinned GPU VM or flavor where the GPU kind is ambiguous", "KubeVirt hostDevices deviceName; Nova PCI alias"),
    GPU_OPERATOR(Severity.ERROR, "container or vGPU GPUs without the NVIDIA GPU Operator", "NVIDIA GPU Operator with KubeVirt"),
    VGPU(Severity.ERROR, "a vGPU without a profile, one the board does not offer, or without a vGPU Manager image",
            "NVIDIA Virtual GPU software, supported vGPU types per board; GPU Operator vGPU Manager"),

    // SR-IOV and networks.
    VF_MAX(Severity.ERROR, "more VFs per port than the card supports", "SR-IOV Network Operator (numVfs up to the card's maximum)"),
    VF_CAPACITY(Severity.ERROR, "more VF attachments than a host or cluster has", "SR-IOV device plugin (a VM asking for a VF none is free to give stays Pending)"),
    SRIOV_CONTROL_PLANE(Severity.ERROR, "VFs on control-plane hosts of a standard cluster", "OpenShift SR-IOV Network Operator docs"),
    ESWITCH(Severity.WARNING, "switchdev on VFs that go to VMs", "SR-IOV Network Operator (switchdev serves OVS hardware offload)"),
    NETWORK(Severity.ERROR, "a network, host address, route or live migration network the hosts cannot provide",
            "KubeVirt SR-IOV / bridge binding; nmstate; ovn-kubernetes localnet/layer2; OpenShift Virtualization live migration network"),

    // Host configuration.
    TOPOLOGY(Severity.ERROR, "a host configuration the cluster's topology cannot carry",
            "MCO docs/SingleNodeOpenShift.md; ROSA/OSD service definition and responsibility matrix"),
    MACHINE_POOL(Severity.ERROR, "a machine pool without the labels the tree selects its hosts by", "Node Feature Discovery (NodeFeatureRule labels nodes by name)"),
    CPU_SETS(Severity.ERROR, "dedicated CPUs or huge pages without usable reserved/isolated CPU lists",
            "Node Tuning Operator PerformanceProfile validation; OpenShift Virtualization \"Enabling dedicated resources for virtual machines\""),
    IOMMU_MIXED(Severity.WARNING, "AMD and Intel passthrough hosts in one pool", "Linux kernel-parameters.txt (each vendor's IOMMU arguments)"),

    // Workloads.
    QUANTITY(Severity.ERROR, "a memory, size or page size that is not a usable quantity", "Kubernetes resource quantities; KubeVirt hugepages"),
    NUMA(Severity.ERROR, "a guest NUMA topology without dedicated CPUs and huge pages", "KubeVirt docs virtual_machines/numa.md (guestMappingPassthrough)"),
    DISK(Severity.ERROR, "a disk without exactly one well-formed source, or a local volume off its host", "CDI DataVolume sources (containerized-data-importer doc/datavolumes.md)"),
    EVICTION(Severity.ERROR, "LiveMigrate for a VM that cannot move", "KubeVirt live migration limitations; seed 002"),
    STORAGE(Severity.ERROR, "storage a backend cannot give, or a cluster without storage for its disks",
            "openshift/lvm-operator README; local-storage-operator docs; Red Hat ODF bare-metal deployment (replica 3); seed 002"),
    SECRET(Severity.ERROR, "a secret value in the model or the rendered tree", "DESIGN section 3 (references to Secrets only)"),
    GUEST(Severity.ERROR, "a guest template that fails, reads unknown variables or passes its limits", "jinjava (sandboxed Jinja templates)"),
    RETIRED(Severity.NOTE, "what the next sync does to a retired VM", "the fleet.yaml format (retired); Argo CD pruning"),
    DELETE(Severity.WARNING, "a render whose sync deletes a disk, or leaves one behind", "Argo CD sync options (Prune=false); KubeVirt owner references"),
    REBOOT(Severity.WARNING, "a render whose sync reboots nodes", "Machine Config Operator (a changed MachineConfig reboots its pool); SR-IOV Network Operator"),

    // RHOSO.
    PLATFORM(Severity.ERROR, "a setting the cluster's platform (OpenShift Virtualization or RHOSO) does not use", "RHOSO: instances are Nova servers, hosts EDPM nodes"),
    NOVA_GPU(Severity.ERROR, "GPUs on an EDPM host in a mode Nova PCI passthrough cannot serve",
            "Nova PCI passthrough; openstack-k8s-operators/architecture examples/dt/nova/nova04delta"),
    RHOSO_NETWORK(Severity.ERROR, "a NetConfig network or ctlplane address that does not fit", "openstack-operator NetConfig / IPAM");

    private static final Map<String, Rule> BY_ID = Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Rule::id, Function.identity()));

    private final Severity severity;
    private final String title;
    private final String source;

    Rule(Severity severity, String title, String source) {
        this.severity = severity;
        this.title = title;
        this.source = source;
    }

    /** The id printed in diagnostics and README, e.g. {@code PULSE-GPU-MODE}. */
    public String id() {
        return "PULSE-" + name().replace('_', '-');
    }

    /** The severity the rule reports with. */
    public Severity severity() {
        return severity;
    }

    /** One line saying what the rule refuses or reports. */
    public String title() {
        return title;
    }

    /** The upstream fact the rule rests on: a repository and file, a vendor document, or the fleet.yaml format itself. */
    public String source() {
        return source;
    }

    /** The rule with {@code id}, if there is one. */
    public static Optional<Rule> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /**
     * The rule with {@code id}.
     *
     * @throws IllegalArgumentException when no rule has that id: a Pulse bug, so tests fail on drift
     */
    public static Rule of(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no rule " + id + " in dev.pulse.model.diag.Rule"));
    }

    @Override
    public String toString() {
        return id();
    }
}
