package dev.pulse.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("YamlWriter")
class YamlWriterTest {

    private static String write(Map<String, ?> object) {
        return new String(YamlWriter.write("header line", YamlWriter.mapping(object)), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("apiVersion, kind, metadata first, then name, namespace, then the rest alphabetically, whatever the input order")
    void canonicalKeyOrder() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("spec", Map.of("z", 1, "a", 2, "name", "n"));
        object.put("metadata", Map.of("namespace", "ns", "name", "x", "labels", Map.of("b", "1", "a", "2")));
        object.put("kind", "K");
        object.put("apiVersion", "v1");
        assertThat(write(object)).isEqualTo("""
                # header line
                apiVersion: v1
                kind: K
                metadata:
                  name: x
                  namespace: ns
                  labels:
                    a: "2"
                    b: "1"
                spec:
                  name: "n"
                  a: 2
                  z: 1
                """);
    }

    @Test
    @DisplayName("strings that YAML would read as another type are quoted; multi-line strings are literal blocks")
    void quoting() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("bool", "true");
        object.put("number", "9000");
        object.put("yes", "yes");
        object.put("selector", "10DE:26B1");
        object.put("text", "line one\nline two\n");
        object.put("list", List.of("a", "b"));
        assertThat(write(object)).isEqualTo("""
                # header line
                bool: "true"
                list:
                  - a
                  - b
                number: "9000"
                selector: 10DE:26B1
                text: |
                  line one
                  line two
                "yes": "yes"
                """);
    }

    @Test
    @DisplayName("the tree built from tokens equals Jackson's tree made canonical: nulls dropped, keys ordered, numbers one type each")
    void treeFromTokensMatchesJacksonsTree() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("zeta", null);
        spec.put("long", 384L);
        spec.put("big", 1L << 40);
        spec.put("float", 1.5f);
        spec.put("double", 0.25d);
        spec.put("decimal", new java.math.BigDecimal("12.50"));
        spec.put("bytes", new byte[] {1, 2, 3});
        spec.put("list", java.util.Arrays.asList(Map.of("b", 1, "a", true), "x"));
        spec.put("empty", Map.of());
        io.fabric8.kubernetes.api.model.ConfigMap object = new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("n").withNamespace("ns").addToLabels("b", "1").addToLabels("a", "2").endMetadata()
                .addToData("key", "value").build();
        object.setAdditionalProperty("spec", spec);
        com.fasterxml.jackson.databind.JsonNode jackson = new com.fasterxml.jackson.databind.ObjectMapper()
                .setDefaultPropertyInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL).valueToTree(object);

        com.fasterxml.jackson.databind.node.ObjectNode tree = YamlWriter.tree(object);

        assertThat(tree).isEqualTo(YamlWriter.canonical(jackson));
        assertThat(YamlWriter.isCanonical(tree)).isTrue();
        assertThat(YamlWriter.isCanonical(jackson)).isFalse();
        assertThat(tree.path("spec").path("long").isInt()).isTrue();
        assertThat(tree.path("spec").has("zeta")).isFalse();
        assertThat(write(Map.of("a", 1L))).isEqualTo(write(Map.of("a", 1)));
    }
}
