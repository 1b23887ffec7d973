package dev.pulse.importer.proxmox;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.Companion;
import dev.pulse.model.Device;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.Disk;
import dev.pulse.model.GuestOs;
import dev.pulse.model.Network;
import dev.pulse.model.PciId;
import dev.pulse.model.Quantity;
import dev.pulse.model.Role;
import dev.pulse.model.Vm;
import dev.pulse.model.VmIdentity;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.rules.Names;
import dev.pulse.model.yaml.YamlLimits;
import dev.pulse.model.yaml.YamlReader;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.Pulse;
import dev.pulse.render.yaml.FleetSpecWriter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns Proxmox VM configs into a fleet.yaml fragment (the host's hardware profile when none of the catalog
 * fits, a generated role for VMs no role fits, one cluster with the host, its networks and its VMs) and a
 * report that says, for every line of every config, what became of it. The fragment uses fleet.yaml's own
 * keys, so it merges into fleet.yaml as it is, and the merged fleet validates and renders.
 *
 * <p>Each VM keeps its shape (cores × sockets, memory, huge pages, GPUs, VFs, firmware, guest OS) as per-VM
 * values over its role where they differ, every disk in Proxmox's boot order, and its identity: SMBIOS UUID,
 * MAC addresses, UEFI variables and TPM state that persist, the host CPU model, guest NUMA where KubeVirt
 * allows it. {@code hostpci} functions resolve through the host's {@code lspci -nn} capture to catalog
 * devices: GPUs count towards the VM's GPUs, their companion functions travel with them, NIC virtual
 * functions become SR-IOV attachments. Nothing is dropped silently.
 */
public final class ProxmoxImport {

    /**
     * What to import into.
     *
     * @param cluster the target cluster's name
     * @param host the Proxmox host's node name on OpenShift
     * @param diskUrl export URL pattern with {@code {vmid}}, {@code {disk}} (volume name) and {@code {n}} (disk number)
     * @param roles VM id to role name, overriding the match by name and hardware
     * @param isoUrl URL pattern for ISO images ({@code {iso}}: the file name), for CD-ROMs; empty: CD-ROMs are reported only
     * @param certConfigMap ConfigMap with the export server's CA bundle, for every http import
     * @param secretRef Secret with the export server's credentials, for every http import
     * @param hostCpus logical CPUs of the host ({@code nproc}); 0: estimated when VMs need CPU lists
     */
    public record Settings(String cluster, String host, String diskUrl, Map<Integer, String> roles, Optional<String> isoUrl,
            Optional<String> certConfigMap, Optional<String> secretRef, int hostCpus) {

        public Settings(String cluster, String host, String diskUrl, Map<Integer, String> roles) {
            this(cluster, host, diskUrl, roles, Optional.empty(), Optional.empty(), Optional.empty(), 0);
        }
    }

    /**
     * The import: the fragment to merge into fleet.yaml, and the report.
     *
     * @param fragment fleet.yaml text: hardwareProfiles and roles drafted for the import, one cluster with the host and the VMs
     * @param report what was mapped how, and what was not, one line each
     * @param vms the VMs written, in vmid order
     */
    public record Result(String fragment, List<String> report, List<Vm> vms) {}

    /**
     * One whole import, as {@code mvn pulse:import-proxmox} asks for it: what to read, where the catalog comes
     * from, what to write.
     *
     * @param configs a copy of the Proxmox host's {@code /etc/pve/qemu-server} folder
     * @param lspci the host's {@code lspci -Dnn} capture, to tell which device each hostpci address is
     * @param roles a YAML mapping of VM id to role name, overriding the match by name and hardware
     * @param fleet a fleet file whose catalog (roles, devices, hardware profiles) to use when it exists; else the built-in catalog
     * @param cluster the target cluster's name
     * @param host the Proxmox host's node name on OpenShift
     * @param diskUrl export URL pattern with {@code {vmid}}, {@code {disk}} (volume name) and {@code {n}} (disk number)
     * @param isoUrl URL pattern for ISO images ({@code {iso}}: the file name); empty: CD-ROMs are reported only
     * @param certConfigMap ConfigMap with the export server's CA bundle, for every http import
     * @param secretRef Secret with the export server's credentials, for every http import
     * @param hostCpus logical CPUs of the host ({@code nproc}); 0: estimated when VMs need CPU lists
     * @param output the fragment to write; the report goes beside it ({@link #reportFile()})
     */
    public record Request(Path configs, Optional<Path> lspci, Optional<Path> roles, Optional<Path> fleet, String cluster, String host,
            String diskUrl, Optional<String> isoUrl, Optional<String> certConfigMap, Optional<String> secretRef, int hostCpus, Path output) {

        /** Absent values are empty Optionals, never null. */
        public Request {
            Objects.requireNonNull(configs, "configs");
            Objects.requireNonNull(lspci, "lspci");
            Objects.requireNonNull(roles, "roles");
            Objects.requireNonNull(fleet, "fleet");
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(diskUrl, "diskUrl");
            Objects.requireNonNull(isoUrl, "isoUrl");
            Objects.requireNonNull(certConfigMap, "certConfigMap");
            Objects.requireNonNull(secretRef, "secretRef");
            Objects.requireNonNull(output, "output");
        }

        /** {@code <output without .yaml or .yml>.report.txt}, beside the fragment. */
        public Path reportFile() {
            return output.resolveSibling(output.getFileName().toString().replaceAll("\\.ya?ml$", "") + ".report.txt");
        }

        private Settings settings(Map<Integer, String> roleMapping) {
            return new Settings(cluster, host, diskUrl, roleMapping, isoUrl, certConfigMap, secretRef, hostCpus);
        }
    }

