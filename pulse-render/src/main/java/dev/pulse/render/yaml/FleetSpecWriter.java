package dev.pulse.render.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.model.AccessSecrets;
import dev.pulse.model.ArgoCdSettings;
import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.Companion;
import dev.pulse.model.Device;
import dev.pulse.model.Disk;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.GitSource;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.HostInterface;
import dev.pulse.model.HostPci;
import dev.pulse.model.Keyword;
import dev.pulse.model.LiveMigration;
import dev.pulse.model.LocalVolume;
import dev.pulse.model.Network;
import dev.pulse.model.NicSlot;
import dev.pulse.model.OperatorSettings;
import dev.pulse.model.PciId;
import dev.pulse.model.Placement;
import dev.pulse.model.Rhoso;
import dev.pulse.model.Role;
import dev.pulse.model.StorageBackend;
import dev.pulse.model.StorageDefaults;
import dev.pulse.model.Vm;
import dev.pulse.model.VmIdentity;
import dev.pulse.model.VmShape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes a {@link FleetSpec} (or the parts of one) as {@code fleet.yaml} text that loads back into an equal spec.
 *
 * <p>Each record is written as fleet.yaml spells it, keys in the order of {@link dev.pulse.model.format.FleetFile}'s
 * record components (so the file reads like the schema), and each field only where it differs from what its
 * builder gives by default (a default-built record is the reference), so the file holds what was chosen, not
 * what is implied. Catalog entries are written only where they differ from the base catalog the spec was laid
 * over (the built-in one, or the repo's); an entry that overrides a base entry is written as the difference to
 * it, because the loader merges it field by field onto that entry. What fleet.yaml cannot say (guest templates,
 * an override that unsets a value or a mapping key of its base) fails with an {@link IllegalArgumentException}
 * naming the field: nothing is dropped silently.
 */
public final class FleetSpecWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Catalog base;

    /**
     * A writer for specs laid over {@code base}.
     *
     * @param base the catalog the spec's own entries were laid over: entries equal to its own are not written
     */
    public FleetSpecWriter(Catalog base) {
        this.base = base;
    }

    /**
     * The whole spec as fleet.yaml text: {@code header} as comment lines, then fleet, git, argocd, clusters and the
     * spec's own catalog entries.
     *
     * @throws IllegalArgumentException naming the field, when a value cannot be written in fleet.yaml
     */
    public String write(String header, FleetSpec spec) {
        ObjectNode root = NODES.objectNode();
        root.put("fleet", spec.name());
        ObjectNode git = git(spec.git());
        root.set("git", git);
        putObject(root, "argocd", argocd(spec.argocd()));
        ArrayNode clusters = NODES.arrayNode();
        spec.clusters().forEach(cluster -> clusters.add(cluster(cluster, spec.name())));
        root.set("clusters", clusters);
        catalog(root, spec.catalog());
        return text(header, root);
    }

    /**
     * A fragment to merge into a fleet.yaml: the catalog's entries that differ from the base catalog
     * (hardwareProfiles, roles, devices) and {@code clusters}, without fleet, git and argocd.
     *
     * @param header comment lines at the top
     * @param catalog the catalog the clusters use (the base with the fragment's own entries laid over it)
     * @param fleetName the fleet's name: a cluster's vmNamespace is written only when it differs from it
     * @param clusters the clusters to write
     * @throws IllegalArgumentException naming the field, when a value cannot be written in fleet.yaml
     */
    public String fragment(String header, Catalog catalog, String fleetName, List<Cluster> clusters) {
        ObjectNode root = NODES.objectNode();
        ArrayNode written = NODES.arrayNode();
        clusters.forEach(cluster -> written.add(cluster(cluster, fleetName)));
        root.set("clusters", written);
        catalog(root, catalog);
        return text(header, root);
    }

    private static String text(String header, ObjectNode root) {
        return new String(YamlWriter.writeInOrder(header, root), StandardCharsets.UTF_8);
    }

    // ---- catalog -------------------------------------------------------------------------------------------------

    private void catalog(ObjectNode root, Catalog catalog) {
        catalog.templates().forEach((name, template) -> {
            if (!base.template(name).equals(Optional.of(template))) {
                throw new IllegalArgumentException("template '" + name + "': guest templates are files (templates/" + name
                        + ".yaml.j2), fleet.yaml cannot hold them");
            }
        });
        putArray(root, "devices", entries(catalog.devices().values(), Device::name, base.devices(), FleetSpecWriter::device,
                name -> Device.builder().name(name).build()));
        putArray(root, "hardwareProfiles", entries(catalog.hardwareProfiles().values(), HardwareProfile::name, base.hardwareProfiles(),
                FleetSpecWriter::hardwareProfile, name -> HardwareProfile.builder().name(name).build()));
        putArray(root, "roles", entries(catalog.roles().values(), Role::name, base.roles(), FleetSpecWriter::role, name -> Role.builder().name(name).build()));
    }

    /**
     * The entries not in the base catalog (written over a default-built entry) or different from their base entry
     * (written over it: the loader merges them onto it).
     */
    private static <T> ArrayNode entries(Collection<T> entries, Function<T, String> name, Map<String, T> base, EntryWriter<T> writer,
            Function<String, T> fresh) {
        ArrayNode written = NODES.arrayNode();
        for (T entry : entries) {
            T over = base.get(name.apply(entry));
            if (over == null) {
                written.add(writer.write(entry, fresh.apply(name.apply(entry)), true));
            } else {
                ObjectNode difference = writer.write(entry, over, false);
                if (difference.size() > 1) { // more than its name
                    written.add(difference);
                }
            }
        }
        return written;
    }

    /** Writes a catalog entry over a reference; {@code fresh}: a new entry, which states its required keys even when they equal the default. */
    private interface EntryWriter<T> {
        ObjectNode write(T entry, T reference, boolean fresh);
    }

    static ObjectNode device(Device d, Device ref, boolean fresh) {
        ObjectNode out = named(d.name());
        put(out, "kind", d.kind(), ref.kind());
        put(out, "description", d.description(), ref.description());
        put(out, "pci", d.pci(), ref.pci(), fresh);
        putArray(out, "companions", list(d.companions(), FleetSpecWriter::companion), list(ref.companions(), FleetSpecWriter::companion));
        put(out, "resourceName", d.resourceName(), ref.resourceName(), fresh);
        put(out, "maxVfsPerPort", d.maxVfsPerPort(), ref.maxVfsPerPort());
        put(out, "vfChangeReboots", d.vfChangeReboots(), ref.vfChangeReboots());
        put(out, "vgpuProfiles", d.vgpuProfiles(), ref.vgpuProfiles());
        put(out, "vfPci", d.vfPci(), ref.vfPci(), "device '" + d.name() + "' vfPci");
        put(out, "sriovCapable", d.sriovCapable(), ref.sriovCapable());
        return out;
    }

    private static ObjectNode companion(Companion c) {
        ObjectNode out = NODES.objectNode();
        out.put("pci", c.pci().toString());
        out.put("resourceName", c.resourceName());
        return out;
    }

    static ObjectNode hardwareProfile(HardwareProfile p, HardwareProfile ref, boolean fresh) {
        ObjectNode out = named(p.name());
        put(out, "description", p.description(), ref.description());
        ObjectNode cpu = NODES.objectNode();
        // a new profile must name its vendor (PULSE-REQUIRED), even the builder's default one
        put(cpu, "vendor", p.cpu(), ref.cpu(), fresh);
        put(cpu, "count", p.cpuCount(), ref.cpuCount());
        put(cpu, "reserved", p.reservedCpus(), ref.reservedCpus(), "hardware profile '" + p.name() + "' cpu.reserved");
        put(cpu, "isolated", p.isolatedCpus(), ref.isolatedCpus(), "hardware profile '" + p.name() + "' cpu.isolated");
        putObject(out, "cpu", cpu);
        putArray(out, "gpus", list(p.gpus(), FleetSpecWriter::gpu), list(ref.gpus(), FleetSpecWriter::gpu));
        putArray(out, "nics", list(p.nics(), FleetSpecWriter::nic), list(ref.nics(), FleetSpecWriter::nic));
        putArray(out, "hostNetworks", list(p.hostNetworks(), FleetSpecWriter::hostNetwork), list(ref.hostNetworks(), FleetSpecWriter::hostNetwork));
        return out;
    }

    private static ObjectNode gpu(GpuSlot g) {
        GpuSlot ref = GpuSlot.builder().model(g.model()).build();
        ObjectNode out = NODES.objectNode();
        out.put("model", g.model());
        put(out, "count", g.count(), ref.count());
        put(out, "mode", g.mode(), ref.mode());
        put(out, "console", g.console(), ref.console());
        put(out, "vgpuProfile", g.vgpuProfile(), ref.vgpuProfile(), "vgpuProfile");
        return out;
    }

    private static ObjectNode nic(NicSlot n) {
        NicSlot ref = NicSlot.builder().model(n.model()).build();
        ObjectNode out = NODES.objectNode();
        out.put("model", n.model());
        put(out, "cards", n.cards(), ref.cards());
        put(out, "ports", n.ports(), ref.ports());
        put(out, "vfsPerPort", n.vfsPerPort(), ref.vfsPerPort());
        put(out, "rdma", n.rdma(), ref.rdma());
        put(out, "eswitch", n.eswitch(), ref.eswitch());
        put(out, "mtu", n.mtu(), ref.mtu());
        put(out, "use", n.use(), ref.use());
        return out;
    }

    private static ObjectNode hostNetwork(HostInterface i) {
        HostInterface ref = HostInterface.builder().name(i.name()).build();
        ObjectNode out = named(i.name());
        put(out, "type", i.type(), ref.type());
        put(out, "ports", i.ports(), ref.ports());
        put(out, "mode", i.bondMode(), ref.bondMode());
        put(out, "base", i.vlanBase(), ref.vlanBase());
        put(out, "id", i.vlanId(), ref.vlanId());
        put(out, "mtu", i.mtu(), ref.mtu());
        put(out, "ipv4", i.ipv4(), ref.ipv4());
        put(out, "ipv6", i.ipv6(), ref.ipv6());
        putArray(out, "routes", list(i.routes(), route -> {
            ObjectNode r = NODES.objectNode();
            r.put("destination", route.destination());
            r.put("gateway", route.gateway());
            put(r, "metric", route.metric(), 0);
            return r;
        }), NODES.arrayNode());
        return out;
    }

    static ObjectNode role(Role r, Role ref, boolean fresh) {
        ObjectNode out = named(r.name());
        put(out, "description", r.description(), ref.description());
        put(out, "gpus", r.gpus(), ref.gpus());
        putArray(out, "sriov", attachments(r.sriov()), attachments(ref.sriov()));
        putArray(out, "bridges", attachments(r.bridges()), attachments(ref.bridges()));
        put(out, "pci", r.pci(), ref.pci());
        ObjectNode resources = NODES.objectNode();
        ObjectNode cpu = NODES.objectNode();
        put(cpu, "cores", r.cpuCores(), ref.cpuCores());
        put(cpu, "sockets", r.cpuSockets(), ref.cpuSockets());
        put(cpu, "dedicated", r.dedicatedCpu(), ref.dedicatedCpu());
        putObject(resources, "cpu", cpu);
        put(resources, "memory", r.memory(), ref.memory());
        put(resources, "hugepages", r.hugepages(), ref.hugepages());
        putObject(out, "resources", resources);
        put(out, "gpuDisplay", r.gpuDisplay(), ref.gpuDisplay());
        put(out, "firmware", r.firmware(), ref.firmware());
        put(out, "os", r.os(), ref.os());
        put(out, "guest", r.guest(), ref.guest());
        putMap(out, "guestVars", r.guestVars(), ref.guestVars(), "role '" + r.name() + "' guestVars");
        put(out, "evictionStrategy", r.evictionStrategy(), ref.evictionStrategy(), "role '" + r.name() + "' evictionStrategy");
        put(out, "nicModel", r.nicModel(), ref.nicModel());
        put(out, "spread", r.spread(), ref.spread());
        return out;
    }

    // ---- fleet and clusters --------------------------------------------------------------------------------------

    private static ObjectNode git(GitSource git) {
        GitSource ref = GitSource.builder().repoURL(git.repoURL()).build();
        ObjectNode out = NODES.objectNode();
        out.put("repoURL", git.repoURL());
        put(out, "targetRevision", git.targetRevision(), ref.targetRevision());
        put(out, "path", git.path(), ref.path());
        return out;
    }

    private static ObjectNode argocd(ArgoCdSettings argocd) {
        ArgoCdSettings ref = ArgoCdSettings.builder().build();
        ObjectNode out = NODES.objectNode();
        put(out, "namespace", argocd.namespace(), ref.namespace());
        put(out, "instance", argocd.instance(), ref.instance());
        put(out, "project", argocd.project(), ref.project());
        return out;
    }

    /**
     * A cluster as fleet.yaml writes it.
     *
     * @throws IllegalArgumentException naming the field, when a value cannot be written
     */
    static ObjectNode cluster(Cluster c, String fleetName) {
        Cluster ref = Cluster.builder().fleet(fleetName).name(c.name()).build();
        String what = "cluster '" + c.name() + "'";
        ObjectNode out = named(c.name());
        put(out, "topology", c.topology(), ref.topology());
        put(out, "server", c.server(), ref.server());
        putObject(out, "storage", storage(c.storage()));
        put(out, "gpuOperator", c.gpuOperator(), ref.gpuOperator());
        c.vgpuManager().ifPresent(v -> {
            ObjectNode manager = NODES.objectNode();
            manager.put("repository", v.repository());
            put(manager, "image", v.image(), dev.pulse.model.VgpuManager.DEFAULT_IMAGE);
            manager.put("version", v.version());
            out.set("vgpuManager", manager);
        });
        put(out, "vmNamespace", c.vmNamespace(), ref.vmNamespace());
        putObject(out, "placement", placement(c.placement()));
        putArray(out, "networks", list(c.networks(), FleetSpecWriter::network), NODES.arrayNode());
        putObject(out, "access", access(c.access()));
        putArray(out, "volumes", list(c.volumes(), FleetSpecWriter::volume), NODES.arrayNode());
        ObjectNode operators = NODES.objectNode();
        c.operators().forEach(o -> operators.set(o.operator(), operator(o)));
        putObject(out, "operators", operators);
        putArray(out, "hosts", list(c.hosts(), FleetSpecWriter::host), NODES.arrayNode());
        List<Vm> vms = new ArrayList<>(c.vms());
        vms.addAll(c.retiredVms()); // one list in the file: the loader keeps retired VMs apart again
        putArray(out, "vms", list(vms, FleetSpecWriter::vm), NODES.arrayNode());
        put(out, "platform", c.platform(), ref.platform());
        c.rhoso().ifPresent(rhoso -> out.set("rhoso", rhoso(rhoso)));
        c.liveMigration().ifPresent(migration -> out.set("liveMigration", liveMigration(migration)));
        return out;
    }

    private static ObjectNode storage(StorageDefaults s) {
        Optional<StorageBackend> backend = s.backend();
        StorageDefaults.Builder builder = StorageDefaults.builder();
        backend.ifPresent(b -> builder.backend(b.type()));
        StorageDefaults ref = builder.build();
        ObjectNode out = NODES.objectNode();
        // with a backend the class in force is derived from it; the file holds the class asked for
        put(out, "class", backend.map(StorageBackend::requestedClass).orElse(s.storageClass()), "");
        put(out, "accessMode", s.accessMode(), ref.accessMode());
        put(out, "size", s.size(), ref.size());
        putArray(out, "otherClasses", list(s.otherClasses(), other -> {
            ObjectNode o = NODES.objectNode();
            o.put("name", other.name());
            put(o, "accessMode", other.accessMode(), dev.pulse.model.AccessMode.READ_WRITE_ONCE);
            return o;
        }), NODES.arrayNode());
        backend.ifPresent(b -> {
            put(out, "backend", b.type(), null);
            put(out, "deviceClass", b.deviceClass(), ref.backend().orElseThrow().deviceClass());
            putArray(out, "disks", list(b.disks(), d -> {
                ObjectNode o = NODES.objectNode();
                o.put("host", d.host());
                o.set("paths", json(d.paths()));
                return o;
            }), NODES.arrayNode());
        });
        return out;
    }

    private static ObjectNode placement(Placement p) {
        ObjectNode out = NODES.objectNode();
        putMap(out, "nodeSelector", p.nodeSelector(), Map.of(), "nodeSelector");
        putArray(out, "tolerations", list(p.tolerations(), t -> {
            ObjectNode o = NODES.objectNode();
            o.put("key", t.key());
            put(o, "operator", t.operator(), "Equal");
            put(o, "value", t.value(), "");
            put(o, "effect", t.effect(), "");
            return o;
        }), NODES.arrayNode());
        return out;
    }

    private static ObjectNode network(Network n) {
        Network ref = Network.builder().name(n.name()).build();
        ObjectNode out = named(n.name());
        put(out, "type", n.type(), ref.type());
        put(out, "nic", n.nic(), ref.nic());
        put(out, "bridge", n.bridge(), ref.bridge());
        put(out, "vlan", n.vlan(), ref.vlan());
        put(out, "mtu", n.mtu(), ref.mtu());
        put(out, "ipRange", n.ipRange(), ref.ipRange());
        return out;
    }

    private static ObjectNode access(AccessSecrets a) {
        ObjectNode out = NODES.objectNode();
        put(out, "sshKeysSecret", a.sshKeys(), Optional.empty(), "sshKeysSecret");
        put(out, "passwordsSecret", a.passwords(), Optional.empty(), "passwordsSecret");
        return out;
    }

    private static ObjectNode volume(LocalVolume v) {
        ObjectNode out = named(v.name());
        out.put("host", v.host());
        out.put("path", v.path());
        out.put("size", v.size());
        return out;
    }

    private static ObjectNode operator(OperatorSettings o) {
        ObjectNode out = NODES.objectNode();
        String what = "operator '" + o.operator() + "'";
        put(out, "enabled", o.enabled(), Optional.empty(), what);
        put(out, "channel", o.channel(), Optional.empty(), what);
        put(out, "source", o.catalogSource(), Optional.empty(), what);
        put(out, "sourceNamespace", o.catalogSourceNamespace(), Optional.empty(), what);
        put(out, "startingCSV", o.startingCSV(), Optional.empty(), what);
        put(out, "manualApproval", o.manualApproval(), false);
        return out;
    }

    private static ObjectNode host(Host h) {
        ObjectNode out = named(h.name());
        out.put("profile", h.profile());
        putArray(out, "pci", list(h.pci(), (HostPci p) -> {
            ObjectNode o = NODES.objectNode();
            o.put("model", p.model());
            o.put("address", p.address());
            return o;
        }), NODES.arrayNode());
        put(out, "controlPlane", h.controlPlane(), false);
        h.machinePool().ifPresent(labels -> {
            ObjectNode pool = NODES.objectNode();
            putMap(pool, "labels", labels, Map.of(), "machinePool.labels");
            out.set("machinePool", pool);
        });
        put(out, "ctlplaneIP", h.ctlplaneIP(), Optional.empty(), "ctlplaneIP");
        ObjectNode addresses = NODES.objectNode();
        h.addresses().forEach((iface, list) -> addresses.set(iface, list.size() == 1 ? NODES.textNode(list.get(0)) : json(list)));
        putObject(out, "addresses", addresses);
        return out;
    }

    /**
     * A VM as fleet.yaml writes it.
     *
     * @throws IllegalArgumentException naming the field, when a value cannot be written
     */
    static ObjectNode vm(Vm v) {
        String what = "vm '" + v.name() + "'";
        ObjectNode out = named(v.name());
        out.put("role", v.role());
        put(out, "host", v.host(), Optional.empty(), what + " host");
        v.disk().ifPresent(disk -> {
            ObjectNode root = disk(disk);
            root.remove("name"); // the root disk's name is fixed
            out.set("disk", root);
        });
        putArray(out, "disks", list(v.disks(), FleetSpecWriter::disk), NODES.arrayNode());
        VmShape s = v.shape();
        put(out, "gpus", s.gpus(), Optional.empty(), what + " gpus");
        s.sriov().ifPresent(networks -> out.set("sriov", attachments(networks)));
        s.bridges().ifPresent(networks -> out.set("bridges", attachments(networks)));
        ObjectNode resources = NODES.objectNode();
        ObjectNode cpu = NODES.objectNode();
        put(cpu, "cores", s.cores(), Optional.empty(), what + " cores");
        put(cpu, "sockets", s.sockets(), Optional.empty(), what + " sockets");
        put(cpu, "dedicated", s.dedicated(), Optional.empty(), what + " dedicated");
        putObject(resources, "cpu", cpu);
        put(resources, "memory", s.memory(), Optional.empty(), what + " memory");
        // a VM's empty huge page size is written 'none': left out, the role's would apply
        put(resources, "hugepages", s.hugepages().map(size -> size.isEmpty() ? "none" : size), Optional.empty(), what + " hugepages");
        putObject(out, "resources", resources);
        put(out, "firmware", s.firmware(), Optional.empty(), what + " firmware");
        put(out, "os", s.os(), Optional.empty(), what + " os");
        s.guest().ifPresent(guest -> out.set("guest", json(guest)));
        VmIdentity i = v.identity();
        put(out, "uuid", i.uuid(), Optional.empty(), what + " uuid");
        if (i.persistentEfi() || i.secureBoot().isPresent()) {
            ObjectNode efi = NODES.objectNode();
            put(efi, "persistent", i.persistentEfi(), false);
            put(efi, "secureBoot", i.secureBoot(), Optional.empty(), what + " efi.secureBoot");
            out.set("efi", efi);
        }
        put(out, "tpm", i.tpm(), Optional.empty(), what + " tpm");
        put(out, "cpuModel", i.cpuModel(), Optional.empty(), what + " cpuModel");
        put(out, "numa", i.numa(), false);
        putMap(out, "macs", i.macs(), Map.of(), what + " macs");
        putMap(out, "nicModels", i.nicModels(), Map.of(), what + " nicModels");
        put(out, "usb", v.usb(), List.of());
        put(out, "runStrategy", v.runStrategy(), Vm.builder().build().runStrategy());
        put(out, "evictionStrategy", v.evictionStrategy(), Optional.empty(), what + " evictionStrategy");
        putMap(out, "guestVars", v.guestVars(), Map.of(), what + " guestVars");
        put(out, "retired", v.retired(), Optional.empty(), what + " retired");
        put(out, "group", v.group(), Optional.empty(), what + " group");
        return out;
    }

    private static ObjectNode disk(Disk d) {
        String what = "disk '" + d.name() + "'";
        ObjectNode out = named(d.name());
        ObjectNode source = NODES.objectNode();
        put(source, "url", d.importUrl(), Optional.empty(), what + " import.url");
        put(source, "registry", d.importRegistry(), Optional.empty(), what + " import.registry");
        put(source, "pvc", d.clonePvc(), Optional.empty(), what + " import.pvc");
        put(source, "certConfigMap", d.certConfigMap(), Optional.empty(), what + " import.certConfigMap");
        put(source, "secretRef", d.secretRef(), Optional.empty(), what + " import.secretRef");
        put(source, "dataSource", d.dataSource(), Optional.empty(), what + " import.dataSource");
        putObject(out, "import", source);
        put(out, "blank", d.blank(), false);
        put(out, "claim", d.claim(), Optional.empty(), what + " claim");
        put(out, "size", d.size(), Optional.empty(), what + " size");
        put(out, "storageClass", d.storageClass(), Optional.empty(), what + " storageClass");
        put(out, "bus", d.bus(), Optional.empty(), what + " bus");
        put(out, "cdrom", d.cdrom(), false);
        return out;
    }

    private static ObjectNode rhoso(Rhoso r) {
        Rhoso ref = Rhoso.builder().build();
        ObjectNode out = NODES.objectNode();
        put(out, "namespace", r.namespace(), ref.namespace());
        put(out, "controlPlane", r.controlPlane(), ref.controlPlane());
        put(out, "secret", r.secret(), ref.secret());
        put(out, "libvirtSecret", r.libvirtSecret(), ref.libvirtSecret());
        put(out, "sshKeySecret", r.sshKeySecret(), ref.sshKeySecret());
        put(out, "migrationSshKeySecret", r.migrationSshKeySecret(), ref.migrationSshKeySecret());
        put(out, "ansibleUser", r.ansibleUser(), ref.ansibleUser());
        put(out, "ctlplaneInterface", r.ctlplaneInterface(), ref.ctlplaneInterface());
        put(out, "clientImage", r.clientImage(), ref.clientImage());
        putArray(out, "networks", list(r.networks(), n -> {
            Rhoso.RhosoNetwork nref = Rhoso.RhosoNetwork.builder().build();
            ObjectNode o = named(n.name());
            o.put("dnsDomain", n.dnsDomain());
            o.put("cidr", n.cidr());
            put(o, "gateway", n.gateway(), Optional.empty(), "rhoso network '" + n.name() + "' gateway");
            put(o, "vlan", n.vlan(), nref.vlan());
            put(o, "mtu", n.mtu(), nref.mtu());
            o.put("allocationStart", n.allocationStart());
            o.put("allocationEnd", n.allocationEnd());
            return o;
        }), NODES.arrayNode());
        putMap(out, "services", r.services(), Map.of(), "rhoso services");
        putArray(out, "pciAliases", list(r.pciAliases(), a -> {
            ObjectNode o = NODES.objectNode();
            o.put("model", a.model());
            put(o, "name", a.name(), a.model());
            put(o, "numaPolicy", a.numaPolicy(), Optional.empty(), "pciAlias '" + a.model() + "' numaPolicy");
            return o;
        }), NODES.arrayNode());
        put(out, "flavors", r.flavors(), List.of());
        return out;
    }

    private static ObjectNode liveMigration(LiveMigration m) {
        ObjectNode out = NODES.objectNode();
        put(out, "parallelMigrationsPerCluster", m.parallelMigrationsPerCluster(), 0);
        put(out, "parallelOutboundMigrationsPerNode", m.parallelOutboundMigrationsPerNode(), 0);
        put(out, "bandwidthPerMigration", m.bandwidthPerMigration(), "");
        put(out, "completionTimeoutPerGiB", m.completionTimeoutPerGiB(), 0);
        put(out, "network", m.network(), "");
        return out;
    }

    // ---- values --------------------------------------------------------------------------------------------------

    private static ObjectNode named(String name) {
        ObjectNode out = NODES.objectNode();
        out.put("name", name);
        return out;
    }

    private static ArrayNode attachments(List<String> networks) {
        ArrayNode out = NODES.arrayNode();
        networks.forEach(network -> out.add(NODES.objectNode().put("network", network)));
        return out;
    }

    private static <T> ArrayNode list(List<T> items, Function<T, ObjectNode> writer) {
        ArrayNode out = NODES.arrayNode();
        items.forEach(item -> out.add(writer.apply(item)));
        return out;
    }

    /** Sets {@code key} to {@code value} when it differs from {@code reference}. */
    private static void put(ObjectNode out, String key, Object value, Object reference) {
        put(out, key, value, reference, false);
    }

    /** As {@link #put(ObjectNode, String, Object, Object)}; {@code always}: even when equal (a required key). */
    private static void put(ObjectNode out, String key, Object value, Object reference, boolean always) {
        if (always || !Objects.equals(value, reference)) {
            out.set(key, json(value));
        }
    }

    /** An optional value: written when present and different; unsetting a value the reference has cannot be written. */
    private static void put(ObjectNode out, String key, Optional<?> value, Optional<?> reference, String what) {
        if (value.equals(reference)) {
            return;
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + ": cannot be unset over the entry it overrides in fleet.yaml");
        }
        out.set(key, json(value.get()));
    }

    /** A mapping: the keys whose values differ; a key the reference has and the value lacks cannot be written (mappings merge). */
    private static void putMap(ObjectNode out, String key, Map<String, ?> value, Map<String, ?> reference, String what) {
        ObjectNode map = NODES.objectNode();
        for (String name : reference.keySet()) {
            if (!value.containsKey(name)) {
                throw new IllegalArgumentException(what + ": key '" + name + "' cannot be removed over the entry it overrides in fleet.yaml");
            }
        }
        new java.util.TreeMap<String, Object>(value).forEach((name, item) -> { // sorted: the same file whatever map the model holds
            if (!Objects.equals(item, reference.get(name))) {
                map.set(name, json(item));
            }
        });
        putObject(out, key, map);
    }

    /** A nested mapping, when it holds anything. */
    private static void putObject(ObjectNode out, String key, ObjectNode value) {
        if (!value.isEmpty()) {
            out.set(key, value);
        }
    }

    /** A list of records, when it differs from the reference's (lists replace, so the whole list). */
    private static void putArray(ObjectNode out, String key, ArrayNode value, ArrayNode reference) {
        if (!value.equals(reference)) {
            out.set(key, value);
        }
    }

    private static void putArray(ObjectNode out, String key, ArrayNode value) {
        if (!value.isEmpty()) {
            out.set(key, value);
        }
    }

    /** A plain value as YAML: text, numbers, booleans, keywords, PCI ids, lists and maps of them. */
    private static JsonNode json(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Keyword keyword) {
            return NODES.textNode(keyword.keyword());
        }
        if (value instanceof PciId id) {
            return NODES.textNode(id.toString());
        }
        if (value instanceof Optional<?> optional && optional.isPresent()) {
            return json(optional.get());
        }
        if (value instanceof List<?> items) {
            ArrayNode out = NODES.arrayNode();
            items.forEach(item -> out.add(json(item)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = NODES.objectNode();
            map.forEach((key, item) -> out.set(String.valueOf(key), json(item)));
            return out;
        }
        throw new IllegalArgumentException("cannot write " + (value == null ? "null" : value.getClass().getName() + " " + value) + " in fleet.yaml");
    }
}
