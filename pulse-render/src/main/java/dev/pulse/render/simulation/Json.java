package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small readers over Jackson trees: the simulation works on the objects exactly as the tree holds them. */
final class Json {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** The API group of an object: the part of apiVersion before {@code /}, {@code ""} for core. */
    static String group(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The text at a path of field names, or {@code ""}. */
    static String text(JsonNode node, String... path) {
        return at(node, path).asText("");
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            current = current.path(field);
        }
        return current;
    }

    /** A string map (labels, annotations, nodeSelector) at a path; empty when absent. */
    static Map<String, String> strings(JsonNode node, String... path) {
        Map<String, String> map = new TreeMap<>();
        at(node, path).fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return map;
    }

    static List<JsonNode> list(JsonNode node, String... path) {
        List<JsonNode> list = new ArrayList<>();
        at(node, path).forEach(list::add);
        return list;
    }

    static List<String> texts(JsonNode node, String... path) {
        return list(node, path).stream().map(JsonNode::asText).toList();
    }

    static String annotation(JsonNode object, String key) {
        return text(object, "metadata", "annotations", key);
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** A status condition as Kubernetes writes them ({@code metav1.Condition}). */
    static ObjectNode condition(String type, boolean status, String reason, String message) {
        ObjectNode condition = object();
        condition.put("type", type);
        condition.put("status", status ? "True" : "False");
        condition.put("reason", reason);
        condition.put("message", message);
        return condition;
    }
}
