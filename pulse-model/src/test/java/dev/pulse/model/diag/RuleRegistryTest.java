package dev.pulse.model.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The registry is the one list of rules: each has a corpus case (or a named test elsewhere), a README row, and is
 * the only place its id is written in main code. Paths are relative to this module's basedir, where surefire runs.
 */
@DisplayName("Rule registry: every rule is tested, documented, and named only through Rule")
class RuleRegistryTest {

    private static final Pattern ID = Pattern.compile("PULSE-[A-Z0-9]+(-[A-Z0-9]+)*");

    /**
     * Rules the model's corpus cannot show, with the test that covers each instead: it must exist in some module
     * and name the rule ({@code PULSE-X} or {@code Rule.X}).
     */
    private static final Map<Rule, Exemption> EXEMPT = new LinkedHashMap<>();

    static {
        EXEMPT.put(Rule.GUEST, new Exemption("dev.pulse.render.layer.WorkloadsLayerTest", "guest templates run (jinjava) when pulse-render renders, after loading"));
        EXEMPT.put(Rule.REBOOT, new Exemption("dev.pulse.render.review.ImpactTest", "a reboot is a difference between two renders, not a property of one fleet"));
        EXEMPT.put(Rule.PROXMOX_SYNTAX, new Exemption("dev.pulse.importer.proxmox.ProxmoxImportTest", "the importer reads Proxmox configs, not fleet.yaml"));
        EXEMPT.put(Rule.FLEET_CLASS, new Exemption("dev.pulse.render.FleetClassDiagnosticsTest", "a fleet written as a Java class is loaded by pulse-render"));
    }

    record Exemption(String testClass, String reason) {}

    @Nested
    @DisplayName("the registry itself")
    class Registry {

        @Test
        void everyRuleHasAWellFormedIdATitleAndASource() {
            for (Rule rule : Rule.values()) {
                assertThat(rule.id()).as(rule.name()).matches(ID);
                assertThat(rule.title()).as(rule.id() + " title").isNotBlank().doesNotContain("\n");
                assertThat(rule.source()).as(rule.id() + " source").isNotBlank();
                assertThat(Rule.of(rule.id())).isSameAs(rule);
            }
        }

        @Test
        void anUnknownIdIsRefused() {
            assertThatThrownBy(() -> Rule.of("PULSE-NO-SUCH-RULE")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PULSE-NO-SUCH-RULE");
        }
    }

    @Nested
    @DisplayName("tests")
    class Tests {

        @Test
        void everyRuleHasACorpusCaseOrANamedTest() throws IOException {
            Set<String> covered = corpusIds();
            List<String> missing = Arrays.stream(Rule.values()).filter(rule -> !EXEMPT.containsKey(rule) && !covered.contains(rule.id()))
                    .map(Rule::id).toList();
            assertThat(missing).as("rules without a corpus case (corpus/bad or corpus/good, listed in a .expected); add one").isEmpty();
        }

        @Test
        void anExemptRuleHasNoCorpusCaseAndItsTestExistsAndNamesIt() throws IOException {
            Set<String> covered = corpusIds();
            for (Map.Entry<Rule, Exemption> exempt : EXEMPT.entrySet()) {
                Rule rule = exempt.getKey();
                assertThat(covered).as(rule.id() + " has a corpus case now: drop its exemption").doesNotContain(rule.id());
                String file = exempt.getValue().testClass().replace('.', '/') + ".java";
                Optional<Path> test = modules().stream().map(m -> m.resolve("src/test/java").resolve(file)).filter(Files::isRegularFile).findFirst();
                assertThat(test).as(rule.id() + " is covered by " + exempt.getValue().testClass() + ", which no module has").isPresent();
                String text = Files.readString(test.get(), StandardCharsets.UTF_8);
                assertThat(text.contains(rule.id()) || text.contains("Rule." + rule.name()))
                        .as(exempt.getValue().testClass() + " names " + rule.id() + " (or Rule." + rule.name() + ")").isTrue();
            }
        }
    }

    @Nested
    @DisplayName("README")
    class Readme {

        @Test
        void everyRuleHasARowAndEveryRowIdIsARule() throws IOException {
            Map<String, String> rows = readmeRows();
            Set<String> ids = Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toCollection(TreeSet::new));
            assertThat(new TreeSet<>(rows.keySet())).as("ids in README's rules table").isEqualTo(ids);
        }

