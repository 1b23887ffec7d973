package dev.pulse.model.yaml;

import dev.pulse.model.diag.Location;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A YAML mapping with string keys, in document order.
 *
 * @param location where the mapping starts
 * @param entries key to entry, in document order; unmodifiable
 * @param weight nodes in this subtree
 */
public record YamlMap(Location location, Map<String, Entry> entries, long weight) implements YamlNode {

    /** One key and its value, each with its own location. */
    public record Entry(String key, Location keyLocation, YamlNode value) {}

    public YamlMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    @Override
    public String describe() {
        return "a mapping";
    }
}
