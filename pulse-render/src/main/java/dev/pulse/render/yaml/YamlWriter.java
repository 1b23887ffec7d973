package dev.pulse.render.yaml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one YAML writer: turns objects (fabric8 models, typed CR specs) into canonical trees and those
 * into bytes (through {@link Emitter}, block style, strings quoted only where a reader would take them for
 * something else). Canonical means: keys in a fixed order ({@code apiVersion}, {@code kind}, {@code metadata},
 * then {@code name}, {@code namespace}, then the rest alphabetically), nulls dropped, LF line ends, one
 * trailing newline, integers that fit an int stored as one, a header comment, and no dependence on the JVM, locale or field declaration order,
 * so the same model gives the same bytes on every machine.
 */
public final class YamlWriter {

    /** Keys written before all others, in this order; the rest follow alphabetically. */
    private static final List<String> FIRST_KEYS = List.of("apiVersion", "kind", "metadata", "name", "namespace");

    private static final ObjectMapper TREE_MAPPER = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private YamlWriter() {}

    /** The canonical tree of {@code object}: what is written, and what tests compare. */
    public static ObjectNode tree(Object object) {
        JsonNode node = canonicalTree(object);
        if (!(node instanceof ObjectNode objectNode)) {
            throw new IllegalArgumentException("not an object: " + object);
        }
        return objectNode;
    }

    /**
     * Serialises {@code value} into a token buffer and builds the canonical tree straight from its tokens:
     * what {@code valueToTree} followed by {@link #canonical} gives, without building the tree twice.
     */
    private static JsonNode canonicalTree(Object value) {
        try (TokenBuffer buffer = new TokenBuffer(TREE_MAPPER, false)) {
            TREE_MAPPER.writeValue(buffer, value);
            try (JsonParser tokens = buffer.asParser(TREE_MAPPER)) {
                tokens.nextToken();
                return read(tokens);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    /** The canonical node of the value at the parser's current token. */
    private static JsonNode read(JsonParser tokens) throws IOException {
        JsonToken token = tokens.currentToken();
        switch (token) {
            case START_OBJECT -> {
                List<String> keys = new ArrayList<>();
                Map<String, JsonNode> values = new HashMap<>();
                while (tokens.nextToken() == JsonToken.FIELD_NAME) {
                    String key = tokens.currentName();
                    tokens.nextToken();
                    if (values.put(key, read(tokens)) == null) {
                        keys.add(key);
                    }
                }
                keys.sort(YamlWriter::compareKeys);
                Map<String, JsonNode> ordered = new LinkedHashMap<>(keys.size() * 4 / 3 + 1);
                for (String key : keys) {
                    JsonNode value = values.get(key);
                    if (!value.isNull()) {
                        ordered.put(key, value);
                    }
                }
                return new ObjectNode(JsonNodeFactory.instance, ordered);
            }
            case START_ARRAY -> {
                List<JsonNode> items = new ArrayList<>();
                while (tokens.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(tokens));
                }
                return new ArrayNode(JsonNodeFactory.instance, items);
            }
            case VALUE_STRING -> {
                return JsonNodeFactory.instance.textNode(tokens.getText());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return JsonNodeFactory.instance.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return JsonNodeFactory.instance.nullNode();
            }
            default -> {
                // numbers and anything rarer: as Jackson's tree reader makes them, then canonical
                return canonical(TREE_MAPPER.readTree(tokens));
            }
        }
    }

    /** {@code header} as comment lines, then the YAML of {@code tree}. */
    public static byte[] write(String header, JsonNode tree) {
        String yaml = Emitter.write(isCanonical(tree) ? tree : canonical(tree));
        StringBuilder out = new StringBuilder(yaml.length() + 128);
        header.lines().forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
        out.append(yaml);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code header} as comment lines, then the YAML of {@code tree} with its keys in the order they were put: for files
     * people read and edit (fleet.yaml), whose keys follow the documented order rather than the canonical one.
     */
    public static byte[] writeInOrder(String header, ObjectNode tree) {
        String yaml = Emitter.write(tree);
        StringBuilder out = new StringBuilder(yaml.length() + 128);
        header.lines().forEach(line -> out.append(line.isEmpty() ? "#" : "# " + line).append('\n'));
        out.append(yaml);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The YAML of {@code tree} in canonical order, without a header: for documents embedded in objects (cloud-init). */
    public static String yaml(JsonNode tree) {
        return Emitter.write(isCanonical(tree) ? tree : canonical(tree));
    }

    /** A copy with keys in canonical order and nulls removed, recursively. */
    static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            keys.sort(YamlWriter::compareKeys);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (String key : keys) {
                JsonNode value = object.get(key);
                if (!value.isNull()) {
                    copy.set(key, canonical(value));
                }
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (Iterator<JsonNode> items = array.elements(); items.hasNext(); ) {
                copy.add(canonical(items.next()));
            }
            return copy;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return JsonNodeFactory.instance.numberNode(node.intValue()); // one type per value: 384 is 384, Long or int
        }
        return node;
    }

    /** True when {@link #canonical} would return an equal tree: checking is cheaper than copying. */
    static boolean isCanonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            String previous = null;
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue().isNull() || previous != null && compareKeys(previous, field.getKey()) > 0 || !isCanonical(field.getValue())) {
                    return false;
                }
                previous = field.getKey();
            }
            return true;
        }
        if (node instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (!isCanonical(item)) {
                    return false;
                }
            }
            return true;
        }
        return !(node.isIntegralNumber() && node.canConvertToInt() && !node.isInt());
    }

    private static int compareKeys(String a, String b) {
        int rankA = rank(a);
        int rankB = rank(b);
        return rankA != rankB ? Integer.compare(rankA, rankB) : a.compareTo(b);
    }

    private static int rank(String key) {
        int index = FIRST_KEYS.indexOf(key);
        return index < 0 ? FIRST_KEYS.size() : index;
    }

    /** A plain mapping in canonical order, for files that are not Kubernetes objects. */
    public static ObjectNode mapping(Map<String, ?> entries) {
        return (ObjectNode) canonicalTree(entries);
    }
}