        @Test
        void aRowSaysWhenItsRuleIsAWarningOrANote() throws IOException {
            Map<String, String> rows = readmeRows();
            for (Rule rule : Rule.values()) {
                String first = rows.getOrDefault(rule.id(), "");
                switch (rule.severity()) {
                    case WARNING -> assertThat(first).as(rule.id() + " is a warning").contains("(warning");
                    case NOTE -> assertThat(first).as(rule.id() + " is a note").contains("(note");
                    case ERROR -> assertThat(first).as(rule.id() + " is an error").doesNotContain("(warning").doesNotContain("(note");
                }
            }
        }

        /** Each id of the table's first column, with that cell. */
        private Map<String, String> readmeRows() throws IOException {
            List<String> lines = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
            int header = lines.indexOf("| id | what it refuses | source |");
            assertThat(header).as("README's rules table header").isNotNegative();
            Map<String, String> rows = new LinkedHashMap<>();
            for (String line : lines.subList(header + 2, lines.size())) {
                if (!line.startsWith("|")) {
                    break;
                }
                String first = line.split("\\|")[1];
                Matcher id = ID.matcher(first);
                boolean any = false;
                while (id.find()) {
                    assertThat(rows.put(id.group(), first)).as(id.group() + " has one row").isNull();
                    any = true;
                }
                assertThat(any).as("a row names its ids: " + line).isTrue();
                assertThat(first).as("a row names its ids in full, without the -SUFFIX shorthand: " + first).doesNotContain("`-");
                assertThat(first.replaceAll("`" + ID.pattern() + "`", "")).as("a row's ids are written `PULSE-X`: " + first).doesNotContain("PULSE-");
            }
            return rows;
        }
    }

    @Nested
    @DisplayName("main code")
    class MainCode {

        @Test
        void noRuleIdIsWrittenOutsideTheRegistry() throws IOException {
            List<String> found = new ArrayList<>();
            for (Path module : modules()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("dev/pulse/model/diag/Rule.java")).sorted().toList()) {
                        for (String literal : stringLiterals(Files.readString(file, StandardCharsets.UTF_8))) {
                            if (literal.contains("PULSE-")) {
                                found.add(file + ": " + literal);
                            }
                        }
                    }
                }
            }
            assertThat(found).as("string literals with a rule id: name the Rule constant instead (python3 migrate_rule_ids.py, see git log)").isEmpty();
        }
    }

    /** The sibling modules of this one (folders of the repository root with a pom.xml), this one included. */
    static List<Path> modules() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(".."))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml"))).sorted().toList();
        }
    }

    /** Every id in a corpus {@code .expected} file, bad or good. */
    static Set<String> corpusIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String folder : List.of("bad", "good")) {
            try (Stream<Path> files = Files.list(corpus(folder))) {
                for (Path expected : files.filter(f -> f.toString().endsWith(".expected")).toList()) {
                    Files.readAllLines(expected, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                            .map(l -> l.split(" ")[0]).forEach(ids::add);
                }
            }
        }
        return ids;
    }

    private static Path corpus(String folder) {
        try {
            return Path.of(RuleRegistryTest.class.getResource("/corpus/" + folder).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (UncheckedIOException e) {
            throw e;
        }
    }

    /** The contents of the string literals and text blocks of Java source, comments skipped. */
    static List<String> stringLiterals(String java) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < java.length()) {
            char c = java.charAt(i);
            if (java.startsWith("//", i)) {
                i = java.indexOf('\n', i) < 0 ? java.length() : java.indexOf('\n', i);
            } else if (java.startsWith("/*", i)) {
                i = java.indexOf("*/", i + 2) < 0 ? java.length() : java.indexOf("*/", i + 2) + 2;
            } else if (java.startsWith("\"\"\"", i)) {
                int end = java.indexOf("\"\"\"", i + 3);
                end = end < 0 ? java.length() : end;
                literals.add(java.substring(i + 3, end));
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < java.length() && java.charAt(j) != c) {
                    j += java.charAt(j) == '\\' ? 2 : 1;
                }
                if (c == '"') {
                    literals.add(java.substring(i + 1, Math.min(j, java.length())));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    @Test
    void theScannerFindsLiteralsAndSkipsComments() {
        String java = "// \"PULSE-A\"\n/* \"PULSE-B\" */ String s = \"x [PULSE-C]\" + 'q' + \"\\\"PULSE-D\\\"\";\nString t = \"\"\"\n  PULSE-E\n  \"\"\";";
        assertThat(stringLiterals(java).stream().filter(l -> l.contains("PULSE-"))).hasSize(3);
        assertThat(EnumSet.allOf(Rule.class)).hasSize(Rule.values().length);
    }
}
