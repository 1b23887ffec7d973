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
}
