package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/**
 * One Kubernetes object by API group, kind, namespace ({@code ""} when cluster-scoped or not given) and name.
 *
 * @param group API group, {@code ""} for the core group
 * @param kind kind
 * @param namespace namespace as written in the tree (may be {@code ""})
 * @param name name
 */
public record ObjectRef(String group, String kind, String namespace, String name) implements Comparable<ObjectRef> {

    private static final Comparator<ObjectRef> ORDER = Comparator.comparing(ObjectRef::group).thenComparing(ObjectRef::kind)
            .thenComparing(ObjectRef::namespace).thenComparing(ObjectRef::name);

    /** The reference of an object read from the tree. */
    static ObjectRef of(JsonNode object) {
        return new ObjectRef(Json.group(object), object.path("kind").asText(), object.path("metadata").path("namespace").asText(""),
                object.path("metadata").path("name").asText());
    }

    /** {@code group/Kind}: what a CustomResourceDefinition serves. */
    public String groupKind() {
        return group + "/" + kind;
    }

    @Override
    public int compareTo(ObjectRef other) {
        return ORDER.compare(this, other);
    }

    /** {@code Kind namespace/name}, or {@code Kind name} when there is no namespace. */
    @Override
    public String toString() {
        return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
