package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("Lua health checks")
class LuaHealthTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Pulse's own checks (pulse-render resources) for kinds Argo CD also judges. */
    private static final Map<String, String> PULSE_CHECKS = Map.of("nodenetworkconfigurationpolicy.lua", "nmstate.io/NodeNetworkConfigurationPolicy");

    record Case(Path script, Path input, String status, String message) {}

    static List<Case> cases(Path folder) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path test : files.filter(p -> p.getFileName().toString().equals("health_test.yaml")).sorted().toList()) {
                for (JsonNode entry : YAML.readTree(test.toFile()).path("tests")) {
                    cases.add(new Case(test.resolveSibling("health.lua"), test.resolveSibling(entry.path("inputPath").asText()),
                            entry.path("healthStatus").path("status").asText(), entry.path("healthStatus").path("message").asText("")));
                }
            }
        }
        return cases;
    }

    @TestFactory
    @DisplayName("every built-in Argo CD check gives the status and message its own test cases expect")
    Stream<DynamicTest> argoCdChecksPassTheirTests() throws IOException {
        Path folder = SharedHealth.folder();
        List<Case> cases = cases(folder);
        assertThat(cases).as("test cases under " + folder).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(folder.relativize(c.input()).toString(), () -> {
            LuaHealth.Status status = LuaHealth.run(Files.readString(c.script()), c.script().toString(), YAML.readTree(c.input().toFile()));
            assertThat(status).isEqualTo(new LuaHealth.Status(c.status(), c.message()));
        }));
    }

    @TestFactory
    @DisplayName("Pulse's own checks never call Healthy what Argo CD's test cases do not")
    Stream<DynamicTest> pulseChecksAreNoLaxer() throws IOException {
        Path folder = SharedHealth.folder();
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> check : PULSE_CHECKS.entrySet()) {
            String script = resource("/dev/pulse/render/argocd/" + check.getKey());
            List<Case> cases = cases(folder.resolve(check.getValue()));
            assertThat(cases).as("Argo CD's cases for " + check.getValue()).isNotEmpty();
            for (Case c : cases) {
                tests.add(DynamicTest.dynamicTest(check.getKey() + " on " + c.input().getFileName(), () -> {
                    LuaHealth.Status pulse = LuaHealth.run(script, check.getKey(), YAML.readTree(c.input().toFile()));
                    if (!pulse.status().equals(c.status())) {
                        assertThat(pulse.status()).as("stricter than Argo CD's %s, never Healthy", c.status()).isNotEqualTo("Healthy");
                        assertThat(pulse.status()).isIn("Progressing", "Degraded", "Suspended", "Missing", "Unknown");
                    }
                }));
            }
        }
        return tests.stream();
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = LuaHealthTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    @DisplayName("sandbox")
    class Sandbox {

        @Test
        @DisplayName("no io, os or file loading")
        void noIo() {
            JsonNode empty = YAML.createObjectNode();
            assertThat(LuaHealth.run("return {status = tostring(io) .. tostring(os) .. tostring(dofile) .. tostring(require) .. tostring(debug)}", "probe", empty).status())
                    .isEqualTo("nilnilnilnilnil");
        }

        @Test
        @DisplayName("a looping check stops at the instruction bound as Unknown")
        void bounded() {
            LuaHealth.Status status = LuaHealth.run("while true do end", "loop", YAML.createObjectNode());
            assertThat(status.status()).isEqualTo("Unknown");
            assertThat(status.message()).contains("instructions");
        }

        @Test
        @DisplayName("the object is the global obj, lists are 1-based")
        void objectShape() throws IOException {
            JsonNode object = YAML.readTree("status: {conditions: [{type: Ready, status: 'True'}], count: 3}");
            assertThat(LuaHealth.run("return {status = obj.status.conditions[1].type, message = tostring(obj.status.count + 1)}", "shape", object))
                    .isEqualTo(new LuaHealth.Status("Ready", "4"));
        }
    }
}
