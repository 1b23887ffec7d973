package dev.pulse.render.proxmox;

import dev.pulse.model.Catalog;
import dev.pulse.model.Companion;
import dev.pulse.model.Device;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.PciId;
import dev.pulse.model.Quantity;
import dev.pulse.model.Role;
import dev.pulse.model.rules.Names;
import dev.pulse.render.yaml.YamlWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Proxmox VM configs into a fleet.yaml fragment (one cluster with the Proxmox host and its VMs)
 * and a report of everything it could not map. {@code hostpci} functions resolve through the host's
 * {@code lspci -nn} capture to catalog devices: GPUs count towards the VM's GPUs, their companion functions
 * travel with them, NIC virtual functions become SR-IOV attachments, other PCI functions host devices.
 * Each VM gets the role the mapping names, or the role its name starts with; where Proxmox and the role
 * disagree (GPUs, VFs, cores, memory, huge pages, firmware) the report says so. The boot disk becomes a
 * CDI import from the export URL pattern, sized as in the config. Nothing is dropped silently.
 */
public final class ProxmoxImport {

    /**
     * What to import into.
     *
     * @param cluster the target cluster's name
     * @param host the Proxmox host's node name on OpenShift
     * @param diskUrl export URL pattern with {@code {vmid}}, {@code {disk}} (volume name) and {@code {n}} (disk number)
     * @param roles VM id to role name, overriding the guess from the VM name
     */
    public record Settings(String cluster, String host, String diskUrl, Map<Integer, String> roles) {}

    /**
     * The import: the fragment to merge into fleet.yaml, and the report.
     *
     * @param fragment fleet.yaml text of one cluster with the host and the VMs
     * @param report what was mapped how, and what was not, one line each
     * @param vms the VM entries written, in vmid order (for tests)
     */
    public record Result(String fragment, List<String> report, List<Map<String, Object>> vms) {}

    /** Keys that describe the Proxmox VM itself and need nothing on OpenShift (listed in the report, not mapped). */
    private static final Set<String> BOOKKEEPING = Set.of("digest", "meta", "vmgenid", "smbios1", "ostype", "scsihw", "onboot", "boot", "bootdisk",
            "agent", "machine", "numa", "cpu", "tablet", "vga", "balloon", "kvm", "localtime", "efidisk0", "description", "startup", "protection");

    private static final Pattern DISK = Pattern.compile("(scsi|virtio|sata|ide)\\d+");
    private static final Pattern VOLUME = Pattern.compile("[^:]+:(?:\\d+/)?(vm-(\\d+)-disk-(\\d+)[^,]*)");

    private final Catalog catalog;

    public ProxmoxImport(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Reads every {@code *.conf} in {@code folder} (a copy of {@code /etc/pve/qemu-server}) and the optional
     * lspci capture, then imports them.
     *
     * @throws dev.pulse.model.diag.FleetException listing every malformed line at once
     */
    public Result importFolder(java.nio.file.Path folder, Optional<java.nio.file.Path> lspciFile, Settings settings) throws java.io.IOException {
        dev.pulse.model.diag.Diagnostics diagnostics = new dev.pulse.model.diag.Diagnostics();
        List<QemuConfig> configs = new ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(folder)) {
            for (java.nio.file.Path file : files.filter(f -> f.getFileName().toString().endsWith(".conf")).sorted().toList()) {
                if (java.nio.file.Files.size(file) > QemuConfig.MAX_BYTES) {
                    diagnostics.error("PULSE-PROXMOX-SYNTAX", dev.pulse.model.diag.Location.of(file.getFileName().toString()), "file is larger than "
                            + QemuConfig.MAX_BYTES + " bytes", "check that this is a qemu-server config");
                    continue;
                }
                QemuConfig.parse(file.getFileName().toString(), java.nio.file.Files.readString(file), diagnostics).ifPresent(configs::add);
            }
        }
        Lspci lspci = Lspci.NONE;
        if (lspciFile.isPresent()) {
            lspci = Lspci.parse(lspciFile.get().getFileName().toString(), java.nio.file.Files.readString(lspciFile.get()), diagnostics);
        }
        diagnostics.throwIfErrors();
        if (configs.isEmpty()) {
            diagnostics.error("PULSE-PROXMOX-SYNTAX", dev.pulse.model.diag.Location.of(folder.toString()), "no <vmid>.conf files in the folder",
                    "copy /etc/pve/qemu-server from the Proxmox host and point pulse.proxmox.dir at it");
            diagnostics.throwIfErrors();
        }
        return run(configs, lspci, settings);
    }

