package dev.pulse.model.load;

import dev.pulse.model.AccessMode;
import dev.pulse.model.AccessSecrets;
import dev.pulse.model.ArgoCdSettings;
import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.Companion;
import dev.pulse.model.CpuVendor;
import dev.pulse.model.Device;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.Disk;
import dev.pulse.model.ESwitchMode;
import dev.pulse.model.EvictionStrategy;
import dev.pulse.model.GitSource;
import dev.pulse.model.GpuMode;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.GuestOs;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.HostInterface;
import dev.pulse.model.HostPci;
import dev.pulse.model.LocalVolume;
import dev.pulse.model.Network;
import dev.pulse.model.NicSlot;
import dev.pulse.model.NicUse;
import dev.pulse.model.OperatorSettings;
import dev.pulse.model.PciId;
import dev.pulse.model.Placement;
import dev.pulse.model.Role;
import dev.pulse.model.RunStrategy;
import dev.pulse.model.StorageBackend;
import dev.pulse.model.StorageDefaults;
import dev.pulse.model.Topology;
import dev.pulse.model.Vm;
import dev.pulse.model.VmIdentity;
import dev.pulse.model.VmShape;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.yaml.YamlNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns YAML nodes into model records, one method per record. Every method reads all keys its record
 * knows, then {@link Fields#finish()} reports the rest; problems go to the diagnostics and reading goes on.
 */
final class Binder {

    /** Operators a cluster may configure under {@code operators:}. */
    static final List<String> OPERATORS = List.of("cert-manager", "gpu-operator", "local-storage", "lvms", "nfd", "nmstate", "odf", "openstack", "sriov",
            "virtualization");

    private final Diagnostics diagnostics;

    Binder(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** A fleet file as a spec whose catalog holds only the file's own entries (the loader merges them over the built-ins). */
    dev.pulse.model.FleetSpec fleet(YamlNode root, String origin) {
        Fields f = Fields.of(root, "the fleet file", diagnostics);
        String name = f.requiredString("fleet");
        dev.pulse.model.FleetSpec.Builder spec = dev.pulse.model.FleetSpec.builder().name(name).origin(origin);
        Map<String, Location> topLevel = new java.util.HashMap<>();
        topLevel.put("fleet", f.at("fleet"));
        f.node("git").ifPresentOrElse(n -> spec.git(git(n, topLevel)), () -> diagnostics.error(Rule.REQUIRED, f.location(),
                "the fleet file has no 'git' settings",
                "add 'git: {repoURL: https://..., targetRevision: main, path: deploy}': Argo CD needs to know where the rendered tree lives"));
        f.node("argocd").map(this::argocd).ifPresent(spec::argocd);
        List<Cluster> clusters = f.list("clusters", n -> cluster(n, name));
        if (clusters.isEmpty() && f.node("clusters").isEmpty()) {
            diagnostics.error(Rule.REQUIRED, f.location(), "the fleet file has no 'clusters'", "add at least one cluster under 'clusters:'");
        }
        clusters.forEach(spec::cluster);
        spec.catalog(catalogEntries(f));
        f.finish();
        return spec.source(new dev.pulse.model.Source(f.location(), topLevel)).build();
    }

    /** A catalog file: only {@code devices}, {@code hardwareProfiles} and {@code roles}. */
    Catalog catalog(YamlNode root) {
        Fields f = Fields.of(root, "the catalog file", diagnostics);
        Catalog catalog = catalogEntries(f);
        f.finish();
        return catalog;
    }

    private Catalog catalogEntries(Fields f) {
        return new Catalog(
                named(f.list("devices", this::device), Device::name, d -> d.source().at(), "device"),
                named(f.list("hardwareProfiles", this::hardwareProfile), HardwareProfile::name, p -> p.source().at(), "hardware profile"),
                named(f.list("roles", this::role), Role::name, r -> r.source().at(), "role"),
                new TreeMap<>());
    }

    /** Indexes entries by name, reporting a name used twice in one file. */
    private <T> SortedMap<String, T> named(List<T> entries, Function<T, String> name, Function<T, Location> at, String kind) {
        SortedMap<String, T> byName = new TreeMap<>();
        for (T entry : entries) {
            T previous = byName.putIfAbsent(name.apply(entry), entry);
            if (previous != null) {
                diagnostics.error(Rule.DUPLICATE_NAME, at.apply(entry),
                        kind + " '" + name.apply(entry) + "' is defined twice in this file (first at " + at.apply(previous) + ")",
                        "rename or remove one of them");
            }
        }
        return byName;
    }

    private GitSource git(YamlNode node, Map<String, Location> topLevel) {
        Fields f = Fields.of(node, "git", diagnostics);
        GitSource.Builder git = GitSource.builder().repoURL(f.requiredString("repoURL"));
        f.string("targetRevision").ifPresent(git::targetRevision);
        f.string("path").ifPresent(git::path);
        f.finish().fields().forEach((key, at) -> topLevel.put("git." + key, at));
        return git.build();
    }

    private ArgoCdSettings argocd(YamlNode node) {
        Fields f = Fields.of(node, "argocd", diagnostics);
        ArgoCdSettings.Builder settings = ArgoCdSettings.builder();
        f.string("namespace").ifPresent(settings::namespace);
        f.string("instance").ifPresent(settings::instance);
        f.string("project").ifPresent(settings::project);
        for (String key : List.of("namespace", "instance", "project")) {
            if (f.node(key).isPresent() && f.string(key, "").isBlank()) {
                // the Applications, the ArgoCD instance and its RBAC are namespaced objects: an empty value cannot be written
                diagnostics.error(Rule.REQUIRED, f.at(key), "argocd '" + key + "' is empty", "name it, or leave the key out for the default");
            }
        }
        f.finish();
        return settings.build();
    }

    private Cluster cluster(YamlNode node, String fleetName) {
        Fields f = Fields.of(node, "a cluster", diagnostics);
        String name = f.requiredString("name");
        String what = "cluster '" + name + "'";
        f.describedAs(what);
        Cluster.Builder cluster = Cluster.builder().fleet(fleetName).name(name);
        f.choice("topology", Topology.class).ifPresent(cluster::topology);
        f.string("server").ifPresent(cluster::server);
        f.node("storage").map(n -> storage(n, what)).ifPresent(cluster::storage);
        f.bool("gpuOperator").ifPresent(cluster::gpuOperator);
        f.node("vgpuManager").map(n -> {
            Fields v = Fields.of(n, "vgpuManager of " + what, diagnostics);
            return new dev.pulse.model.VgpuManager(v.requiredString("repository"), v.string("image", dev.pulse.model.VgpuManager.DEFAULT_IMAGE), v.requiredString("version"), v.finish());
        }).ifPresent(cluster::vgpuManager);
        f.string("vmNamespace").ifPresent(cluster::vmNamespace);
        f.node("placement").map(n -> placement(n, what)).ifPresent(cluster::placement);
        f.list("networks", n -> network(n, what)).forEach(cluster::network);
        f.node("access").map(n -> {
            Fields a = Fields.of(n, "access of " + what, diagnostics);
            AccessSecrets secrets = new AccessSecrets(a.string("sshKeysSecret"), a.string("passwordsSecret"));
            a.finish();
            return secrets;
        }).ifPresent(cluster::access);
        f.list("volumes", n -> {
            Fields v = Fields.of(n, "a volume of " + what, diagnostics);
            String volumeName = v.requiredString("name");
            v.describedAs("volume '" + volumeName + "' of " + what);
            return new LocalVolume(volumeName, v.requiredString("host"), v.requiredString("path"), v.requiredString("size"), v.finish());
        }).forEach(cluster::volume);
        f.entries("operators", (entry, key) -> operator(entry.value(), key, entry.keyLocation(), what)).forEach(cluster::operator);
        f.list("hosts", n -> host(n, what)).forEach(cluster::host);
        f.list("vms", n -> vm(n, what)).forEach(cluster::vm); // the builder keeps retired VMs apart
        f.node("liveMigration").map(n -> {
            Fields m = Fields.of(n, "liveMigration of " + what, diagnostics);
            return new dev.pulse.model.LiveMigration(m.integer("parallelMigrationsPerCluster", 0, 1, 1000),
                    m.integer("parallelOutboundMigrationsPerNode", 0, 1, 100), m.string("bandwidthPerMigration", ""),
                    m.integer("completionTimeoutPerGiB", 0, 1, 100000), m.string("network", ""), m.finish());
        }).ifPresent(cluster::liveMigration);
        f.choice("platform", dev.pulse.model.Platform.class).ifPresent(cluster::platform);
        f.node("rhoso").map(n -> rhoso(n, what)).ifPresent(cluster::rhoso);
        return cluster.source(f.finish()).build();
    }

    /** The {@code rhoso:} block of an RHOSO cluster. */
    private dev.pulse.model.Rhoso rhoso(YamlNode node, String cluster) {
        Fields f = Fields.of(node, "rhoso of " + cluster, diagnostics);
        dev.pulse.model.Rhoso.Builder rhoso = dev.pulse.model.Rhoso.builder();
        f.string("namespace").ifPresent(rhoso::namespace);
        f.string("controlPlane").ifPresent(rhoso::controlPlane);
        f.string("secret").ifPresent(rhoso::secret);
        f.string("libvirtSecret").ifPresent(rhoso::libvirtSecret);
        f.string("sshKeySecret").ifPresent(rhoso::sshKeySecret);
        f.string("migrationSshKeySecret").ifPresent(rhoso::migrationSshKeySecret);
        f.string("ansibleUser").ifPresent(rhoso::ansibleUser);
        f.string("ctlplaneInterface").ifPresent(rhoso::ctlplaneInterface);
        f.string("clientImage").ifPresent(rhoso::clientImage);
        f.list("networks", n -> {
            Fields r = Fields.of(n, "a network of " + cluster, diagnostics);
            String name = r.requiredString("name");
            r.describedAs("rhoso network '" + name + "' of " + cluster);
            dev.pulse.model.Rhoso.RhosoNetwork.Builder network = dev.pulse.model.Rhoso.RhosoNetwork.builder().name(name)
                    .dnsDomain(r.requiredString("dnsDomain")).cidr(r.requiredString("cidr"));
            r.string("gateway").ifPresent(network::gateway);
            r.integer("vlan", 0, 4094).ifPresent(network::vlan);
            r.integer("mtu", 576, 9216).ifPresent(network::mtu);
            return network.allocationStart(r.requiredString("allocationStart")).allocationEnd(r.requiredString("allocationEnd")).source(r.finish()).build();
        }).forEach(rhoso::network);
        f.node("services").ifPresent(n -> {
            Fields s = Fields.of(n, "services of " + cluster, diagnostics);
            for (String service : dev.pulse.model.Rhoso.SERVICE_DEFAULTS.keySet()) {
                s.bool(service).ifPresent(on -> rhoso.service(service, on));
            }
            s.finish();
        });
        f.list("pciAliases", n -> {
            Fields a = Fields.of(n, "a pci alias of " + cluster, diagnostics);
            String model = a.requiredString("model");
            return new dev.pulse.model.Rhoso.PciAlias(model, a.string("name", model), a.string("numaPolicy"), a.finish());
        }).forEach(rhoso::pciAlias);
        rhoso.flavors(f.strings("flavors").toArray(String[]::new));
        return rhoso.source(f.finish()).build();
    }

    private StorageDefaults storage(YamlNode node, String cluster) {
        Fields f = Fields.of(node, "storage of " + cluster, diagnostics);
        StorageDefaults.Builder storage = StorageDefaults.builder();
        f.string("class").ifPresent(storage::storageClass);
        optionalChoice(f, "backend", StorageBackend.Type.class).ifPresent(storage::backend);
        f.string("deviceClass").ifPresent(storage::deviceClass);
        f.list("disks", n -> {
            Fields d = Fields.of(n, "disks of storage of " + cluster, diagnostics);
            String host = d.requiredString("host");
            d.describedAs("disks of host '" + host + "' in storage of " + cluster);
            if (d.node("paths").isEmpty()) {
                // required by the format; worded and placed as StorageRules words an empty list, so with a backend the two print once
                diagnostics.error(Rule.REQUIRED, d.at("host"), "disks of host '" + host + "' name no 'paths'",
                        "add the device paths, e.g. paths: [/dev/disk/by-id/nvme-...]");
            }
            return new StorageBackend.Disks(host, d.strings("paths"), d.finish());
        }).forEach(storage::disks);
        f.choice("accessMode", AccessMode.class).ifPresent(storage::accessMode);
        f.string("size").ifPresent(storage::size);
        f.list("otherClasses", n -> {
            Fields c = Fields.of(n, "a storage class of " + cluster, diagnostics);
            String name = c.requiredString("name");
            c.choice("accessMode", AccessMode.class).ifPresentOrElse(mode -> storage.otherClass(name, mode), () -> storage.otherClass(name));
            c.finish();
            return name;
        });
        return storage.source(f.finish()).build();
    }

    private OperatorSettings operator(YamlNode node, String operator, Location keyAt, String cluster) {
        if (!OPERATORS.contains(operator)) {
            diagnostics.error(Rule.UNKNOWN_KEY, keyAt, "unknown operator '" + operator + "' in " + cluster,
                    Suggest.closest(operator, OPERATORS).map(s -> "did you mean '" + s + "'? ").orElse("") + "known operators: " + String.join(", ", OPERATORS));
        }
        Fields f = Fields.of(node, "operator '" + operator + "' of " + cluster, diagnostics);
        return new OperatorSettings(operator, f.bool("enabled"), f.string("channel"), f.string("source"), f.string("sourceNamespace"),
                f.string("startingCSV"), f.bool("manualApproval", false), f.finish());
    }

    private Host host(YamlNode node, String cluster) {
        Fields f = Fields.of(node, "a host of " + cluster, diagnostics);
        String name = f.requiredString("name");
        String what = "host '" + name + "'";
        f.describedAs(what + " of " + cluster);
        Host.Builder host = Host.builder().name(name).profile(f.requiredString("profile"));
        f.list("pci", n -> {
            Fields p = Fields.of(n, "a pci device of " + what, diagnostics);
            return new HostPci(p.requiredString("model"), p.requiredString("address"), p.finish());
        }).forEach(host::pci);
        f.bool("controlPlane").ifPresent(host::controlPlane);
        f.node("machinePool").map(n -> {
            Fields m = Fields.of(n, "machinePool of " + what, diagnostics);
            java.util.SortedMap<String, String> labels = new TreeMap<>();
            m.entries("labels", (entry, key) -> labels.put(key, entry.value() instanceof dev.pulse.model.yaml.YamlScalar scalar ? scalar.text() : ""));
            m.finish();
            return labels;
        }).ifPresent(host::machinePool);
        f.entries("addresses", (entry, iface) -> {
            if (entry.value() instanceof dev.pulse.model.yaml.YamlScalar scalar && scalar.type() != dev.pulse.model.yaml.YamlScalar.Type.NULL) {
                host.addresses(iface, scalar.text());
            } else if (entry.value() instanceof dev.pulse.model.yaml.YamlList list) {
                host.addresses(iface, list.items().stream().map(item -> item instanceof dev.pulse.model.yaml.YamlScalar scalar ? scalar.text() : "")
                        .toArray(String[]::new));
            } else {
                diagnostics.error(Rule.TYPE, entry.value().location(), "'addresses." + iface + "' of " + what + " must be an address or a list of them, got "
                        + entry.value().describe(), "write it like 192.168.60.11/24 or [192.168.60.11/24, fd00:60::11/64]");
            }
            return iface;
        });
        f.string("ctlplaneIP").ifPresent(host::ctlplaneIP);
        return host.source(f.finish()).build();
    }

    private Vm vm(YamlNode node, String cluster) {
        Fields f = Fields.of(node, "a vm of " + cluster, diagnostics);
        String name = f.requiredString("name");
        String what = "vm '" + name + "'";
        f.describedAs(what + " of " + cluster);
        Vm.Builder vm = Vm.builder().name(name).role(f.requiredString("role"));
        f.string("host").ifPresent(vm::host);
        f.node("disk").map(n -> disk(n, what, Disk.ROOT)).ifPresent(vm::disk);
        f.list("disks", n -> disk(n, what, null)).forEach(vm::disks);
        vm.shape(vmShape(f, what)).identity(vmIdentity(f, what));
        for (String text : f.strings("usb")) {
            Optional<PciId> id = PciId.parse(text);
            if (id.isEmpty()) {
                // PULSE-USB-ID: KubeVirt selects USB devices by vendor and product, four hex digits each, as lsusb prints them
                diagnostics.error(Rule.USB_ID, f.at("usb"), what + " passes USB device '" + text + "', not a vendor:product id",
                        "write four hex digits, a colon, four hex digits, as 'lsusb' prints them, e.g. 046d:c52b");
            }
            id.ifPresent(vm::usb);
        }
        f.choice("runStrategy", RunStrategy.class).ifPresent(vm::runStrategy);
        optionalChoice(f, "evictionStrategy", EvictionStrategy.class).ifPresent(vm::evictionStrategy);
        vm.guestVars(stringMap(f, "guestVars", what));
        optionalChoice(f, "retired", dev.pulse.model.Retirement.class).ifPresent(vm::retired);
        f.string("group").ifPresent(vm::group);
        return vm.source(f.finish()).build();
    }

    /** The keys a VM sets over its role: the role's own keys, each optional. */
    private VmShape vmShape(Fields f, String vm) {
        Optional<Integer> gpus = f.node("gpus").isPresent() ? Optional.of(f.integer("gpus", 0, 0, 16)) : Optional.empty();
        Optional<List<String>> sriov = f.node("sriov").isPresent() ? Optional.of(attachments(f, "sriov", vm)) : Optional.empty();
        Optional<List<String>> bridges = f.node("bridges").isPresent() ? Optional.of(attachments(f, "bridges", vm)) : Optional.empty();
        Optional<Integer> cores = Optional.empty();
        Optional<Integer> sockets = Optional.empty();
        Optional<Boolean> dedicated = Optional.empty();
        Optional<String> memory = Optional.empty();
        Optional<String> hugepages = Optional.empty();
        Optional<YamlNode> resourcesNode = f.node("resources");
        if (resourcesNode.isPresent()) {
            Fields r = Fields.of(resourcesNode.get(), "resources of " + vm, diagnostics);
            Optional<YamlNode> cpuNode = r.node("cpu");
            if (cpuNode.isPresent()) {
                Fields cpu = Fields.of(cpuNode.get(), "cpu of " + vm, diagnostics);
                cores = cpu.node("cores").isPresent() ? Optional.of(cpu.integer("cores", 1, 1, 512)) : Optional.empty();
                sockets = cpu.node("sockets").isPresent() ? Optional.of(cpu.integer("sockets", 1, 1, 16)) : Optional.empty();
                dedicated = cpu.bool("dedicated");
                cpu.finish();
            }
            memory = r.string("memory");
            hugepages = r.string("hugepages").map(size -> size.equals("none") ? "" : size);
            r.finish();
        }
        return new VmShape(gpus, sriov, bridges, cores, sockets, dedicated, memory, hugepages,
                optionalChoice(f, "firmware", Role.Firmware.class), optionalChoice(f, "os", GuestOs.class),
                f.node("guest").isPresent() ? Optional.of(f.strings("guest")) : Optional.empty());
    }

    /** The keys that keep a migrated VM's identity. */
    private VmIdentity vmIdentity(Fields f, String vm) {
        boolean persistentEfi = false;
        Optional<Boolean> secureBoot = Optional.empty();
        Optional<YamlNode> efiNode = f.node("efi");
        if (efiNode.isPresent()) {
            Fields e = Fields.of(efiNode.get(), "efi of " + vm, diagnostics);
            persistentEfi = e.bool("persistent", false);
            secureBoot = e.bool("secureBoot");
            e.finish();
        }
        Map<String, String> macs = stringMap(f, "macs", vm);
        Map<String, String> nicModels = stringMap(f, "nicModels", vm);
        return new VmIdentity(f.string("uuid"), persistentEfi, secureBoot, optionalChoice(f, "tpm", VmIdentity.Tpm.class), f.string("cpuModel"),
                f.bool("numa", false), macs, nicModels);
    }

    private Disk disk(YamlNode node, String vm, String fixedName) {
        Fields f = Fields.of(node, "disk of " + vm, diagnostics);
        Disk.Builder disk = Disk.builder().name(fixedName != null ? fixedName : f.requiredString("name"));
        Optional<YamlNode> importNode = f.node("import");
        Map<String, Location> importLocations = new java.util.HashMap<>();
        if (importNode.isPresent()) {
            Fields i = Fields.of(importNode.get(), "disk import of " + vm, diagnostics);
            i.string("url").ifPresent(disk::importUrl);
            i.string("registry").ifPresent(disk::importRegistry);
            i.string("pvc").ifPresent(disk::clonePvc);
            i.string("certConfigMap").ifPresent(disk::certConfigMap);
            i.string("secretRef").ifPresent(disk::secretRef);
            i.string("dataSource").ifPresent(disk::dataSource);
            i.finish().fields().forEach((key, at) -> importLocations.put("import." + key, at));
        }
        f.bool("blank").ifPresent(disk::blank);
        f.string("claim").ifPresent(disk::claim);
        f.string("size").ifPresent(disk::size);
        f.string("storageClass").ifPresent(disk::storageClass);
        optionalChoice(f, "bus", Disk.Bus.class).ifPresent(disk::bus);
        f.bool("cdrom").ifPresent(disk::cdrom);
        dev.pulse.model.Source source = f.finish();
        importLocations.putAll(source.fields());
        return disk.source(new dev.pulse.model.Source(source.at(), importLocations)).build();
    }

    private Device device(YamlNode node) {
        Fields f = Fields.of(node, "a device", diagnostics);
        String name = f.requiredString("name");
        String what = "device '" + name + "'";
        f.describedAs(what);
        Device.Builder device = Device.builder().name(name);
        f.choice("kind", DeviceKind.class).ifPresent(device::kind);
        f.string("description").ifPresent(device::description);
        device.pci(pciId(f, "pci", what));
        f.list("companions", n -> {
            Fields c = Fields.of(n, "a companion of " + what, diagnostics);
            Companion companion = new Companion(pciId(c, "pci", what), c.requiredString("resourceName"));
            c.finish();
            return companion;
        }).forEach(device::companion);
        device.resourceName(f.requiredString("resourceName"));
        f.integer("maxVfsPerPort", 0, 1024).ifPresent(device::maxVfsPerPort);
        f.bool("vfChangeReboots").ifPresent(device::vfChangeReboots);
        device.vgpuProfiles(f.strings("vgpuProfiles").toArray(String[]::new));
        if (f.node("vfPci").isPresent()) {
            device.vfPci(pciId(f, "vfPci", what));
        }
        f.bool("sriovCapable").ifPresent(device::sriovCapable);
        return device.source(f.finish()).build();
    }

    private PciId pciId(Fields f, String key, String what) {
        String text = f.requiredString(key);
        return parsePci(text, f.at(key), key, what).orElse(new PciId("0000", "0000"));
    }

    private Optional<PciId> parsePci(String text, Location at, String key, String what) {
        Optional<PciId> id = PciId.parse(text);
        if (id.isEmpty() && !text.isEmpty()) {
            diagnostics.error(Rule.PCI_ID, at, "'" + key + "' of " + what + " is '" + text + "', not a PCI vendor:device id",
                    "write four hex digits, a colon, four hex digits, as 'lspci -nn' prints them, e.g. 10de:26b1");
        }
        return id;
    }

    private HardwareProfile hardwareProfile(YamlNode node) {
        Fields f = Fields.of(node, "a hardware profile", diagnostics);
        String name = f.requiredString("name");
        String what = "hardware profile '" + name + "'";
        f.describedAs(what);
        HardwareProfile.Builder profile = HardwareProfile.builder().name(name);
        f.string("description").ifPresent(profile::description);
        Optional<YamlNode> cpuNode = f.node("cpu");
        if (cpuNode.isPresent()) {
            Fields c = Fields.of(cpuNode.get(), "cpu of " + what, diagnostics);
            c.choice("vendor", CpuVendor.class).ifPresent(profile::cpu);
            if (c.node("vendor").isEmpty()) {
                diagnostics.error(Rule.REQUIRED, c.location(), "cpu of " + what + " has no 'vendor'", "add 'vendor: amd' or 'vendor: intel': it decides the IOMMU kernel arguments");
            }
            c.integer("count", 0, 8192).ifPresent(profile::cpuCount);
            c.string("reserved").ifPresent(profile::reservedCpus);
            c.string("isolated").ifPresent(profile::isolatedCpus);
            c.finish();
        } else {
            diagnostics.error(Rule.REQUIRED, f.location(), what + " has no 'cpu'", "add 'cpu: {vendor: amd}' or 'cpu: {vendor: intel}': it decides the IOMMU kernel arguments");
        }
        f.list("gpus", n -> gpuSlot(n, what)).forEach(profile::gpu);
        f.list("nics", n -> nicSlot(n, what)).forEach(profile::nic);
        f.list("hostNetworks", n -> hostInterface(n, what)).forEach(profile::hostNetwork);
        return profile.source(f.finish()).build();
    }

    private GpuSlot gpuSlot(YamlNode node, String profile) {
        Fields f = Fields.of(node, "a gpu of " + profile, diagnostics);
        GpuSlot.Builder gpu = GpuSlot.builder().model(f.requiredString("model"));
        f.integer("count", 1, 64).ifPresent(gpu::count);
        f.choice("mode", GpuMode.class).ifPresent(gpu::mode);
        f.bool("console").ifPresent(gpu::console);
        f.string("vgpuProfile").ifPresent(gpu::vgpuProfile);
        return gpu.source(f.finish()).build();
    }

    private NicSlot nicSlot(YamlNode node, String profile) {
        Fields f = Fields.of(node, "a nic of " + profile, diagnostics);
        NicSlot.Builder nic = NicSlot.builder().model(f.requiredString("model"));
        f.integer("cards", 1, 16).ifPresent(nic::cards);
        f.integer("ports", 1, 8).ifPresent(nic::ports);
        f.integer("vfsPerPort", 0, 128).ifPresent(nic::vfsPerPort);
        f.bool("rdma").ifPresent(nic::rdma);
        f.choice("eswitch", ESwitchMode.class).ifPresent(nic::eswitch);
        f.integer("mtu", 576, 9216).ifPresent(nic::mtu);
        f.choice("use", NicUse.class).ifPresent(nic::use);
        return nic.source(f.finish()).build();
    }

    private HostInterface hostInterface(YamlNode node, String profile) {
        Fields f = Fields.of(node, "a host network of " + profile, diagnostics);
        String name = f.requiredString("name");
        f.describedAs("host network '" + name + "' of " + profile);
        String what = "host network '" + name + "' of " + profile;
        HostInterface.Builder host = HostInterface.builder().name(name);
        f.choice("type", HostInterface.InterfaceType.class).ifPresent(host::type);
        host.ports(f.strings("ports").toArray(String[]::new));
        f.string("mode").ifPresent(host::bondMode);
        f.string("base").ifPresent(host::vlanBase);
        f.integer("id", 0, 4094).ifPresent(host::vlanId);
        f.integer("mtu", 0, 9216).ifPresent(host::mtu);
        f.choice("ipv4", HostInterface.IpMode.class).ifPresent(host::ipv4);
        f.choice("ipv6", HostInterface.IpMode.class).ifPresent(host::ipv6);
        f.list("routes", n -> {
            Fields r = Fields.of(n, "a route of " + what, diagnostics);
            return new HostInterface.Route(r.requiredString("destination"), r.requiredString("gateway"), r.integer("metric", 0, 0, 65535), r.finish());
        }).forEach(host::route);
        return host.source(f.finish()).build();
    }

    private Network network(YamlNode node, String cluster) {
        Fields f = Fields.of(node, "a network of " + cluster, diagnostics);
        String name = f.requiredString("name");
        f.describedAs("network '" + name + "' of " + cluster);
        Network.Builder network = Network.builder().name(name);
        f.choice("type", Network.Type.class).ifPresent(network::type);
        f.string("nic").ifPresent(network::nic);
        f.string("bridge").ifPresent(network::bridge);
        f.integer("vlan", 0, 4094).ifPresent(network::vlan);
        f.integer("mtu", 0, 9216).ifPresent(network::mtu);
        f.string("ipRange").ifPresent(network::ipRange);
        return network.source(f.finish()).build();
    }

    private Placement placement(YamlNode node, String cluster) {
        Fields f = Fields.of(node, "placement of " + cluster, diagnostics);
        Map<String, String> selector = new LinkedHashMap<>();
        f.entries("nodeSelector", (entry, key) -> selector.put(key, entry.value() instanceof dev.pulse.model.yaml.YamlScalar scalar ? scalar.text() : ""));
        List<Placement.Toleration> tolerations = f.list("tolerations", n -> {
            Fields t = Fields.of(n, "a toleration of " + cluster, diagnostics);
            Placement.Toleration toleration = new Placement.Toleration(t.requiredString("key"), t.string("operator", "Equal"), t.string("value", ""),
                    t.string("effect", ""));
            t.finish();
            return toleration;
        });
        f.finish();
        return new Placement(selector, tolerations);
    }

    private Role role(YamlNode node) {
        Fields f = Fields.of(node, "a role", diagnostics);
        String name = f.requiredString("name");
        String what = "role '" + name + "'";
        f.describedAs(what);
        Role.Builder role = Role.builder().name(name);
        f.string("description").ifPresent(role::description);
        f.integer("gpus", 0, 16).ifPresent(role::gpus);
        role.sriov(attachments(f, "sriov", what).toArray(String[]::new));
        role.bridges(attachments(f, "bridges", what).toArray(String[]::new));
        role.pci(f.strings("pci").toArray(String[]::new));
        f.node("resources").ifPresent(n -> resources(n, what, role));
        f.bool("gpuDisplay").ifPresent(role::gpuDisplay);
        f.choice("firmware", Role.Firmware.class).ifPresent(role::firmware);
        f.choice("os", GuestOs.class).ifPresent(role::os);
        role.guest(f.strings("guest").toArray(String[]::new));
        stringMap(f, "guestVars", what).forEach(role::guestVar);
        optionalChoice(f, "evictionStrategy", EvictionStrategy.class).ifPresent(role::evictionStrategy);
        f.choice("nicModel", Role.NicModel.class).ifPresent(role::nicModel);
        f.bool("spread").ifPresent(role::spread);
        return role.source(f.finish()).build();
    }

    private <E extends Enum<E> & dev.pulse.model.Keyword> Optional<E> optionalChoice(Fields f, String key, Class<E> type) {
        return f.node(key).isPresent() ? Optional.of(f.choice(key, type, type.getEnumConstants()[0])) : Optional.empty();
    }

    /** A mapping of plain values, e.g. guestVars; values are taken as text. */
    private Map<String, String> stringMap(Fields f, String key, String what) {
        Map<String, String> values = new java.util.TreeMap<>();
        f.entries(key, (entry, name) -> {
            if (entry.value() instanceof dev.pulse.model.yaml.YamlScalar scalar && scalar.type() != dev.pulse.model.yaml.YamlScalar.Type.NULL) {
                values.put(name, scalar.text());
            } else {
                diagnostics.error(Rule.TYPE, entry.value().location(), "'" + key + "." + name + "' of " + what + " must be a plain value, got "
                        + entry.value().describe(), "write it as text, a number or true/false");
            }
            return name;
        });
        return values;
    }

    /** A role's {@code sriov:} or {@code bridges:} list: network names, written {@code {network: name}}. */
    private List<String> attachments(Fields f, String key, String role) {
        return f.list(key, n -> {
            Fields attachment = Fields.of(n, "a " + key + " attachment of " + role, diagnostics);
            String network = attachment.requiredString("network");
            attachment.finish();
            return network;
        });
    }

    /** The {@code resources} block of a role, onto its builder. */
    private void resources(YamlNode node, String what, Role.Builder role) {
        Fields r = Fields.of(node, "resources of " + what, diagnostics);
        Optional<YamlNode> cpuNode = r.node("cpu");
        if (cpuNode.isPresent()) {
            Fields cpu = Fields.of(cpuNode.get(), "cpu of " + what, diagnostics);
            cpu.integer("cores", 1, 512).ifPresent(role::cpuCores);
            cpu.integer("sockets", 1, 16).ifPresent(role::cpuSockets);
            cpu.bool("dedicated").ifPresent(role::dedicatedCpu);
            cpu.finish();
        }
        r.string("memory").ifPresent(role::memory);
        r.string("hugepages").ifPresent(role::hugepages);
        r.finish();
    }
}
