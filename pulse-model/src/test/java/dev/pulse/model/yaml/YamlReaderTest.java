package dev.pulse.model.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("YamlReader")
class YamlReaderTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private Optional<YamlNode> read(String yaml) {
        return read(yaml, YamlLimits.DEFAULT);
    }

    private Optional<YamlNode> read(String yaml, YamlLimits limits) {
        return new YamlReader(limits).read("f.yaml", yaml.getBytes(StandardCharsets.UTF_8), diagnostics);
    }

    private String onlyProblem() {
        assertThat(diagnostics.sorted()).hasSize(1);
        Diagnostic d = diagnostics.sorted().get(0);
        return d.id() + " " + d.location() + " " + d.message();
    }

    @Nested
    @DisplayName("keeps locations")
    class Locations {
        @Test
        void everyValueKnowsItsLineAndColumn() {
            YamlMap root = (YamlMap) read("""
                    a: 1
                    list:
                      - x
                      - {b: "q"}
                    """).orElseThrow();
            assertThat(root.entries().get("a").value().location()).isEqualTo(new Location("f.yaml", 1, 4));
            assertThat(root.entries().get("list").keyLocation()).isEqualTo(new Location("f.yaml", 2, 1));
            YamlList list = (YamlList) root.entries().get("list").value();
            assertThat(list.items().get(0).location()).isEqualTo(new Location("f.yaml", 3, 5));
            YamlMap inner = (YamlMap) list.items().get(1);
            YamlScalar quoted = (YamlScalar) inner.entries().get("b").value();
            assertThat(quoted.location()).isEqualTo(new Location("f.yaml", 4, 9));
            assertThat(quoted.type()).isEqualTo(YamlScalar.Type.STRING);
        }

        @Test
        void scalarTypesFollowTheParser() {
            YamlMap root = (YamlMap) read("i: 8\ns: \"8\"\nb: true\nf: 1.5\nn: null\n").orElseThrow();
            assertThat(((YamlScalar) root.entries().get("i").value()).type()).isEqualTo(YamlScalar.Type.INTEGER);
            assertThat(((YamlScalar) root.entries().get("s").value()).type()).isEqualTo(YamlScalar.Type.STRING);
            assertThat(((YamlScalar) root.entries().get("b").value()).type()).isEqualTo(YamlScalar.Type.BOOLEAN);
            assertThat(((YamlScalar) root.entries().get("f").value()).type()).isEqualTo(YamlScalar.Type.FLOAT);
            assertThat(((YamlScalar) root.entries().get("n").value()).type()).isEqualTo(YamlScalar.Type.NULL);
        }
    }

    @Nested
    @DisplayName("refuses bad input with one located diagnostic")
    class BadInput {
        @Test
        void syntaxErrorIsLocated() {
            assertThat(read("a: [1, 2\nb: 3\n")).isEmpty();
            assertThat(onlyProblem()).startsWith("PULSE-YAML-SYNTAX f.yaml:");
        }

        @Test
        void duplicateKeyNamesBothLines() {
            assertThat(read("a: 1\nb: 2\na: 3\n")).isEmpty();
            assertThat(onlyProblem()).isEqualTo("PULSE-YAML-DUPLICATE-KEY f.yaml:3:1 key 'a' is set twice in this mapping (first at line 1)");
        }

        @Test
        void billionLaughsStopsAtTheAliasBudget() {
            StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
            for (char c = 'b'; c <= 'j'; c++) {
                char prev = (char) (c - 1);
                bomb.append(c).append(": &").append(c).append(" [");
                for (int i = 0; i < 10; i++) {
                    bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
                }
                bomb.append("]\n");
            }
            long start = System.nanoTime();
            assertThat(read(bomb.toString())).isEmpty();
            assertThat(onlyProblem()).contains("PULSE-YAML-ALIAS").contains("an alias bomb?");
            assertThat(System.nanoTime() - start).as("fails fast").isLessThan(5_000_000_000L);
        }

        @Test
        void undefinedAliasIsReported() {
            assertThat(read("a: *nothing\n")).isEmpty();
            assertThat(onlyProblem()).contains("PULSE-YAML-ALIAS f.yaml:1:4 alias '*nothing' names no anchor");
        }

        @Test
        void deepNestingIsRefused() {
            assertThat(read("a: " + "[".repeat(20) + "]".repeat(20) + "\n", new YamlLimits(1 << 20, 10, 1000))).isEmpty();
            assertThat(onlyProblem()).contains("PULSE-YAML-DEPTH");
        }

        @Test
        void oversizedFileIsRefusedBeforeParsing() {
            assertThat(read("a: " + "x".repeat(200) + "\n", new YamlLimits(100, 10, 1000))).isEmpty();
            assertThat(onlyProblem()).contains("PULSE-YAML-SIZE f.yaml:1:1 file is 204 bytes");
        }

        @Test
        void secondDocumentIsRefused() {
            assertThat(read("a: 1\n---\nb: 2\n")).isEmpty();
            assertThat(onlyProblem()).contains("PULSE-YAML-DOCUMENTS");
        }

        @Test
        void emptyFileIsRefused() {
            assertThat(read("")).isEmpty();
            assertThat(onlyProblem()).contains("PULSE-YAML-EMPTY");
        }
    }

    @Test
    @DisplayName("aliases and merge keys resolve to the anchored values")
    void aliasesAndMergeKeys() {
        YamlMap root = (YamlMap) read("""
                base: &base {cores: 4, memory: 8Gi}
                big:
                  <<: *base
                  memory: 64Gi
                copy: *base
                """).orElseThrow();
        YamlMap big = (YamlMap) root.entries().get("big").value();
        assertThat(((YamlScalar) big.entries().get("cores").value()).text()).isEqualTo("4");
        assertThat(((YamlScalar) big.entries().get("memory").value()).text()).isEqualTo("64Gi");
        assertThat(root.entries().get("copy").value()).isSameAs(root.entries().get("base").value());
        assertThat(diagnostics.sorted()).isEmpty();
    }
}