    public Result run(List<QemuConfig> configs, Lspci lspci, Settings settings) {
        List<String> report = new ArrayList<>();
        List<Map<String, Object>> vms = new ArrayList<>();
        boolean anyDevices = false;
        for (QemuConfig config : configs.stream().sorted(java.util.Comparator.comparingInt(QemuConfig::vmid)).toList()) {
            Optional<Map<String, Object>> vm = vm(config, lspci, settings, report);
            vm.ifPresent(vms::add);
            anyDevices |= vm.map(v -> v.containsKey("host")).orElse(false);
        }
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("name", settings.cluster());
        profileFor(lspci, report).ifPresent(profile -> cluster.put("hosts", List.of(Map.of("name", settings.host(), "profile", profile))));
        if (!cluster.containsKey("hosts") && anyDevices) {
            report.add("host " + settings.host() + ": add it to the cluster with a hardware profile before rendering: its VMs are pinned to it");
        }
        cluster.put("vms", vms);
        report.add("next: merge the cluster into fleet.yaml, give VMs the guestVars their roles' guest templates read (e.g. evt-network's "
                + "cameraAddress), then run 'mvn pulse:validate' and 'mvn pulse:render'");
        String header = "Imported by Pulse from Proxmox qemu-server configs (host " + settings.host() + ").\n"
                + "Review it and the import report, then merge this cluster into fleet.yaml.";
        String fragment = new String(YamlWriter.write(header, YamlWriter.mapping(Map.of("clusters", List.of(cluster)))), java.nio.charset.StandardCharsets.UTF_8);
        return new Result(fragment, List.copyOf(report), List.copyOf(vms));
    }

    private Optional<Map<String, Object>> vm(QemuConfig config, Lspci lspci, Settings settings, List<String> report) {
        String id = "VM " + config.vmid();
        String name = config.get("name").orElse("vm-" + config.vmid());
        if (!Names.isLabel(name)) {
            String fixed = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
            report.add(id + ": name '" + name + "' is not a DNS-1123 label; imported as '" + fixed + "'");
            name = fixed;
        }
        id = id + " (" + name + ")";
        if (!config.snapshots().isEmpty()) {
            report.add(id + ": snapshots " + String.join(", ", config.snapshots()) + " are not imported (export the current disk state)");
        }
        String roleName = settings.roles().getOrDefault(config.vmid(), guessRole(name));
        Optional<Role> role = roleName == null ? Optional.empty() : catalog.role(roleName);
        if (role.isEmpty()) {
            report.add(id + ": NOT IMPORTED - no role " + (roleName == null ? "matches its name" : "'" + roleName + "' in the catalog")
                    + "; map it in the roles file (" + config.vmid() + ": <role>)");
            return Optional.empty();
        }
        Devices devices = devices(config, lspci, id, report);
        compare(config, role.get(), devices, id, report);

        Map<String, Object> vm = new LinkedHashMap<>();
        vm.put("name", name);
        vm.put("role", role.get().name());
        if (devices.any()) {
            vm.put("host", settings.host());
        }
        disk(config, settings, id, report).ifPresent(disk -> vm.put("disk", disk));
        for (String key : config.entries().keySet()) {
            if (key.startsWith("net") && key.matches("net\\d+")) {
                Map<String, String> net = QemuConfig.options(config.get(key).orElseThrow());
                report.add(id + ": " + key + " (" + net.getOrDefault("bridge", "no bridge") + (net.containsKey("tag") ? ", VLAN " + net.get("tag") : "")
                        + ") " + (key.equals("net0") ? "becomes the pod network (masquerade)" : "is not mapped: attach the VM to a bridge network in its role"));
            } else if (!key.matches("(hostpci|net)\\d+") && !DISK.matcher(key).matches() && !Set.of("name", "memory", "cores", "sockets", "hugepages", "bios")
                    .contains(key)) {
                report.add(id + ": " + key + " is " + (BOOKKEEPING.contains(key) ? "Proxmox bookkeeping, not needed" : "not mapped (unknown to Pulse)")
                        + ": " + config.get(key).orElse(""));
            }
        }
        return Optional.of(vm);
    }

    /** The role whose name the VM name starts with, before a '-' or a digit. */
    private String guessRole(String name) {
        Matcher prefix = Pattern.compile("([a-z]+)").matcher(name);
        return prefix.lookingAt() && catalog.role(prefix.group(1)).isPresent() ? prefix.group(1) : null;
    }

    /** What a VM's hostpci entries resolve to. */
    private record Devices(Map<String, Integer> gpus, Map<String, Integer> vfs, List<String> pci, boolean display) {
        boolean any() {
            return !gpus.isEmpty() || !vfs.isEmpty() || !pci.isEmpty();
        }
    }

