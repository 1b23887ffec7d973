package dev.pulse.model.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.pulse.model.ArgoCdSettings;
import dev.pulse.model.Cluster;
import dev.pulse.model.Device;
import dev.pulse.model.Disk;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.GitSource;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.HostInterface;
import dev.pulse.model.Keyword;
import dev.pulse.model.Network;
import dev.pulse.model.NicSlot;
import dev.pulse.model.Role;
import dev.pulse.model.StorageBackend;
import dev.pulse.model.StorageDefaults;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.yaml.YamlLimits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One description of the format: {@link FleetFile} (which the JSON Schema is generated from), the binder and the builders
 * agree on ranges, required keys and defaults. Every {@code @Min}/{@code @Max}, {@code @JsonProperty(required = true)} and
 * {@code @JsonProperty(defaultValue = ...)} of FleetFile is found by reflection and checked against what loading a
 * generated fleet file reports, or what the builders (and, for the few small records without one, the binder) produce.
 */
@DisplayName("Format: FleetFile, the binder and the builders describe one format")
class FormatTest {

    /**
     * A key of the fleet file, reached from the root: the record components on the way (a list-valued component stands
     * for its first item).
     */
    record Path(List<RecordComponent> steps) {

        RecordComponent last() {
            return steps.get(steps.size() - 1);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (RecordComponent step : steps) {
                text.append(text.length() == 0 ? "" : ".").append(key(step)).append(elementRecord(step.getGenericType()) != null && isList(step) ? "[0]" : "");
            }
            return text.toString();
        }

        /** {@code ClusterDoc.server}: the record and component, as the defaults table names them. */
        String owner() {
            return last().getDeclaringRecord().getSimpleName() + "." + last().getName();
        }
    }

