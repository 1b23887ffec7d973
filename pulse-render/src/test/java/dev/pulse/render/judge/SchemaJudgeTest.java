package dev.pulse.render.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.pulse.render.tree.Rendering;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema judge: every rendered Kubernetes document of every example validates strictly against its
 * upstream schema in {@code ../shared/crds} (property {@code pulse.crds}). Nested objects are strict in
 * those files; the open root and the CRDs' bare {@code metadata} are checked here too. A kind without a
 * schema fails; nothing is skipped.
 */
@DisplayName("Schema judge: rendered documents against ../shared/crds")
public class SchemaJudgeTest {

    /** ObjectMeta fields Pulse may write; the CRD schemas leave metadata open, the API server does not. */
    private static final Set<String> METADATA_FIELDS = Set.of("name", "namespace", "labels", "annotations", "finalizers");

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Map<Path, JsonSchema> SCHEMAS = new HashMap<>();

    static Stream<Path> examples() {
        return Examples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("every document of the example validates")
    void everyDocumentValidates(Path example) {
        Rendering rendering = Examples.render(example);
        List<String> problems = new ArrayList<>();
        int validated = 0;
        for (Map.Entry<String, byte[]> file : rendering.tree().files().entrySet()) {
            if (!file.getKey().endsWith(".yaml") || file.getKey().endsWith("kustomization.yaml")) {
                continue; // kustomization files are judged by the real kustomize
            }
            problems.addAll(validate(file.getKey(), read(file.getValue())));
            validated++;
        }
        assertThat(problems).as("schema problems in " + example.getFileName()).isEmpty();
        assertThat(validated).as("documents validated").isPositive();
    }

    @Test
    @DisplayName("the judge rejects an unknown nested field, an unknown root key and a kind without schema")
    void judgeHasTeeth() throws IOException {
        ObjectNode typo = (ObjectNode) YAML.readTree("""
                apiVersion: machineconfiguration.openshift.io/v1
                kind: MachineConfig
                metadata: {name: x}
                spec: {kernelArgs: [iommu=pt]}
                """);
        assertThat(validate("typo.yaml", typo)).anyMatch(p -> p.contains("kernelArgs"));
        ObjectNode rootKey = (ObjectNode) YAML.readTree("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: x}
                extra: 1
                """);
        assertThat(validate("root.yaml", rootKey)).anyMatch(p -> p.contains("extra"));
        ObjectNode badMeta = (ObjectNode) YAML.readTree("""
                apiVersion: operators.coreos.com/v1alpha1
                kind: Subscription
                metadata: {name: x, lables: {a: b}}
                spec: {name: x, source: s, sourceNamespace: n}
                """);
        assertThat(validate("meta.yaml", badMeta)).anyMatch(p -> p.contains("lables"));
        ObjectNode unknownKind = (ObjectNode) YAML.readTree("""
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: x}
                """);
        assertThat(validate("gadget.yaml", unknownKind)).anyMatch(p -> p.contains("no schema"));
    }

    /** Problems of one document, each prefixed with its file; empty when it is valid (public for pulse-import's tests, via the test-jar). */
    public static List<String> validate(String file, JsonNode document) {
        List<String> problems = new ArrayList<>();
        String apiVersion = document.path("apiVersion").asText();
        String kind = document.path("kind").asText();
        Path schemaFile = schemaFile(apiVersion, kind);
        if (!Files.isRegularFile(schemaFile)) {
            problems.add(file + ": no schema for " + apiVersion + " " + kind + " (looked for " + schemaFile + ")");
            return problems;
        }
        JsonSchema schema = schema(schemaFile);
        for (ValidationMessage message : schema.validate(document)) {
            problems.add(file + ": " + message.getMessage());
        }
        Set<String> rootKeys = new java.util.HashSet<>();
        schema.getSchemaNode().path("properties").fieldNames().forEachRemaining(rootKeys::add);
        for (Iterator<String> keys = document.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!rootKeys.contains(key)) {
                problems.add(file + ": unknown top-level key '" + key + "' for " + kind);
            }
        }
        for (Iterator<String> keys = document.path("metadata").fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!METADATA_FIELDS.contains(key)) {
                problems.add(file + ": unexpected metadata field '" + key + "'");
            }
        }
        for (String stringMap : List.of("labels", "annotations")) {
            document.path("metadata").path(stringMap).properties().forEach(entry -> {
                if (!entry.getValue().isTextual()) {
                    problems.add(file + ": metadata." + stringMap + "." + entry.getKey() + " must be a string");
                }
            });
        }
        return problems;
    }

    /** {@code <group>/<kind>_<version>.json}; core kinds {@code core/<kind>[-<group prefix>]-<version>.json}. */
    static Path schemaFile(String apiVersion, String kind) {
        Path crds = Path.of(Examples.requiredProperty("pulse.crds", "the shared/crds folder beside this repository"));
        if (!Files.isDirectory(crds)) {
            fail("pulse.crds points at " + crds + ", which is not a folder: put the shared CRD schemas there or pass -Dpulse.crds=<folder>");
        }
        String lowerKind = kind.toLowerCase(Locale.ROOT);
        int slash = apiVersion.indexOf('/');
        if (slash < 0) {
            return crds.resolve("core").resolve(lowerKind + "-" + apiVersion + ".json");
        }
        String group = apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        Path crdSchema = crds.resolve(group).resolve(lowerKind + "_" + version + ".json");
        if (Files.isRegularFile(crdSchema)) {
            return crdSchema;
        }
        return crds.resolve("core").resolve(lowerKind + "-" + group.split("\\.")[0] + "-" + version + ".json");
    }

    private static synchronized JsonSchema schema(Path file) {
        return SCHEMAS.computeIfAbsent(file, path -> {
            try {
                ObjectNode node = (ObjectNode) new ObjectMapper().readTree(path.toFile());
                node.remove("$schema"); // draft-04 style URIs the factory does not resolve offline
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static JsonNode read(byte[] yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