    private Devices devices(QemuConfig config, Lspci lspci, String id, List<String> report) {
        Map<String, Integer> gpus = new TreeMap<>();
        Map<String, Integer> vfs = new TreeMap<>();
        List<String> pci = new ArrayList<>();
        boolean display = false;
        for (String key : config.numbered("hostpci")) {
            Map<String, String> options = QemuConfig.options(config.get(key).orElseThrow());
            display |= "1".equals(options.get("x-vga"));
            for (String address : options.getOrDefault("", "").split(";")) {
                Map<String, PciId> functions = lspci.at(address);
                if (functions.isEmpty()) {
                    report.add(id + ": " + key + " " + address + " is not in the lspci capture; pass the host's 'lspci -Dnn' output so Pulse can tell the device");
                    continue;
                }
                for (Map.Entry<String, PciId> function : functions.entrySet()) {
                    classify(function.getValue(), gpus, vfs, pci).ifPresent(problem -> report.add(id + ": " + key + " " + function.getKey() + " ("
                            + function.getValue() + ") " + problem));
                }
            }
        }
        return new Devices(gpus, vfs, pci, display);
    }

    /** Counts the function under its catalog device; a problem text when it maps to nothing. */
    private Optional<String> classify(PciId id, Map<String, Integer> gpus, Map<String, Integer> vfs, List<String> pci) {
        for (Device device : catalog.devices().values()) {
            if (device.pci().equals(id) && device.kind() == DeviceKind.GPU) {
                gpus.merge(device.name(), 1, Integer::sum);
                return Optional.empty();
            }
            if (device.companions().stream().map(Companion::pci).anyMatch(id::equals)) {
                return Optional.empty(); // travels with its GPU
            }
            if (device.vfPci().filter(id::equals).isPresent()) {
                vfs.merge(device.name(), 1, Integer::sum);
                return Optional.empty();
            }
            if (device.pci().equals(id) && device.kind() == DeviceKind.PCI) {
                pci.add(device.name());
                return Optional.empty();
            }
            if (device.pci().equals(id) && device.kind() == DeviceKind.NIC) {
                return Optional.of("is a whole NIC (physical function), not mapped: Pulse gives VMs SR-IOV VFs");
            }
        }
        return Optional.of("is not in the device catalog, not mapped: add it under 'devices:'");
    }

    /** Where Proxmox and the role disagree. */
    private void compare(QemuConfig config, Role role, Devices devices, String id, List<String> report) {
        int gpus = devices.gpus().values().stream().mapToInt(Integer::intValue).sum();
        if (gpus != role.gpus()) {
            report.add(id + ": passes " + gpus + " GPU(s) in Proxmox, role " + role.name() + " gives " + role.gpus());
        }
        int vfs = devices.vfs().values().stream().mapToInt(Integer::intValue).sum();
        if (vfs != role.sriov().size()) {
            report.add(id + ": passes " + vfs + " VF(s) in Proxmox, role " + role.name() + " attaches " + role.sriov().size() + " SR-IOV network(s)");
        }
        if (!devices.pci().equals(role.pci())) {
            report.add(id + ": passes PCI devices " + devices.pci() + " in Proxmox, role " + role.name() + " takes " + role.pci());
        }
        if (devices.display() && !role.gpuDisplay()) {
            report.add(id + ": uses its GPU as display (x-vga=1), role " + role.name() + " keeps the emulated VGA (gpuDisplay: false)");
        }
        int cores = Integer.parseInt(config.get("cores").orElse("1")) * Integer.parseInt(config.get("sockets").orElse("1"));
        if (cores != role.cpuCores()) {
            report.add(id + ": has " + cores + " vCPU cores in Proxmox, role " + role.name() + " gives " + role.cpuCores());
        }
        BigInteger memory = BigInteger.valueOf(Long.parseLong(config.get("memory").orElse("512"))).shiftLeft(20);
        if (!Quantity.bytes(role.memory()).map(memory::equals).orElse(false)) {
            report.add(id + ": has " + config.get("memory").orElse("512") + " MiB memory in Proxmox, role " + role.name() + " gives " + role.memory());
        }
        String hugepages = switch (config.get("hugepages").orElse("")) {
            case "2" -> "2Mi";
            case "1024" -> "1Gi";
            case "" -> "";
            default -> "any";
        };
        if (!hugepages.equals(role.hugepages())) {
            report.add(id + ": huge pages '" + config.get("hugepages").orElse("none") + "' in Proxmox, role " + role.name() + " gives '"
                    + (role.hugepages().isEmpty() ? "none" : role.hugepages()) + "'");
        }
        boolean uefi = config.get("bios").orElse("seabios").equals("ovmf");
        if (uefi != (role.firmware() == Role.Firmware.UEFI)) {
            report.add(id + ": boots " + (uefi ? "UEFI (ovmf)" : "BIOS (seabios)") + " in Proxmox, role " + role.name() + " boots " + role.firmware().keyword());
        }
    }