    /**
     * An annotation of a record component: read off its field, since Jackson's and Jakarta's annotations do not target
     * record components themselves (javac hands them on to the field).
     */
    private static <A extends java.lang.annotation.Annotation> A annotation(RecordComponent component, Class<A> type) {
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(type);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(RecordComponent component) {
        JsonProperty property = annotation(component, JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    private static boolean isList(RecordComponent component) {
        return component.getType() == List.class;
    }

    /** The record a component holds, directly or as a list's items; null for plain values and maps. */
    private static Class<?> elementRecord(Type type) {
        if (type instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class && p.getActualTypeArguments()[0] instanceof Class<?> item && item.isRecord()) {
            return item;
        }
        return null;
    }

    /** Every key of the format, depth first. */
    static List<Path> keys() {
        List<Path> keys = new ArrayList<>();
        collect(FleetFile.class, List.of(), keys);
        return keys;
    }

    private static void collect(Class<?> record, List<RecordComponent> prefix, List<Path> into) {
        for (RecordComponent component : record.getRecordComponents()) {
            List<RecordComponent> steps = new ArrayList<>(prefix);
            steps.add(component);
            into.add(new Path(steps));
            Class<?> nested = elementRecord(component.getGenericType());
            if (nested != null) {
                collect(nested, steps, into);
            }
        }
    }

    static Stream<Path> ranged() {
        return keys().stream().filter(k -> annotation(k.last(), Min.class) != null || annotation(k.last(), Max.class) != null);
    }

    static Stream<Path> required() {
        return keys().stream().filter(k -> {
            JsonProperty property = annotation(k.last(), JsonProperty.class);
            return property != null && property.required();
        });
    }

    // ---------------------------------------------------------------- documents

    /** Marks the value under test in a generated document, so the writer can tell its line. */
    private static final Object OMITTED = new Object();

    /**
     * A fleet file with every required key along {@code path} filled in, and {@code value} at the path's key ({@link #OMITTED}:
     * the key left out).
     */
    private static Document document(Path path, Object value) {
        Map<String, Object> root = minimal(FleetFile.class);
        Map<String, Object> parent = root;
        List<RecordComponent> steps = path.steps();
        for (RecordComponent step : steps.subList(0, steps.size() - 1)) {
            Map<String, Object> child = minimal(elementRecord(step.getGenericType()));
            parent.put(key(step), isList(step) ? List.of(child) : child);
            parent = child;
        }
        if (value == OMITTED) {
            parent.remove(key(path.last()));
        } else {
            parent.put(key(path.last()), value);
        }
        return Document.write(root, parent, key(path.last()));
    }

    /** A mapping with the required keys of {@code record}, each with a plain value of its type. */
    private static Map<String, Object> minimal(Class<?> record) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent component : record.getRecordComponents()) {
            JsonProperty property = annotation(component, JsonProperty.class);
            if (property != null && property.required()) {
                Class<?> nested = elementRecord(component.getGenericType());
                Object value = nested != null ? minimal(nested) : "/dev/x"; // a path, a name, a URL: any string is some value
                map.put(key(component), isList(component) ? List.of(value) : value);
            }
        }
        return map;
    }

    /** A generated fleet file and the line of the key under test (or of the mapping it was left out of). */
    record Document(String text, int line) {

        static Document write(Map<String, Object> root, Map<String, Object> parent, String key) {
            Writer writer = new Writer(parent, key);
            writer.map(root, 0, "");
            return new Document(String.join("\n", writer.lines) + "\n", writer.line);
        }
    }

    /** Block-style YAML, remembering where the mapping under test and its key stand. */
    private static final class Writer {
        final List<String> lines = new ArrayList<>();
        final Map<Object, Boolean> target = new IdentityHashMap<>();
        final String key;
        int line;

        Writer(Map<String, Object> parent, String key) {
            this.target.put(parent, true);
            this.key = key;
        }

        /** Writes {@code map}; its first line starts with {@code first} (a list item's "- ") instead of the indent. */
        void map(Map<String, Object> map, int indent, String first) {
            String prefix = first.isEmpty() ? " ".repeat(indent) : first;
            if (target.containsKey(map) && line == 0) {
                line = lines.size() + 1; // the mapping's own line, replaced below by the key's when it is written
            }
            if (map.isEmpty()) {
                lines.add(prefix + "{}");
                return;
            }
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                if (target.containsKey(map) && entry.getKey().equals(key)) {
                    line = lines.size() + 1;
                }
                Object value = entry.getValue();
                if (value instanceof Map<?, ?> nested) {
                    lines.add(prefix + entry.getKey() + ":");
                    @SuppressWarnings("unchecked")
                    Map<String, Object> typed = (Map<String, Object>) nested;
                    map(typed, indent + 2, "");
                } else if (value instanceof List<?> list) {
                    lines.add(prefix + entry.getKey() + ":");
                    for (Object item : list) {
                        if (item instanceof Map<?, ?> nested) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> typed = (Map<String, Object>) nested;
                            map(typed, indent + 4, " ".repeat(indent + 2) + "- ");
                        } else {
                            lines.add(" ".repeat(indent + 2) + "- " + item);
                        }
                    }
                } else {
                    lines.add(prefix + entry.getKey() + ": " + value);
                }
                prefix = " ".repeat(indent);
            }
        }
    }

    private static List<Diagnostic> load(Document document) {
        try {
            return loader().load(new NamedContent("format.yaml", document.text().getBytes(StandardCharsets.UTF_8)), List.of()).warnings();
        } catch (FleetException e) {
            return e.diagnostics();
        }
    }

    private static FleetLoader loader() {
        return new FleetLoader(dev.pulse.model.Catalog.EMPTY, YamlLimits.DEFAULT);
    }

    // ---------------------------------------------------------------- ranges and required keys

    @ParameterizedTest(name = "{0}")
    @MethodSource("ranged")
    @DisplayName("a value just outside a @Min/@Max range is a PULSE-RANGE error at it")
    void rangesAreTheBinders(Path path) {
        Min min = annotation(path.last(), Min.class);
        Max max = annotation(path.last(), Max.class);
        assertThat(min).as("%s has both ends", path).isNotNull();
        assertThat(max).as("%s has both ends", path).isNotNull();
        for (long outside : List.of(min.value() - 1, max.value() + 1)) {
            Document document = document(path, outside);
            assertThat(load(document)).as("%s: %s in\n%s", path, outside, document.text())
                    .anySatisfy(d -> {
                        assertThat(d.id()).isEqualTo("PULSE-RANGE");
                        assertThat(d.location().line()).isEqualTo(document.line());
                        assertThat(d.message()).contains("outside " + min.value() + ".." + max.value());
                    });
        }
        for (long inside : List.of(min.value(), max.value())) {
            Document document = document(path, inside);
            assertThat(load(document)).as("%s: %s in\n%s", path, inside, document.text()).noneMatch(d -> d.id().equals("PULSE-RANGE"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("required")
    @DisplayName("leaving out a required key is a PULSE-REQUIRED error naming it")
    void requiredKeysAreTheBinders(Path path) {
        Document document = document(path, OMITTED);
        assertThat(load(document)).as("%s left out of\n%s", path, document.text())
                .anySatisfy(d -> {
                    assertThat(d.id()).isEqualTo("PULSE-REQUIRED");
                    assertThat(d.message()).contains("'" + key(path.last()) + "'");
                    assertThat(d.location().line()).isEqualTo(document.line());
                });
    }

    // ---------------------------------------------------------------- defaults

    /** The defaults of the builders, and of the binder for the small records it still makes itself, by FleetFile record and component. */
    private static Map<String, Supplier<Object>> implementedDefaults() {
        Map<String, Supplier<Object>> defaults = new TreeMap<>();
        GitSource git = FleetSpec.builder().build().git();
        defaults.put("Git.targetRevision", git::targetRevision);
        defaults.put("Git.path", git::path);
        ArgoCdSettings argocd = FleetSpec.builder().build().argocd();
        defaults.put("Argocd.namespace", argocd::namespace);
        defaults.put("Argocd.instance", argocd::instance);
        defaults.put("Argocd.project", argocd::project);
        Cluster cluster = Cluster.builder().build();
        defaults.put("ClusterDoc.topology", cluster::topology);
        defaults.put("ClusterDoc.server", cluster::server);
        defaults.put("ClusterDoc.gpuOperator", cluster::gpuOperator);
        defaults.put("ClusterDoc.platform", cluster::platform);
        StorageDefaults storage = StorageDefaults.builder().build();
        defaults.put("Storage.size", storage::size);
        defaults.put("Storage.deviceClass", () -> StorageDefaults.builder().backend(StorageBackend.Type.LVMS).build().backend().orElseThrow().deviceClass());
        defaults.put("OtherClass.accessMode", () -> StorageDefaults.builder().otherClass("x").build().otherClasses().get(0).accessMode());
        Network network = Network.builder().build();
        defaults.put("NetworkDoc.type", network::type);
        defaults.put("NetworkDoc.vlan", network::vlan);
        defaults.put("NetworkDoc.mtu", network::mtu);
        Host host = Host.builder().build();
        defaults.put("HostDoc.controlPlane", host::controlPlane);
        Vm vm = Vm.builder().build();
        defaults.put("VmDoc.runStrategy", vm::runStrategy);
        defaults.put("VmDoc.numa", () -> vm.identity().numa());
        defaults.put("Efi.persistent", () -> vm.identity().persistentEfi());
        Disk disk = Disk.builder().build();
        for (String doc : List.of("DiskDoc", "NamedDiskDoc")) {
            defaults.put(doc + ".blank", disk::blank);
            defaults.put(doc + ".cdrom", disk::cdrom);
        }
        Device device = Device.builder().build();
        defaults.put("DeviceDoc.kind", device::kind);
        defaults.put("DeviceDoc.maxVfsPerPort", device::maxVfsPerPort);
        defaults.put("DeviceDoc.vfChangeReboots", device::vfChangeReboots);
        defaults.put("DeviceDoc.sriovCapable", device::sriovCapable);
        HardwareProfile profile = HardwareProfile.builder().build();
        defaults.put("Cpu.count", profile::cpuCount);
        GpuSlot gpu = GpuSlot.builder().build();
        defaults.put("GpuDoc.count", gpu::count);
        defaults.put("GpuDoc.mode", gpu::mode);
        defaults.put("GpuDoc.console", gpu::console);
        NicSlot nic = NicSlot.builder().build();
        defaults.put("NicDoc.cards", nic::cards);
        defaults.put("NicDoc.ports", nic::ports);
        defaults.put("NicDoc.vfsPerPort", nic::vfsPerPort);
        defaults.put("NicDoc.rdma", nic::rdma);
        defaults.put("NicDoc.eswitch", nic::eswitch);
        defaults.put("NicDoc.mtu", nic::mtu);
        defaults.put("NicDoc.use", nic::use);
        Role role = Role.builder().build();
        defaults.put("RoleDoc.gpus", role::gpus);
        defaults.put("RoleDoc.gpuDisplay", role::gpuDisplay);
        defaults.put("RoleDoc.firmware", role::firmware);
        defaults.put("RoleDoc.os", role::os);
        defaults.put("RoleDoc.nicModel", role::nicModel);
        defaults.put("RoleDoc.spread", role::spread);
        defaults.put("Resources.memory", role::memory);
        defaults.put("ResourcesCpu.cores", role::cpuCores);
        defaults.put("ResourcesCpu.sockets", role::cpuSockets);
        defaults.put("ResourcesCpu.dedicated", role::dedicatedCpu);
        dev.pulse.model.Rhoso rhoso = dev.pulse.model.Rhoso.builder().build();
        defaults.put("RhosoDoc.namespace", rhoso::namespace);
        defaults.put("RhosoDoc.controlPlane", rhoso::controlPlane);
        defaults.put("RhosoDoc.secret", rhoso::secret);
        defaults.put("RhosoDoc.libvirtSecret", rhoso::libvirtSecret);
        defaults.put("RhosoDoc.sshKeySecret", rhoso::sshKeySecret);
        defaults.put("RhosoDoc.migrationSshKeySecret", rhoso::migrationSshKeySecret);
        defaults.put("RhosoDoc.ansibleUser", rhoso::ansibleUser);
        defaults.put("RhosoDoc.ctlplaneInterface", rhoso::ctlplaneInterface);
        defaults.put("RhosoDoc.clientImage", rhoso::clientImage);
        dev.pulse.model.Rhoso.RhosoNetwork rhosoNetwork = dev.pulse.model.Rhoso.RhosoNetwork.builder().build();
        defaults.put("RhosoNetworkDoc.vlan", rhosoNetwork::vlan);
        defaults.put("RhosoNetworkDoc.mtu", rhosoNetwork::mtu);
        HostInterface hostNetwork = HostInterface.builder().build();
        defaults.put("HostNetworkDoc.type", hostNetwork::type);
        defaults.put("HostNetworkDoc.id", hostNetwork::vlanId);
        defaults.put("HostNetworkDoc.mtu", hostNetwork::mtu);
        defaults.put("HostNetworkDoc.ipv4", hostNetwork::ipv4);
        defaults.put("HostNetworkDoc.ipv6", hostNetwork::ipv6);
        defaults.put("VgpuManagerDoc.image", () -> dev.pulse.model.VgpuManager.of("quay.io/x", "1").image());
        bound(defaults);
        return defaults;
    }

    /** The records the binder still makes without a builder (tolerations, routes, operator settings; the vGPU Manager from the file): loaded from a file that leaves their keys out. */
    private static void bound(Map<String, Supplier<Object>> defaults) {
        String text = """
                fleet: f
                git: {repoURL: https://git.example.com/f.git}
                hardwareProfiles:
                  - name: p
                    cpu: {vendor: amd}
                    hostNetworks: [{name: bond1, routes: [{destination: 0.0.0.0/0, gateway: 10.0.0.1}]}]
                clusters:
                  - name: c
                    placement: {tolerations: [{key: k}]}
                    operators: {nfd: {}}
                """;
        FleetLoader.Parsed parsed;
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempDirectory("format").resolve("fleet.yaml");
            java.nio.file.Files.writeString(file, text);
            parsed = loader().parse(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Cluster cluster = parsed.spec().clusters().get(0);
        defaults.put("Toleration.operator", () -> cluster.placement().tolerations().get(0).operator());
        defaults.put("OperatorDoc.manualApproval", () -> cluster.operators().get(0).manualApproval());
        HostInterface.Route route = parsed.spec().catalog().hardwareProfile("p").orElseThrow().hostNetworks().get(0).routes().get(0);
        defaults.put("RouteDoc.metric", route::metric);
    }

    /** The {@code defaultValue} of every FleetFile component that has one, by record and component. */
    private static Map<String, String> documentedDefaults() {
        Map<String, String> documented = new TreeMap<>();
        for (Path path : keys()) {
            JsonProperty property = annotation(path.last(), JsonProperty.class);
            if (property != null && !property.defaultValue().isEmpty()) {
                documented.put(path.owner(), property.defaultValue());
            }
        }
        return documented;
    }

    private static String text(Object value) {
        return value instanceof Keyword keyword ? keyword.keyword() : String.valueOf(value);
    }

    @Test
    @DisplayName("every documented default is the builders' (or binder's), and every implemented default is documented")
    void defaultsAreTheBuilders() {
        Map<String, String> documented = documentedDefaults();
        Map<String, String> implemented = new TreeMap<>();
        implementedDefaults().forEach((key, value) -> implemented.put(key, text(value.get())));

        assertThat(documented).isEqualTo(implemented);
    }

    /** The {@code default} of the (one) property named {@code name}, wherever the generator put it. */
    private static JsonNode defaultOf(JsonNode schema, String name) {
        List<JsonNode> found = schema.findValues(name).stream().filter(node -> node.has("default")).toList();
        assertThat(found).as("properties '%s' with a default", name).hasSize(1);
        return found.get(0).get("default");
    }

    @Test
    @DisplayName("the schema carries the defaults, typed")
    void schemaCarriesTheDefaults() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED, JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE))
                .with(new SchemaDefaults());
        JsonNode schema = new SchemaGenerator(config.build()).generateSchema(FleetFile.class);

        assertThat(defaultOf(schema, "server").asText()).isEqualTo("https://kubernetes.default.svc");
        assertThat(defaultOf(schema, "gpuOperator").isBoolean()).isTrue();
        assertThat(defaultOf(schema, "cards").isInt()).isTrue();
        assertThat(defaultOf(schema, "cards").asInt()).isEqualTo(1);
        assertThat(schema.path("properties").path("git").path("properties").path("repoURL").has("default")).isFalse();
    }
}
