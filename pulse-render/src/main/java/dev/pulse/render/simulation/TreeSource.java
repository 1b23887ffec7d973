package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.render.tree.Tree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads Kubernetes objects out of a rendered tree the way Argo CD gets them: an Application's source
 * folder is built like {@code kustomize build} for plain resource lists (files and folders listed under
 * {@code resources}); Pulse's overlays are such lists. Any other Kustomize feature is refused with a
 * message, so the simulation never judges a tree it did not build the way Kustomize would.
 */
final class TreeSource {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> KUSTOMIZATION_FILES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final Set<String> SUPPORTED_KEYS = Set.of("apiVersion", "kind", "resources");

    private final Tree tree;

    TreeSource(Tree tree) {
        this.tree = tree;
    }

    /** A problem with the tree itself: a missing file or a Kustomize feature the simulation does not build. */
    static final class BuildException extends RuntimeException {
        BuildException(String message) {
            super(message);
        }
    }

    boolean exists(String path) {
        return tree.files().containsKey(path);
    }

    boolean isFolder(String path) {
        String prefix = path.isEmpty() ? "" : path + "/";
        return tree.files().keySet().stream().anyMatch(file -> file.startsWith(prefix));
    }

    /**
     * Every object of one YAML file; empty documents are skipped. A file the renderer wrote from one object in this run
     * is that object (copied): its YAML reads back as exactly that tree (EmitterTest, TreeSourceTest), and parsing the
     * tens of thousands of files of a large fleet was most of the simulation's time.
     */
    List<ObjectNode> file(String path) {
        byte[] bytes = tree.files().get(path);
        if (bytes == null) {
            throw new BuildException("no file " + path + " in the tree");
        }
        java.util.Optional<ObjectNode> writtenFrom = tree.writtenFrom(path);
        if (writtenFrom.isPresent()) {
            return List.of(writtenFrom.get().deepCopy());
        }
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(bytes)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document instanceof ObjectNode object) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
        return objects;
    }

    /** Files directly or deeply under {@code folder} whose name ends with {@code .yaml}, sorted. */
    List<String> yamlFilesUnder(String folder) {
        String prefix = folder + "/";
        return tree.files().keySet().stream().filter(path -> path.startsWith(prefix) && path.endsWith(".yaml")).toList();
    }

    /** The nearest folder holding {@code file}, at or below {@code root}, that has a kustomization. */
    java.util.Optional<String> kustomizedFolder(String file, String root) {
        String folder = file.substring(0, file.lastIndexOf('/'));
        while (folder.startsWith(root)) {
            if (isFolderWithKustomization(folder)) {
                return java.util.Optional.of(folder);
            }
            int slash = folder.lastIndexOf('/');
            if (slash < 0) {
                break;
            }
            folder = folder.substring(0, slash);
        }
        return java.util.Optional.empty();
    }

    /** What {@code kustomize build <folder>} gives for a plain resource list, in resource order. */
    List<ObjectNode> build(String folder) {
        List<ObjectNode> objects = new ArrayList<>();
        build(folder, objects, new ArrayDeque<>());
        return objects;
    }

    private void build(String folder, List<ObjectNode> objects, Deque<String> visiting) {
        if (visiting.contains(folder)) {
            throw new BuildException("kustomization cycle through " + folder);
        }
        String file = KUSTOMIZATION_FILES.stream().map(name -> join(folder, name)).filter(this::exists).findFirst()
                .orElseThrow(() -> new BuildException("no kustomization.yaml in " + (folder.isEmpty() ? "the tree root" : folder)));
        visiting.push(folder);
        ObjectNode kustomization = file(file).stream().findFirst().orElseThrow(() -> new BuildException(file + " is empty"));
        for (Iterator<String> keys = kustomization.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!SUPPORTED_KEYS.contains(key)) {
                throw new BuildException(file + ": the simulation builds plain resource lists only, not '" + key + "'");
            }
        }
        for (JsonNode resource : kustomization.path("resources")) {
            String path = normalise(join(folder, resource.asText()));
            if (exists(path) && !isFolderWithKustomization(path)) {
                objects.addAll(file(path));
            } else if (isFolder(path)) {
                build(path, objects, visiting);
            } else {
                throw new BuildException(file + " lists " + resource.asText() + ", which is not in the tree");
            }
        }
        visiting.pop();
    }

    private boolean isFolderWithKustomization(String path) {
        return KUSTOMIZATION_FILES.stream().anyMatch(name -> exists(join(path, name)));
    }

    private static String join(String folder, String path) {
        return folder.isEmpty() ? path : folder + "/" + path;
    }

    /** Resolves {@code .} and {@code ..}; a path leaving the tree is refused. */
    static String normalise(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new BuildException(path + " leaves the tree");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