    /** The boot disk as a CDI import; other disks are reported. */
    private Optional<Map<String, Object>> disk(QemuConfig config, Settings settings, String id, List<String> report) {
        List<String> disks = config.entries().keySet().stream().filter(k -> DISK.matcher(k).matches())
                .filter(k -> !config.get(k).orElse("").contains("media=cdrom")).toList();
        String boot = config.get("boot").map(QemuConfig::options).map(o -> o.getOrDefault("order", o.getOrDefault("", "")))
                .flatMap(order -> java.util.Arrays.stream(order.split(";")).filter(disks::contains).findFirst())
                .or(() -> config.get("bootdisk").filter(disks::contains))
                .or(() -> disks.stream().findFirst()).orElse(null);
        config.entries().keySet().stream().filter(k -> DISK.matcher(k).matches() && config.get(k).orElse("").contains("media=cdrom"))
                .forEach(k -> report.add(id + ": " + k + " is a CD-ROM, not imported"));
        if (boot == null) {
            report.add(id + ": has no disk; the VM gets none");
            return Optional.empty();
        }
        for (String other : disks) {
            if (!other.equals(boot)) {
                report.add(id + ": " + other + " is not imported (Pulse gives a VM one root disk): " + config.get(other).orElse(""));
            }
        }
        String value = config.get(boot).orElseThrow();
        Matcher volume = VOLUME.matcher(value);
        Map<String, String> options = QemuConfig.options(value);
        if (!volume.lookingAt()) {
            report.add(id + ": " + boot + " '" + value + "' is not a vm-<id>-disk-<n> volume, not imported");
            return Optional.empty();
        }
        String url = settings.diskUrl().replace("{vmid}", String.valueOf(config.vmid())).replace("{disk}", volume.group(1).replaceAll("\\.[a-z0-9]+$", ""))
                .replace("{n}", volume.group(3));
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("import", Map.of("url", url));
        Optional.ofNullable(options.get("size")).map(ProxmoxImport::quantity).ifPresent(size -> disk.put("size", size));
        return Optional.of(disk);
    }

    /** Proxmox sizes are binary: {@code 200G} is 200 GiB. */
    static String quantity(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([KMGT]?)").matcher(size);
        if (!matcher.matches()) {
            return size;
        }
        return matcher.group(2).isEmpty() ? matcher.group(1) : matcher.group(1) + matcher.group(2) + "i";
    }

    /** The catalog hardware profile whose GPUs and NIC ports match the host's lspci capture. */
    private Optional<String> profileFor(Lspci lspci, List<String> report) {
        if (lspci.devices().isEmpty()) {
            report.add("hardware profile: no lspci capture, so none was guessed; add the host under 'hosts:' with its profile");
            return Optional.empty();
        }
        Map<String, Integer> gpus = new TreeMap<>();
        Map<String, Integer> ports = new TreeMap<>();
        for (PciId id : lspci.devices().values()) {
            for (Device device : catalog.devices().values()) {
                if (device.pci().equals(id)) {
                    if (device.kind() == DeviceKind.GPU) {
                        gpus.merge(device.name(), 1, Integer::sum);
                    } else if (device.kind() == DeviceKind.NIC) {
                        ports.merge(device.name(), 1, Integer::sum);
                    }
                }
            }
        }
        List<String> matches = new ArrayList<>();
        for (HardwareProfile profile : catalog.hardwareProfiles().values()) {
            Map<String, Integer> profileGpus = new TreeMap<>();
            profile.gpus().forEach(g -> profileGpus.merge(g.model(), g.count(), Integer::sum));
            Map<String, Integer> profilePorts = new TreeMap<>();
            profile.nics().forEach(n -> profilePorts.merge(n.model(), n.cards() * n.ports(), Integer::sum));
            if (profileGpus.equals(gpus) && profilePorts.equals(ports)) {
                matches.add(profile.name());
            }
        }
        if (matches.size() == 1) {
            report.add("hardware profile: " + matches.get(0) + " matches the host's GPUs " + gpus + " and NIC ports " + ports);
            return Optional.of(matches.get(0));
        }
        report.add("hardware profile: " + (matches.isEmpty() ? "none" : "several (" + String.join(", ", matches) + ")") + " match the host's GPUs "
                + gpus + " and NIC ports " + ports + "; define one under 'hardwareProfiles:' and add the host under 'hosts:'");
        return Optional.empty();
    }
}
