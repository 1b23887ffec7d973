package dev.pulse.maven;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.yaml.YamlLimits;
import dev.pulse.model.yaml.YamlList;
import dev.pulse.model.yaml.YamlMap;
import dev.pulse.model.yaml.YamlNode;
import dev.pulse.model.yaml.YamlReader;
import dev.pulse.model.yaml.YamlScalar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated fleet.yaml schema accepts every example and good corpus fleet, and catches unknown keys,
 * wrong types and values out of range as the loader does.
 */
@DisplayName("fleet.schema.json (generated from the model)")
class FleetSchemaTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonSchema schema() throws IOException {
        try (InputStream in = SchemaMojo.class.getResourceAsStream(SchemaMojo.RESOURCE)) {
            assertThat(in).as("generated schema on the classpath").isNotNull();
            JsonNode node = new ObjectMapper().readTree(in);
            assertThat(node.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
        }
    }

    private static Path root() {
        String examples = System.getProperty("pulse.examples");
        assertThat(examples).as("pulse.examples is set by the build").isNotBlank();
        return Path.of(examples).getParent().getParent().getParent();
    }

    static Stream<Path> validFleets() throws IOException {
        List<Path> fleets = new ArrayList<>();
        try (Stream<Path> examples = Files.list(root().resolve("it/src/it"))) {
            examples.map(dir -> dir.resolve("fleet.yaml")).filter(Files::isRegularFile).sorted().forEach(fleets::add);
        }
        try (Stream<Path> good = Files.list(root().resolve("pulse-model/src/test/resources/corpus/good"))) {
            good.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(fleets::add); // not the .expected beside some
        }
        return fleets.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFleets")
    void acceptsValidFleets(Path fleet) throws IOException {
        Set<ValidationMessage> problems = schema().validate(resolved(fleet));
        assertThat(problems).isEmpty();
    }

    /** The fleet as Pulse reads it (aliases and merge keys resolved, as editors' YAML servers also do). */
    private static JsonNode resolved(Path fleet) throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        YamlNode node = new YamlReader(YamlLimits.DEFAULT).read(fleet.toString(), Files.readAllBytes(fleet), diagnostics).orElseThrow();
        return json(node);
    }

    private static JsonNode json(YamlNode node) {
        JsonNodeFactory factory = JsonNodeFactory.instance;
        if (node instanceof YamlMap map) {
            ObjectNode object = factory.objectNode();
            map.entries().forEach((key, entry) -> object.set(key, json(entry.value())));
            return object;
        }
        if (node instanceof YamlList list) {
            ArrayNode array = factory.arrayNode();
            list.items().forEach(item -> array.add(json(item)));
            return array;
        }
        YamlScalar scalar = (YamlScalar) node;
        return switch (scalar.type()) {
            case INTEGER -> factory.numberNode(Long.parseLong(scalar.text()));
            case FLOAT -> factory.numberNode(Double.parseDouble(scalar.text()));
            case BOOLEAN -> factory.booleanNode(Boolean.parseBoolean(scalar.text()));
            case NULL -> factory.nullNode();
            default -> factory.textNode(scalar.text());
        };
    }

    @Test
    @DisplayName("unknown keys, wrong types, bad enum values, out-of-range numbers and missing required fields fail")
    void catchesMistakes() throws IOException {
        JsonSchema schema = schema();
        String base = "fleet: f\ngit: {repoURL: https://x/y.git}\n";
        assertThat(schema.validate(YAML.readTree(base + "clusters: [{name: c}]\n"))).isEmpty();
        assertThat(schema.validate(YAML.readTree(base + "clusters: [{name: c, hosts: [{name: gpu-01.lab.example, profile: p}], "
                + "vms: [{name: v, role: r, retired: keep-disks}]}]\nroles: [{name: inference, gpus: 6}]\n"))).as("overrides need only what differs").isEmpty();
        for (String bad : List.of(
                "clusters: [{name: c, hostz: []}]\n",
                "clusters: [{name: c, topology: sno}]\n",
                "clusters: [{name: c, gpuOperator: maybe}]\n",
                "clusters: [{name: c, operators: {gpu-operater: {}}}]\n",
                "clusters: {name: c}\n",
                "clusters: [{topology: standard}]\n",
                "roles: [{name: r, gpus: 99}]\nclusters: []\n",
                "hardwareProfiles: [{name: p, cpu: {vendor: amd}, nics: [{model: m, vfsPerPort: 200}]}]\nclusters: []\n",
                "hardwareProfiles: [{name: p, cpu: {vendor: arm}}]\nclusters: []\n",
                "clusters: [{name: c, vms: [{name: v, role: r, disk: {import: {ftp: x}}}]}]\n",
                // issue 20: names are DNS-1123 labels (node names subdomains), as Pulse's own rules require
                "clusters: [{name: Studio_A}]\n",
                "clusters: [{name: c, vms: [{name: optik.01, role: r}]}]\n",
                "clusters: [{name: c, hosts: [{name: GPU-01, profile: p}]}]\n",
                "roles: [{name: " + "r".repeat(64) + "}]\nclusters: []\n",
                "clusters: [{name: c, vms: [{name: v, role: r, retired: maybe}]}]\n")) {
            assertThat(schema.validate(YAML.readTree(base + bad))).as(bad).isNotEmpty();
        }
    }
}
