package dev.pulse.render.layer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One Argo CD Application's worth of objects for a cluster, such as {@code operators} or
 * {@code host-config}. A layer is a pure function from the model to objects: no I/O, no clock, no
 * randomness, so the same model always yields the same objects. Its place in the sync order is not its
 * own business: {@link SyncWaves} holds it.
 */
public interface Layer {

    /** Folder and Application suffix, a DNS-1123 label such as {@code host-config}. */
    String name();

    /** The objects this layer wants on {@code cluster}; empty when the cluster needs none of them. */
    List<HasMetadata> objects(ClusterView cluster);

    /**
     * Fields of this layer's objects that controllers change after Argo CD applies them, so its Application
     * ignores exactly those and does not show OutOfSync forever.
     */
    default List<IgnoredDifference> ignoredDifferences() {
        return List.of();
    }

    /**
     * Fields Argo CD should not compare on objects of one kind.
     *
     * @param group API group
     * @param kind kind
     * @param jsonPointers the fields, as JSON pointers
     */
    record IgnoredDifference(String group, String kind, List<String> jsonPointers) {}
}
