package dev.pulse.render.layer;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Helpers every layer uses to build objects: the standard labels, and an envelope for custom resources
 * that fabric8 does not ship (Argo CD, KubeVirt, HCO, SR-IOV, ...), whose {@code spec} is a typed record.
 */
public final class Resources {

    /** Label on every object Pulse renders, so {@code oc get -l} finds them and nobody mistakes them for hand-made ones. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

    /** Label naming the fleet an object belongs to. */
    public static final String PART_OF = "app.kubernetes.io/part-of";

    private Resources() {}

    /** Metadata with Pulse's standard labels plus {@code labels}. */
    public static ObjectMeta metadata(String namespace, String name, String fleet, Map<String, String> labels) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put(MANAGED_BY, "pulse");
        all.put(PART_OF, fleet);
        return new ObjectMetaBuilder().withNamespace(namespace).withName(name).withLabels(all).build();
    }

    /** A custom resource: {@code apiVersion}, {@code kind}, {@code metadata} and a typed {@code spec}. */
    public static HasMetadata custom(String apiVersion, String kind, ObjectMeta metadata, Object spec) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(apiVersion);
        resource.setKind(kind);
        resource.setMetadata(metadata);
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }
}
