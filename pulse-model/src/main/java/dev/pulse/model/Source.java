package dev.pulse.model;

import dev.pulse.model.diag.Location;
import java.util.Map;

/**
 * Where a model record and each of its fields came from, so that rules can point at the exact value.
 *
 * @param at where the record's mapping starts
 * @param fields field name to the location of its value, for the fields the user wrote
 */
public record Source(Location at, Map<String, Location> fields) {

    public Source {
        fields = Map.copyOf(fields);
    }

    /** A record built in code rather than read from a file (tests, defaults). */
    public static Source synthetic(String what) {
        return new Source(Location.of("<" + what + ">"), Map.of());
    }

    /**
     * The location of {@code field}'s value (nested fields as {@code import.url}), or of the nearest
     * written parent, or of the record when none was written.
     */
    public Location of(String field) {
        String key = field;
        while (!fields.containsKey(key) && key.contains(".")) {
            key = key.substring(0, key.lastIndexOf('.'));
        }
        return fields.getOrDefault(key, at);
    }
}
