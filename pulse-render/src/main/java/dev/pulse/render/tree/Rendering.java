package dev.pulse.render.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.model.Fleet;
import dev.pulse.model.diag.Diagnostic;
import java.util.List;

/**
 * What one render produced: the file tree, and per cluster and layer the objects it holds (what
 * {@code kubectl kustomize overlays/<cluster>/<layer>} must give back).
 *
 * @param fleet the loaded model
 * @param tree the files
 * @param layers objects per cluster and layer, in sync order
 * @param warnings diagnostics that did not stop the render
 */
public record Rendering(Fleet fleet, Tree tree, List<LayerObjects> layers, List<Diagnostic> warnings) {

    /**
     * The objects of one layer on one cluster.
     *
     * @param cluster cluster name
     * @param layer layer name
     * @param wave the layer Application's sync wave
     * @param objects canonical objects, sorted by kind, namespace and name
     */
    public record LayerObjects(String cluster, String layer, int wave, List<ObjectNode> objects) {}
}
