package dev.pulse.render.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.render.tree.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects of the render already on disk, per cluster and layer, read back from the files Pulse owns
 * ({@code .pulse/manifest}): an overlay's {@code kustomization.yaml} lists its files and its base. Only
 * Pulse's own layout is understood; that is all it needs to compare two renders.
 */
public final class PreviousRender {

    private static final YAMLMapper YAML = new YAMLMapper();

    private PreviousRender() {}

    /**
     * {@code cluster/layer} to its objects; empty for a folder Pulse never rendered into.
     */
    public static Map<String, List<ObjectNode>> read(Path output) throws IOException {
        Map<String, List<ObjectNode>> layers = new TreeMap<>();
        Path manifestFile = output.resolve(Manifest.PATH);
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            return layers;
        }
        Manifest manifest = Manifest.parse(Files.readString(manifestFile));
        for (String path : manifest.hashes().keySet()) {
            String[] parts = path.split("/");
            if (parts.length == 4 && parts[0].equals("overlays") && parts[3].equals("kustomization.yaml")) {
                List<ObjectNode> objects = new ArrayList<>();
                collect(output, "overlays/" + parts[1] + "/" + parts[2], manifest, objects);
                layers.put(parts[1] + "/" + parts[2], objects);
            }
        }
        return layers;
    }

    private static void collect(Path output, String folder, Manifest manifest, List<ObjectNode> objects) throws IOException {
        JsonNode kustomization = readOwned(output, folder + "/kustomization.yaml", manifest);
        if (kustomization == null) {
            return;
        }
        for (JsonNode resource : kustomization.path("resources")) {
            String entry = resource.asText();
            String target = Path.of(folder).resolve(entry).normalize().toString().replace('\\', '/');
            if (entry.endsWith(".yaml")) {
                JsonNode object = readOwned(output, target, manifest);
                if (object instanceof ObjectNode node) {
                    objects.add(node);
                }
            } else if (!target.startsWith("..")) {
                collect(output, target, manifest, objects);
            }
        }
    }

    private static JsonNode readOwned(Path output, String path, Manifest manifest) throws IOException {
        Path file = output.resolve(path);
        if (!manifest.owns(path) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return YAML.readTree(file.toFile());
    }
}
