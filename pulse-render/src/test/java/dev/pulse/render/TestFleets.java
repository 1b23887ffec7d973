package dev.pulse.render;

import dev.pulse.model.Fleet;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.yaml.YamlLimits;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.layer.ClusterView;
import dev.pulse.render.tree.Rendering;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Fleets for tests, from YAML text, with the built-in catalog. */
public final class TestFleets {

    /** Fleet name and git settings every test fleet starts with. */
    public static final String HEAD = """
            fleet: demo
            git: {repoURL: https://git.example.com/fleet.git, targetRevision: main, path: deploy}
            """;

    private TestFleets() {}

    public static Fleet load(String yaml) {
        return new FleetLoader(BuiltinProfiles.catalog(), YamlLimits.DEFAULT)
                .load(new NamedContent("fleet.yaml", (HEAD + yaml).getBytes(StandardCharsets.UTF_8)), List.of()).fleet();
    }

    /** The first cluster of the fleet. */
    public static ClusterView cluster(String yaml) {
        Fleet fleet = load(yaml);
        return ClusterView.of(fleet, fleet.clusters().get(0), new dev.pulse.model.diag.Diagnostics());
    }

    /** The canonical trees of what {@code layer} renders for the first cluster, keyed by kind/name. */
    public static java.util.Map<String, com.fasterxml.jackson.databind.node.ObjectNode> objects(dev.pulse.render.layer.Layer layer, String yaml) {
        java.util.Map<String, com.fasterxml.jackson.databind.node.ObjectNode> objects = new java.util.TreeMap<>();
        for (var object : layer.objects(cluster(yaml))) {
            objects.put(object.getKind() + "/" + object.getMetadata().getName(), dev.pulse.render.yaml.YamlWriter.tree(object));
        }
        return objects;
    }

    public static Rendering render(String yaml) {
        return new Renderer("fleet.yaml").render(load(yaml), List.of());
    }
}
