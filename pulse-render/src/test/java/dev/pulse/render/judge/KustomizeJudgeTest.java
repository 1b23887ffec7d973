package dev.pulse.render.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kustomize judge: the real {@code kubectl kustomize} builds every {@code overlays/<cluster>/<layer>}
 * and {@code apps/<cluster>} of every example, and returns exactly the objects the model asks for there —
 * same identities, same content.
 */
@DisplayName("Kustomize judge: kubectl kustomize builds every overlay into the model's objects")
class KustomizeJudgeTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    static Stream<Path> examples() {
        return Examples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyOverlayBuildsToTheModelsObjects(Path example, @TempDir Path out) throws Exception {
        Rendering rendering = Examples.render(example);
        new TreeWriter(out).write(rendering.tree(), false);
        assertThat(rendering.layers()).as("layers rendered").isNotEmpty();
        for (Rendering.LayerObjects layer : rendering.layers()) {
            List<JsonNode> built = kustomize(out.resolve("overlays").resolve(layer.cluster()).resolve(layer.layer()));
            assertThat(sorted(built)).as("kubectl kustomize overlays/%s/%s", layer.cluster(), layer.layer())
                    .containsExactlyElementsOf(sorted(new ArrayList<>(layer.objects())));
        }
        for (String cluster : rendering.layers().stream().map(Rendering.LayerObjects::cluster).distinct().toList()) {
            List<JsonNode> expected = new ArrayList<>();
            for (Map.Entry<String, byte[]> file : rendering.tree().files().entrySet()) {
                if (file.getKey().startsWith("apps/" + cluster + "/") && !file.getKey().endsWith("/kustomization.yaml")) {
                    expected.add(YAML.readTree(file.getValue()));
                }
            }
            List<JsonNode> built = kustomize(out.resolve("apps").resolve(cluster));
            assertThat(sorted(built)).as("kubectl kustomize apps/%s", cluster).containsExactlyElementsOf(sorted(expected));
            assertThat(built).as("one Application per layer of " + cluster)
                    .hasSize((int) rendering.layers().stream().filter(l -> l.cluster().equals(cluster)).count());
        }
    }

    /** Runs the real kustomize (embedded in kubectl) and parses the documents it prints. */
    static List<JsonNode> kustomize(Path dir) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            fail("kubectl is not on PATH; the kustomize judge needs the real one: install kubectl (it embeds kustomize), "
                    + "see https://kubernetes.io/docs/tasks/tools/ — " + e.getMessage());
            throw e;
        }
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            fail("kubectl kustomize " + dir + " failed: " + stderr);
        }
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(stdout)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isEmpty()) {
                    documents.add(node);
                }
            }
        }
        return documents;
    }

    private static List<JsonNode> sorted(List<? extends JsonNode> objects) {
        return objects.stream().map(JsonNode.class::cast).sorted(Comparator
                .comparing((JsonNode o) -> o.path("kind").asText())
                .thenComparing(o -> o.path("metadata").path("namespace").asText())
                .thenComparing(o -> o.path("metadata").path("name").asText())).toList();
    }
}
