package dev.pulse.render.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.tree.Manifest;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.Tree;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each example's committed {@code deploy/} is exactly what the model renders today, and rendering is
 * deterministic. {@code -Dpulse.updateGolden=true} rewrites the committed trees instead (then review the
 * diff as a PR reviewer would).
 */
@DisplayName("Golden trees: committed example output is current and deterministic")
class GoldenTreeTest {

    static Stream<Path> examples() {
        return Examples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("rendering twice gives identical bytes")
    void renderingIsDeterministic(Path example) {
        Tree first = Examples.render(example).tree();
        Tree second = Examples.render(example).tree();
        assertThat(second.files().keySet()).containsExactlyElementsOf(first.files().keySet());
        first.files().forEach((path, bytes) -> assertThat(second.files().get(path)).as(path).isEqualTo(bytes));
        first.files().forEach((path, bytes) -> {
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(text).as(path + " uses LF only and ends with one newline").doesNotContain("\r").endsWith("\n").doesNotEndWith("\n\n");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("the committed deploy/ tree is up to date")
    void committedTreeIsCurrent(Path example) throws IOException {
        Rendering rendering = Examples.render(example);
        Path deploy = example.resolve("deploy");
        if (Boolean.getBoolean("pulse.updateGolden")) {
            replace(deploy, rendering.tree());
        }
        SortedMap<String, byte[]> committed = read(deploy);
        List<String> stale = new ArrayList<>();
        if (!Arrays.equals(committed.remove(Manifest.PATH), Manifest.of(rendering.tree()).bytes())) {
            stale.add("differs: " + Manifest.PATH);
        }
        for (Map.Entry<String, byte[]> file : rendering.tree().files().entrySet()) {
            byte[] old = committed.remove(file.getKey());
            if (old == null) {
                stale.add("missing: " + file.getKey());
            } else if (!Arrays.equals(old, file.getValue())) {
                stale.add("differs: " + file.getKey());
            }
        }
        committed.keySet().forEach(path -> stale.add("not rendered any more: " + path));
        assertThat(stale).as(example.getFileName() + "/deploy is stale; run ./mvnw -pl pulse-render test -Dpulse.updateGolden=true "
                + "(or mvn pulse:render in the example) and review the diff").isEmpty();
    }

    private static SortedMap<String, byte[]> read(Path deploy) throws IOException {
        SortedMap<String, byte[]> files = new TreeMap<>();
        if (Files.isDirectory(deploy)) {
            try (Stream<Path> walk = Files.walk(deploy)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String path = deploy.relativize(file).toString().replace('\\', '/');
                    if (!path.equals(".pulse/lock")) { // the lock file of a render: constant, not part of the tree
                        files.put(path, Files.readAllBytes(file));
                    }
                }
            }
        }
        return files;
    }

    /** Replaces the committed tree with the rendered one (only under deploy/). */
    private static void replace(Path deploy, Tree tree) throws IOException {
        for (String path : read(deploy).keySet()) {
            if (!tree.files().containsKey(path) && !path.equals(Manifest.PATH)) {
                Files.delete(deploy.resolve(path));
            }
        }
        new TreeWriter(deploy).write(tree, true);
    }
}
