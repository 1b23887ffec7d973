package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.yaml.YamlLimits;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.Pulse;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.Tree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The simulation reads a file the renderer wrote from one object as that object instead of parsing it: holds that
 * this is the same thing, on every example and on seeded random fleets - every such file parses to exactly its object.
 */
@DisplayName("TreeSource: a file written from an object reads as that object")
class TreeSourceTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void writtenFilesParseToTheirObjects() throws Exception {
        int checked = 0;
        for (Rendering rendering : renderings()) {
            Tree tree = rendering.tree();
            for (var file : tree.files().entrySet()) {
                var object = tree.writtenFrom(file.getKey());
                if (object.isPresent()) {
                    List<JsonNode> parsed = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.getValue()).readAll();
                    assertThat(parsed).as(file.getKey()).containsExactly(object.get());
                    assertThat(new TreeSource(tree).file(file.getKey())).as(file.getKey()).containsExactly(object.get());
                    checked++;
                }
            }
        }
        assertThat(checked).as("files written from objects").isGreaterThan(500);
    }

    private static List<Rendering> renderings() throws Exception {
        Path examples = Path.of(System.getProperty("pulse.examples"));
        List<Rendering> all = new java.util.ArrayList<>();
        try (Stream<Path> dirs = Files.list(examples)) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("fleet.yaml"))).sorted().toList()) {
                all.add(new Pulse().render(dir.resolve("fleet.yaml")));
            }
        }
        FleetLoader loader = new FleetLoader(BuiltinProfiles.catalog(), YamlLimits.DEFAULT);
        for (long seed = 1; seed <= 20; seed++) {
            var resolved = loader.load(new NamedContent("fleet.yaml", (dev.pulse.render.TestFleets.HEAD + RandomFleets.fleet(seed)).getBytes(StandardCharsets.UTF_8)), List.of());
            all.add(new Pulse().render(resolved));
        }
        return all;
    }
}