    /**
     * What {@link #execute(Request)} wrote.
     *
     * @param result the import: the fragment, the report lines (as written), the VM entries
     * @param fragment the fragment file
     * @param report the report file
     */
    public record Written(Result result, Path fragment, Path report) {

        /** How many VMs the fragment holds. */
        public int vmCount() {
            return result.vms().size();
        }
    }

    /** The role VMs get that no catalog role fits: no devices, no guest templates; each VM's own shape is on the VM. */
    static final String GENERATED_ROLE = "imported";

    /** Keys that describe the Proxmox VM itself and need nothing on OpenShift. */
    private static final Map<String, String> BOOKKEEPING = Map.ofEntries(
            Map.entry("digest", "Proxmox's config checksum"),
            Map.entry("meta", "Proxmox's creation record"),
            Map.entry("vmgenid", "the VM generation id, which KubeVirt does not set"),
            Map.entry("scsihw", "the SCSI controller: KubeVirt's scsi bus is virtio-scsi"),
            Map.entry("onboot", "start at boot: runStrategy Always"),
            Map.entry("startup", "start order: Argo CD and KubeVirt start VMs independently"),
            Map.entry("bootdisk", "the boot disk: the disk order above"),
            Map.entry("agent", "the QEMU guest agent: KubeVirt talks to it when the guest runs it"),
            Map.entry("machine", "the machine type: KubeVirt's default q35"),
            Map.entry("tablet", "the USB tablet: KubeVirt's VNC console has its own"),
            Map.entry("vga", "the emulated display: KubeVirt's default VGA (or none with gpuDisplay)"),
            Map.entry("kvm", "hardware virtualization: always on in KubeVirt"),
            Map.entry("localtime", "the RTC in local time: Windows guests get UTC with the Hyper-V clock"),
            Map.entry("protection", "Proxmox's removal protection: disks are protected DataVolumes"),
            Map.entry("name", "the VM name"),
            Map.entry("description", "the description"),
            Map.entry("smbios1", "the SMBIOS system UUID"),
            Map.entry("balloon", "the balloon floor: KubeVirt gives the guest its whole memory"),
            Map.entry("shares", "memory shares: not in KubeVirt"),
            Map.entry("tags", "Proxmox tags"),
            Map.entry("lock", "a Proxmox lock"));

    private static final Pattern DISK = Pattern.compile("(scsi|virtio|sata|ide)\\d+");
    private static final Pattern VOLUME = Pattern.compile("[^:]+:(?:\\d+/)?(vm-(\\d+)-disk-(\\d+)[^,]*)");
    private static final Pattern ISO = Pattern.compile("[^:]+:iso/([^,]+)");
    private static final Pattern NIC_MODEL = Pattern.compile("virtio|e1000e?|rtl8139|vmxnet3|i82551|i82557b|i82559er|ne2k_isa|ne2k_pci|pcnet");

    private final Catalog catalog;

    /** An importer that matches devices, roles and hardware profiles against {@code catalog}. */
    public ProxmoxImport(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Does the whole import of {@code request}: takes the catalog of its fleet (validated through
     * {@link Pulse#validate(Path)}) or the built-in one, reads the roles file, the configs and the lspci
     * capture, imports them, and writes the fragment and the report beside it. The report's first line says
     * which catalog was used.
     *
     * @throws dev.pulse.model.diag.FleetException with every problem of the inputs at once, each at its file:line:column
     *     (the fleet's own, unreadable or oversized files, malformed config lines and roles entries); nothing is written then
     * @throws IOException when the fragment or the report cannot be written
     */
    public static Written execute(Request request) throws IOException {
        Optional<Path> fleet = request.fleet().filter(Files::isRegularFile);
        Catalog catalog = fleet.map(file -> new Pulse().validate(file).fleet().catalog()).orElseGet(BuiltinProfiles::catalog);
        Diagnostics diagnostics = new Diagnostics();
        Map<Integer, String> roles = request.roles().map(file -> RolesFile.read(file, YamlLimits.DEFAULT, diagnostics)).orElse(Map.of());
        Inputs inputs = read(request.configs(), request.lspci(), diagnostics);
        diagnostics.throwIfErrors();
        Result imported = new ProxmoxImport(catalog).run(inputs.configs(), inputs.lspci(), request.settings(roles));
        List<String> report = new ArrayList<>();
        report.add(fleet.map(file -> "catalog: the roles, devices and hardware profiles of " + file + " (built-in ones, profiles/ beside it, its own)")
                .orElse("catalog: the built-in roles, devices and hardware profiles" + request.fleet().map(file -> " (no fleet file at " + file + ")")
                        .orElse("")));
        report.addAll(imported.report());
        Result result = new Result(imported.fragment(), List.copyOf(report), imported.vms());
        Path parent = request.output().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(request.output(), result.fragment());
        Files.writeString(request.reportFile(), String.join("\n", result.report()) + "\n");
        return new Written(result, request.output(), request.reportFile());
    }

    /**
     * Reads every {@code *.conf} in {@code folder} (a copy of {@code /etc/pve/qemu-server}) and the optional
     * lspci capture, then imports them.
     *
     * @throws dev.pulse.model.diag.FleetException listing every unreadable file and malformed line at once
     */
    public Result importFolder(Path folder, Optional<Path> lspciFile, Settings settings) {
        Diagnostics diagnostics = new Diagnostics();
        Inputs inputs = read(folder, lspciFile, diagnostics);
        diagnostics.throwIfErrors();
        return run(inputs.configs(), inputs.lspci(), settings);
    }

    /** The parsed configs, in file name order, and the lspci capture. */
    private record Inputs(List<QemuConfig> configs, Lspci lspci) {}

    /** Reads the inputs; every problem (I/O too) becomes a diagnostic, and the rest is still read. */
    private static Inputs read(Path folder, Optional<Path> lspciFile, Diagnostics diagnostics) {
        List<Path> files = List.of();
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".conf")).sorted().toList();
            if (files.isEmpty()) {
                diagnostics.error(Rule.PROXMOX_SYNTAX, Location.of(folder.toString()), "no <vmid>.conf files in the folder",
                        "copy /etc/pve/qemu-server from the Proxmox host and point pulse.proxmox.dir at it");
            }
        } catch (IOException e) {
            diagnostics.error(Rule.IO, Location.of(folder.toString()), "cannot list " + folder + ": " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    "copy /etc/pve/qemu-server from the Proxmox host and point pulse.proxmox.dir at it");
        }
        List<QemuConfig> configs = new ArrayList<>();
        for (Path file : files) {
            String label = file.getFileName().toString();
            text(file, label, diagnostics).flatMap(text -> QemuConfig.parse(label, text, diagnostics)).ifPresent(configs::add);
        }
        Lspci lspci = Lspci.NONE;
        if (lspciFile.isPresent()) {
            String label = lspciFile.get().getFileName().toString();
            lspci = text(lspciFile.get(), label, diagnostics).map(text -> Lspci.parse(label, text, diagnostics)).orElse(Lspci.NONE);
        }
        return new Inputs(configs, lspci);
    }

    /**
     * A config or capture as text: at most {@link QemuConfig#MAX_BYTES} (checked before reading, so a huge file is
     * never loaded), UTF-8 checked like fleet files are.
     */
    private static Optional<String> text(Path file, String label, Diagnostics diagnostics) {
        try {
            if (Files.size(file) > QemuConfig.MAX_BYTES) {
                diagnostics.error(Rule.PROXMOX_SYNTAX, Location.of(label), "file is larger than " + QemuConfig.MAX_BYTES + " bytes",
                        "check that this is a qemu-server config or an 'lspci -Dnn' capture");
                return Optional.empty();
            }
            return YamlReader.decode(label, Files.readAllBytes(file), diagnostics);
        } catch (IOException e) {
            diagnostics.error(Rule.IO, Location.of(label), "cannot read " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    "check that the file exists and is readable");
            return Optional.empty();
        }
    }

    /** What the VMs of the import need from the cluster and the host, gathered while mapping them. */
    private static final class Needs {
        final Map<String, Network> networks = new TreeMap<>();
        final Set<String> bridges = new TreeSet<>();
        final Map<String, Integer> vfsByNic = new TreeMap<>();
        int dedicatedCpus;
        boolean cpuLists;
        boolean generatedRole;
        boolean pinned;
        boolean vmState;
    }

    /** Imports configs already parsed: the VMs in vmid order, the host, the networks they need, the report. */
    public Result run(List<QemuConfig> configs, Lspci lspci, Settings settings) {
        List<String> report = new ArrayList<>();
        List<Vm> vms = new ArrayList<>();
        Needs needs = new Needs();
        for (QemuConfig config : configs.stream().sorted(java.util.Comparator.comparingInt(QemuConfig::vmid)).toList()) {
            vms.add(vm(config, lspci, settings, needs, report));
        }
        // the fragment's own catalog entries: laid over the catalog, the writer writes only these
        Catalog drafted = Catalog.EMPTY;
        Cluster.Builder cluster = Cluster.builder().name(settings.cluster());
        if (lspci.devices().isEmpty()) {
            report.add("hardware profile: no lspci capture, so none was matched or drafted; add the host under 'hosts:' with its profile"
                    + (needs.pinned ? " before rendering: VMs with host devices are pinned to it" : ""));
        } else {
            HostDraft host = HostDraft.of(catalog, lspci, settings.host(),
                    new HostDraft.Needs(needs.bridges, needs.vfsByNic, needs.dedicatedCpus, needs.cpuLists), settings.hostCpus(), report);
            if (host.drafted().isPresent()) {
                drafted = drafted.overriddenBy(new Catalog(new TreeMap<>(), new TreeMap<>(Map.of(host.name(), host.drafted().get())), new TreeMap<>(),
                        new TreeMap<>()));
            }
            cluster.host(settings.host(), host.name());
        }
        if (needs.generatedRole) {
            drafted = drafted.overriddenBy(new Catalog(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(Map.of(GENERATED_ROLE, generatedRole())),
                    new TreeMap<>()));
            report.add("role " + GENERATED_ROLE + ": generated for the VMs no role fits (no devices, no guest templates; each VM carries its own CPU, "
                    + "memory, GPUs and networks)");
        }
        needs.networks.values().forEach(cluster::network);
        vms.forEach(cluster::vm);
        if (needs.vmState) {
            report.add("storage: VMs keep UEFI variables or TPM state on a PVC each; set the cluster's 'storage: {class: ...}' (HyperConverged "
                    + "vmStateStorageClass), else KubeVirt uses the cluster's default StorageClass; it must be ReadWriteMany for them to live-migrate");
        }
        report.add("next: merge this into fleet.yaml (hardwareProfiles, roles and clusters are fleet.yaml's own lists), then run 'mvn pulse:validate' "
                + "and 'mvn pulse:render'");
        String header = "Imported by Pulse from Proxmox qemu-server configs (host " + settings.host() + ").\n"
                + "Review it and the import report, then merge it into fleet.yaml.";
        String text = new FleetSpecWriter(catalog).fragment(header, catalog.overriddenBy(drafted), "", List.of(cluster.build()));
        return new Result(text, List.copyOf(report), List.copyOf(vms));
    }

    private Vm vm(QemuConfig config, Lspci lspci, Settings settings, Needs needs, List<String> report) {
        String id = "VM " + config.vmid();
        String original = config.get("name").orElse("vm-" + config.vmid());
        String name = original;
        Map<String, String> outcome = new LinkedHashMap<>();
        if (!Names.isLabel(name)) {
            name = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
            report.add(id + ": name '" + original + "' is not a DNS-1123 label; imported as '" + name + "'");
        }
        id = id + " (" + name + ")";
        outcome.put("name", "the VM name " + name);
        Vm.Builder vm = Vm.builder().name(name);
        // where the VM runs: set for host devices and USB, once
        Optional<String> pinnedTo = Optional.empty();

        Devices devices = devices(config, lspci, outcome);
        int gpus = devices.gpus().values().stream().mapToInt(Integer::intValue).sum();
        int vfs = devices.vfs().size();
        RoleMatch match = RoleMatch.of(catalog, config.vmid(), original, settings.roles(), gpus, vfs);
        Role role = match.role().orElseGet(ProxmoxImport::generatedRole);
        needs.generatedRole |= match.role().isEmpty();
        report.add(id + ": " + (match.role().isPresent() ? match.how() : "role " + GENERATED_ROLE + " (" + match.how() + ")"));
        vm.role(role.name());
        if (devices.any()) {
            pinnedTo = Optional.of(settings.host());
            needs.pinned = true;
        }

        // The VM's shape, where it differs from the role's.
        Role shaped = role;
        if (gpus != role.gpus()) {
            vm.gpus(gpus);
            report.add(id + ": keeps its " + gpus + " GPU(s) (role " + role.name() + " gives " + role.gpus() + ")");
        }
        List<String> sriov = new ArrayList<>();
        for (int i = 0; i < vfs; i++) {
            String nic = devices.vfs().get(i);
            String network = i < role.sriov().size() ? role.sriov().get(i) : nic + "-vf" + (i == 0 ? "" : "-" + (i + 1));
            sriov.add(network);
            needs.networks.putIfAbsent(network, Network.builder().name(network).type(Network.Type.SRIOV).nic(nic).build());
            needs.vfsByNic.merge(nic, 1, Integer::sum);
        }
        if (!sriov.equals(role.sriov())) {
            vm.sriov(sriov.toArray(String[]::new));
            report.add(id + ": keeps its " + vfs + " VF(s) as SR-IOV attachment(s) " + sriov + " (role " + role.name() + " attaches " + role.sriov() + ")");
        }
        int cores = integer(config, "cores", 1);
        int sockets = integer(config, "sockets", 1);
        outcome.put("cores", "cpu.cores " + cores);
        outcome.put("sockets", "cpu.sockets " + sockets);
        if (cores != role.cpuCores() || sockets != role.cpuSockets()) {
            vm.cores(cores);
            if (sockets != 1 || role.cpuSockets() != 1) {
                vm.sockets(sockets);
            }
            report.add(id + ": keeps " + cores + " core(s) × " + sockets + " socket(s) (role " + role.name() + " gives " + role.cpuCores() + " × "
                    + role.cpuSockets() + ")");
        }
        long mib = config.get("memory").map(Long::parseLong).orElse(512L);
        String memory = mib % 1024 == 0 ? (mib / 1024) + "Gi" : mib + "Mi";
        outcome.put("memory", "memory.guest " + memory);
        if (!Quantity.bytes(role.memory()).map(BigInteger.valueOf(mib).shiftLeft(20)::equals).orElse(false)) {
            vm.memory(memory);
            report.add(id + ": keeps " + memory + " memory (role " + role.name() + " gives " + role.memory() + ")");
        }
        String hugepages = switch (config.get("hugepages").orElse("")) {
            case "2" -> "2Mi";
            case "1024" -> "1Gi";
            case "any" -> mib % 1024 == 0 ? "1Gi" : "2Mi";
            default -> "";
        };
        config.get("hugepages").ifPresent(value -> outcome.put("hugepages", "memory.hugepages " + hugepages
                + (value.equals("any") ? " (Proxmox 'any': the largest size that divides the memory)" : "")));
        if (!hugepages.equals(role.hugepages())) {
            vm.hugepages(hugepages); // empty: none, written so
            report.add(id + ": keeps huge pages " + (hugepages.isEmpty() ? "none" : hugepages) + " (role " + role.name() + " gives "
                    + (role.hugepages().isEmpty() ? "none" : role.hugepages()) + ")");
        }
        Role.Firmware firmware = config.get("bios").orElse("seabios").equals("ovmf") ? Role.Firmware.UEFI : Role.Firmware.BIOS;
        outcome.put("bios", "firmware " + firmware.keyword());
        if (firmware != role.firmware()) {
            vm.firmware(firmware);
        }
        GuestOs os = os(config.get("ostype").orElse("l26"));
        config.get("ostype").ifPresent(type -> outcome.put("ostype", "os " + os.keyword() + (os.windows()
                ? " (Hyper-V enlightenments and clock" + (os == GuestOs.WINDOWS_11 ? ", TPM, Secure Boot" : "") + ")" : "")));
        if (os != role.os()) {
            vm.os(os);
        }
        if (!role.guest().isEmpty()) {
            vm.guest();
            report.add(id + ": role " + role.name() + "'s guest templates " + role.guest() + " are not applied ('guest: []'): the imported disk already "
                    + "carries its guest configuration; remove 'guest: []' to apply them (they may need guestVars)");
        }
        shaped = new Role(role.name(), role.description(), gpus, sriov, role.bridges(), role.pci(), cores, sockets, role.dedicatedCpu(), memory, hugepages,
                role.gpuDisplay(), firmware, os, List.of(), role.guestVars(), role.evictionStrategy(), role.source());
        if (shaped.dedicatedCpu() && devices.any()) {
            needs.dedicatedCpus += shaped.vcpus() + 1;
        }
        needs.cpuLists |= shaped.dedicatedCpu() || !hugepages.isEmpty();
        if (!devices.pci().equals(role.pci())) {
            report.add(id + ": passes PCI devices " + devices.pci() + " in Proxmox, role " + role.name() + " takes " + role.pci()
                    + " (map the VM to a role with them in the roles file)");
        }
        if (devices.display() && !role.gpuDisplay()) {
            report.add(id + ": uses its GPU as display (x-vga=1), role " + role.name() + " keeps the emulated VGA (gpuDisplay: false)");
        }

        disks(config, settings, os, id, vm, outcome, report);
        needs.vmState |= config.get("efidisk0").isPresent() || config.get("tpmstate0").isPresent() || os == GuestOs.WINDOWS_11;
        Identity identity = new Identity();
        identity(config, shaped, identity, outcome);
        networks(config, role, vm, identity, needs, outcome);
        vm.identity(identity.build());
        List<String> usb = new ArrayList<>();
        for (String key : config.numbered("usb")) {
            String host = QemuConfig.options(config.get(key).orElseThrow()).getOrDefault("host", "");
            if (host.matches("(?i)[0-9a-f]{4}:[0-9a-f]{4}")) {
                usb.add(host.toLowerCase(java.util.Locale.ROOT));
                outcome.put(key, "usb: " + host.toLowerCase(java.util.Locale.ROOT) + " (HyperConverged usbHostDevices; the VM stays on its host)");
            } else {
                outcome.put(key, "not mapped: " + (host.isEmpty() ? "not a host USB device (spice redirection)" : "a USB port (" + host
                        + "), which KubeVirt cannot select; write the device's vendor:product under the VM's 'usb:'"));
            }
        }
        if (!usb.isEmpty()) {
            usb.forEach(device -> vm.usb(PciId.parse(device).orElseThrow()));
            pinnedTo = Optional.of(settings.host());
            needs.pinned = true;
        }
        pinnedTo.ifPresent(vm::host);
        config.numbered("serial").forEach(key -> outcome.put(key, "not mapped: KubeVirt gives every VM one serial console (virtctl console)"));
        config.numbered("unused").forEach(key -> outcome.put(key, "not imported: a detached volume"));
        config.numbered("ipconfig").forEach(key -> outcome.put(key, "not mapped: Proxmox cloud-init network config; the guest keeps the one it has"));

        if (!config.snapshots().isEmpty()) {
            report.add(id + ": snapshots " + String.join(", ", config.snapshots()) + " are not imported (export the current disk state)");
        }
        for (Map.Entry<String, QemuConfig.Entry> entry : config.entries().entrySet()) {
            String key = entry.getKey();
            String what = outcome.get(key);
            if (what == null) {
                what = BOOKKEEPING.containsKey(key) ? "Proxmox bookkeeping, not needed: " + BOOKKEEPING.get(key) : "not mapped (unknown to Pulse)";
            }
            report.add(id + ": " + config.file() + ":" + entry.getValue().line() + " " + key + ": " + abbreviate(entry.getValue().value()) + " -> " + what);
        }
        return vm.build();
    }

    /** The generated role as the fragment writes it: the builder's defaults, so each VM's own shape is on the VM. */
    private static Role generatedRole() {
        return Role.builder().name(GENERATED_ROLE).description("VMs imported from Proxmox that no role fits: each VM's shape is on the VM")
                .source(dev.pulse.model.Source.synthetic("import")).build();
    }

    /**
     * Proxmox {@code ostype}: {@code win11} is "Microsoft Windows 11/2022/2025", {@code win10}, {@code win8}, {@code win7},
     * {@code wvista}, {@code wxp}, {@code w2k*} older Windows, {@code l24}/{@code l26}/{@code solaris}/{@code other} not Windows
     * (pve-docs qm.adoc and qemu-server PVE/QemuServer.pm, {@code $confdesc->{ostype}}).
     */
    static GuestOs os(String ostype) {
        if (ostype.equals("win11")) {
            return GuestOs.WINDOWS_11;
        }
        return ostype.startsWith("w") ? GuestOs.WINDOWS : GuestOs.LINUX;
    }

    /** Every disk and CD-ROM in Proxmox's boot order (the {@code boot: order=} devices first, then the others in file order). */
    private static void disks(QemuConfig config, Settings settings, GuestOs os, String id, Vm.Builder vm, Map<String, String> outcome,
            List<String> report) {
        List<String> keys = new ArrayList<>(config.entries().keySet().stream().filter(k -> DISK.matcher(k).matches()).toList());
        List<String> order = new ArrayList<>();
        config.get("boot").map(QemuConfig::options).map(o -> o.getOrDefault("order", o.getOrDefault("", "")))
                .ifPresent(value -> java.util.Arrays.stream(value.split(";")).filter(keys::contains).forEach(order::add));
        config.get("bootdisk").filter(keys::contains).filter(k -> !order.contains(k)).ifPresent(order::add);
        keys.stream().filter(k -> !order.contains(k)).forEach(order::add);
        config.get("boot").ifPresent(value -> outcome.put("boot", "disk order " + order));
        List<Disk.Builder> disks = new ArrayList<>();
        for (String key : order) {
            String value = config.get(key).orElseThrow();
            Map<String, String> options = QemuConfig.options(value);
            boolean cdrom = "cdrom".equals(options.get("media"));
            String proxmoxBus = key.replaceAll("\\d+$", "");
            // KubeVirt emulates virtio, sata and scsi (virtio-scsi) disks, no IDE: an IDE disk becomes SATA, which every guest
            // with AHCI drivers boots from (kubevirt api DiskTarget.Bus: "virtio, sata, scsi, usb").
            String bus = proxmoxBus.equals("ide") ? "sata" : proxmoxBus;
            String defaultBus = os.windows() || cdrom ? "sata" : "virtio";
            Disk.Builder disk = Disk.builder().name(key);
            if (cdrom) {
                String volume = options.getOrDefault("", "");
                Matcher iso = ISO.matcher(volume);
                if (volume.equals("none") || volume.equals("cdrom")) {
                    outcome.put(key, "not imported: an empty CD-ROM drive (" + (volume.equals("cdrom") ? "the host's drive" : "no medium") + ")");
                    continue;
                }
                if (volume.contains("cloudinit")) {
                    outcome.put(key, "not imported: Proxmox's cloud-init drive; the guest is already initialised");
                    continue;
                }
                if (!iso.lookingAt() || settings.isoUrl().isEmpty()) {
                    outcome.put(key, "not imported: a CD-ROM" + (iso.lookingAt() ? " with " + iso.group(1) + "; give -Dpulse.proxmox.isoUrl=https://.../{iso} to "
                            + "import ISOs" : " whose medium is not an ISO volume"));
                    continue;
                }
                disk.cdrom(true);
                importSource(disk, settings, settings.isoUrl().get().replace("{iso}", iso.group(1)));
            } else {
                Matcher volume = VOLUME.matcher(value);
                if (!volume.lookingAt()) {
                    outcome.put(key, "not imported: '" + options.getOrDefault("", "") + "' is not a vm-<id>-disk-<n> volume (a passthrough disk or "
                            + "a foreign volume): attach it as a claim by hand");
                    continue;
                }
                String url = settings.diskUrl().replace("{vmid}", String.valueOf(config.vmid()))
                        .replace("{disk}", volume.group(1).replaceAll("\\.[a-z0-9]+$", "")).replace("{n}", volume.group(3));
                importSource(disk, settings, url);
            }
            Optional.ofNullable(options.get("size")).map(ProxmoxImport::quantity).filter(size -> Quantity.bytes(size).isPresent())
                    .ifPresent(disk::size);
            boolean ownBus = !bus.equals(defaultBus);
            if (ownBus) {
                disk.bus(Disk.Bus.valueOf(bus.toUpperCase(java.util.Locale.ROOT)));
            }
            List<String> dropped = options.keySet().stream().filter(o -> !Set.of("", "size", "media", "iothread", "ssd", "discard", "cache", "aio")
                    .contains(o)).toList();
            outcome.put(key, (cdrom ? "CD-ROM " : "disk ") + key + " on " + bus + (proxmoxBus.equals("ide") ? " (KubeVirt has no IDE)" : "")
                    + ", boot order " + (disks.size() + 1) + (dropped.isEmpty() ? "" : "; not kept: " + dropped));
            disks.add(disk);
        }
        if (disks.isEmpty()) {
            report.add(id + ": has no disk Pulse can import; the VM gets none");
            return;
        }
        Disk first = disks.get(0).build();
        if (disks.size() == 1 && first.bus().isEmpty() && !first.cdrom()) {
            vm.disk(disks.get(0).name(Disk.ROOT).build()); // the one disk is the root disk, <vm>-rootdisk
        } else {
            disks.forEach(disk -> vm.disks(disk.build()));
        }
    }

    private static void importSource(Disk.Builder disk, Settings settings, String url) {
        disk.importUrl(url);
        settings.certConfigMap().ifPresent(disk::certConfigMap);
        settings.secretRef().ifPresent(disk::secretRef);
    }

    /** What keeps a VM's identity, gathered from several config keys before it becomes a {@link VmIdentity}. */
    private static final class Identity {
        Optional<String> uuid = Optional.empty();
        boolean persistentEfi;
        Optional<Boolean> secureBoot = Optional.empty();
        Optional<VmIdentity.Tpm> tpm = Optional.empty();
        Optional<String> cpuModel = Optional.empty();
        boolean numa;
        final Map<String, String> macs = new LinkedHashMap<>();
        final Map<String, String> nicModels = new LinkedHashMap<>();

        VmIdentity build() {
            return new VmIdentity(uuid, persistentEfi, secureBoot, tpm, cpuModel, numa, macs, nicModels);
        }
    }

    /** SMBIOS UUID, UEFI variables, TPM, CPU model, guest NUMA. */
    private static void identity(QemuConfig config, Role shaped, Identity vm, Map<String, String> outcome) {
        config.get("smbios1").map(QemuConfig::options).ifPresent(smbios -> {
            Optional.ofNullable(smbios.get("uuid")).ifPresent(uuid -> vm.uuid = Optional.of(uuid.toLowerCase(java.util.Locale.ROOT)));
            List<String> others = smbios.keySet().stream().filter(k -> !k.equals("uuid") && !k.isEmpty()).toList();
            outcome.put("smbios1", (smbios.containsKey("uuid") ? "uuid (firmware.uuid): the guest sees the same system UUID" : "no uuid")
                    + (others.isEmpty() ? "" : "; not kept: " + others));
        });
        config.get("efidisk0").ifPresent(value -> {
            Map<String, String> options = QemuConfig.options(value);
            vm.persistentEfi = true;
            // Proxmox: pre-enrolled-keys=1 enrols the distribution and Microsoft keys, so Secure Boot is on (pve-docs qm.adoc, "efidisk").
            boolean secureBoot = "1".equals(options.get("pre-enrolled-keys"));
            vm.secureBoot = Optional.of(secureBoot);
            outcome.put("efidisk0", "efi.persistent: the UEFI variables persist from the first boot on (their Proxmox content is not copied: the "
                    + "guest's fallback loader recreates its boot entry); Secure Boot " + (secureBoot ? "on (pre-enrolled-keys=1)" : "off"));
        });
        config.get("tpmstate0").ifPresent(value -> {
            vm.tpm = Optional.of(VmIdentity.Tpm.PERSISTENT);
            String version = QemuConfig.options(value).getOrDefault("version", "v1.2");
            outcome.put("tpmstate0", "tpm: persistent (a new TPM 2.0; its Proxmox state is not copied: BitLocker needs its recovery key once)"
                    + (version.equals("v2.0") ? "" : "; KubeVirt emulates TPM 2.0 only, not " + version));
        });
        config.get("cpu").map(QemuConfig::options).ifPresent(cpu -> {
            String type = cpu.getOrDefault("cputype", cpu.getOrDefault("", "kvm64"));
            List<String> flags = cpu.keySet().stream().filter(k -> !k.isEmpty() && !k.equals("cputype")).toList();
            if (type.equals("host")) {
                vm.cpuModel = Optional.of("host-passthrough");
            }
            outcome.put("cpu", (type.equals("host") ? "cpuModel host-passthrough (the VM cannot live-migrate between different CPUs)"
                    : "the cluster's default CPU model: Proxmox type " + type + " has no KubeVirt name") + (flags.isEmpty() ? "" : "; not kept: " + flags));
        });
        config.get("numa").ifPresent(value -> {
            boolean possible = shaped.dedicatedCpu() && !shaped.hugepages().isEmpty();
            if (value.equals("1") && possible) {
                vm.numa = true;
            }
            outcome.put("numa", !value.equals("1") ? "no guest NUMA" : possible ? "numa: true (guestMappingPassthrough over the dedicated CPUs)"
                    : "not kept: KubeVirt mirrors host NUMA only for dedicated CPUs with huge pages, which this VM does not have");
        });
        config.get("affinity").ifPresent(value -> outcome.put("affinity", "not kept: dedicated CPUs come from the PerformanceProfile's isolated set"));
        config.get("vcpus").ifPresent(value -> outcome.put("vcpus", "not kept: the guest gets all cores × sockets"));
        config.get("args").ifPresent(value -> outcome.put("args", "not mapped: raw QEMU arguments have no KubeVirt equivalent"));
        config.get("hookscript").ifPresent(value -> outcome.put("hookscript", "not mapped: Proxmox hook scripts do not run on OpenShift"));
    }

    /**
     * {@code net0} is the pod network (masquerade) with its MAC; {@code netN} on a bridge becomes a bridge network
     * ({@code vmbrN}, or {@code vmbrN-vlanT} with a tag) with the host bridge it needs, MTU and MAC kept.
     */
    private static void networks(QemuConfig config, Role role, Vm.Builder vm, Identity identity, Needs needs, Map<String, String> outcome) {
        Map<String, String> macs = identity.macs;
        Map<String, String> models = identity.nicModels;
        List<String> bridges = new ArrayList<>();
        for (String key : config.numbered("net")) {
            Map<String, String> options = QemuConfig.options(config.get(key).orElseThrow());
            String model = options.keySet().stream().filter(k -> NIC_MODEL.matcher(k).matches()).findFirst().orElse("virtio");
            Optional<String> mac = Optional.ofNullable(options.get(model)).filter(m -> m.matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}"))
                    .map(m -> m.toLowerCase(java.util.Locale.ROOT));
            List<String> notKept = new ArrayList<>();
            boolean keptModel = !model.equals("virtio") && dev.pulse.model.VmIdentity.NIC_MODELS.contains(model);
            if (!model.equals("virtio") && !keptModel) {
                notKept.add("model " + model + " (KubeVirt does not emulate it: virtio; a guest without virtio-net drivers needs them first)");
            }
            if ("1".equals(options.get("firewall"))) {
                notKept.add("the Proxmox firewall (use NetworkPolicy or MultiNetworkPolicy)");
            }
            if (options.containsKey("rate")) {
                notKept.add("the rate limit of " + options.get("rate") + " MB/s (KubeVirt has none per interface)");
            }
            if ("1".equals(options.get("link_down"))) {
                notKept.add("link_down (the link is up)");
            }
            if (options.containsKey("queues")) {
                notKept.add("queues=" + options.get("queues") + " (KubeVirt sets multiqueue per VM)");
            }
            String network;
            if (key.equals("net0")) {
                network = "default";
                if (options.containsKey("tag")) {
                    notKept.add("VLAN " + options.get("tag") + " (the pod network has none)");
                }
            } else if (options.containsKey("bridge")) {
                String bridge = options.get("bridge");
                int vlan = Optional.ofNullable(options.get("tag")).filter(t -> t.matches("\\d+")).map(Integer::parseInt).orElse(0);
                int mtu = Optional.ofNullable(options.get("mtu")).filter(t -> t.matches("\\d+")).map(Integer::parseInt).filter(m -> m >= 576).orElse(0);
                network = bridge.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + (vlan > 0 ? "-vlan" + vlan : "");
                if (bridges.contains(network)) {
                    outcome.put(key, "not mapped: a second interface on network " + network + " (one interface per network)");
                    continue;
                }
                needs.networks.putIfAbsent(network, Network.builder().name(network).type(Network.Type.BRIDGE).bridge(bridge).vlan(vlan).mtu(mtu).build());
                needs.bridges.add(bridge);
                bridges.add(network);
            } else {
                outcome.put(key, "not mapped: an interface without a bridge");
                continue;
            }
            mac.ifPresent(m -> macs.put(network, m));
            if (keptModel) {
                models.put(network, model);
            }
            outcome.put(key, (network.equals("default") ? "the pod network (masquerade)" : "bridge network " + network) + mac.map(m -> ", MAC " + m).orElse("")
                    + (keptModel ? ", NIC model " + model + " (the guest may lack virtio-net drivers)" : "")
                    + (notKept.isEmpty() ? "" : "; not kept: " + String.join(", ", notKept)));
        }
        if (!bridges.equals(role.bridges())) {
            vm.bridges(bridges.toArray(String[]::new));
        }
    }

    private static int integer(QemuConfig config, String key, int fallback) {
        return config.get(key).filter(v -> v.matches("\\d+")).map(Integer::parseInt).orElse(fallback);
    }

    /** What a VM's hostpci entries resolve to. */
    private record Devices(Map<String, Integer> gpus, List<String> vfs, List<String> pci, boolean display) {
        boolean any() {
            return !gpus.isEmpty() || !vfs.isEmpty() || !pci.isEmpty();
        }
    }

    private Devices devices(QemuConfig config, Lspci lspci, Map<String, String> outcome) {
        Map<String, Integer> gpus = new TreeMap<>();
        List<String> vfs = new ArrayList<>();
        List<String> pci = new ArrayList<>();
        boolean display = false;
        for (String key : config.numbered("hostpci")) {
            Map<String, String> options = QemuConfig.options(config.get(key).orElseThrow());
            display |= "1".equals(options.get("x-vga"));
            List<String> found = new ArrayList<>();
            for (String address : options.getOrDefault("", "").split(";")) {
                Map<String, PciId> functions = lspci.at(address);
                if (functions.isEmpty()) {
                    found.add(address + " is not in the lspci capture: pass the host's 'lspci -Dnn' output so Pulse can tell the device");
                    continue;
                }
                for (Map.Entry<String, PciId> function : functions.entrySet()) {
                    found.add(function.getKey() + " (" + function.getValue() + ") " + classify(function.getValue(), gpus, vfs, pci));
                }
            }
            List<String> dropped = options.keySet().stream().filter(o -> !Set.of("", "pcie", "x-vga").contains(o)).toList();
            outcome.put(key, String.join("; ", found) + (dropped.isEmpty() ? "" : "; not kept: " + dropped + " (KubeVirt assigns host devices as they are)"));
        }
        return new Devices(gpus, vfs, pci, display);
    }

    /** Counts the function under its catalog device; says what it became. */
    private String classify(PciId id, Map<String, Integer> gpus, List<String> vfs, List<String> pci) {
        for (Device device : catalog.devices().values()) {
            if (device.pci().equals(id) && device.kind() == DeviceKind.GPU) {
                gpus.merge(device.name(), 1, Integer::sum);
                return "-> a " + device.name() + " GPU";
            }
            if (device.companions().stream().map(Companion::pci).anyMatch(id::equals)) {
                return "-> travels with its " + device.name() + " GPU (companion function)";
            }
            if (device.vfPci().filter(id::equals).isPresent()) {
                vfs.add(device.name());
                return "-> a " + device.name() + " VF (SR-IOV attachment)";
            }
            if (device.pci().equals(id) && device.kind() == DeviceKind.PCI) {
                pci.add(device.name());
                return "-> host device " + device.name();
            }
            if (device.pci().equals(id) && device.kind() == DeviceKind.NIC) {
                return "not mapped: a whole NIC (physical function); Pulse gives VMs SR-IOV VFs";
            }
        }
        return "not mapped: not in the device catalog (add it under 'devices:')";
    }

    /** Proxmox sizes are binary: {@code 200G} is 200 GiB. */
    static String quantity(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([KMGT]?)").matcher(size);
        if (!matcher.matches()) {
            return size;
        }
        return matcher.group(2).isEmpty() ? matcher.group(1) : matcher.group(1) + matcher.group(2) + "i";
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }
}
