package dev.pulse.model.load;

import dev.pulse.model.Keyword;
import dev.pulse.model.Source;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.yaml.YamlList;
import dev.pulse.model.yaml.YamlMap;
import dev.pulse.model.yaml.YamlNode;
import dev.pulse.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the fields of one YAML mapping into typed values, reporting every problem (wrong type, missing
 * required field, value out of range) as a diagnostic and going on with a default, so one pass finds all
 * problems. {@link #finish()} reports the keys no reader asked for, with a "did you mean" hint; so every
 * binder asks for all of its keys before it calls it.
 */
final class Fields {

    private final YamlMap map;
    private String what;
    private final Diagnostics diagnostics;
    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, Location> locations = new HashMap<>();

    private Fields(YamlMap map, String what, Diagnostics diagnostics) {
        this.map = map;
        this.what = what;
        this.diagnostics = diagnostics;
    }

    /**
     * Starts reading {@code node} as a mapping; when it is something else, reports that and reads an empty mapping.
     *
     * @param what how messages name the mapping, e.g. {@code cluster 'studio'}
     */
    static Fields of(YamlNode node, String what, Diagnostics diagnostics) {
        if (node instanceof YamlMap map) {
            return new Fields(map, what, diagnostics);
        }
        diagnostics.error(Rule.TYPE, node.location(), what + " must be a mapping (key: value lines), got " + node.describe(),
                "write it as 'key: value' entries");
        return new Fields(new YamlMap(node.location(), Map.of(), 1), what, diagnostics);
    }

    /** Names the mapping in later messages, once its name is known (e.g. {@code cluster 'studio'}). */
    Fields describedAs(String description) {
        this.what = description;
        return this;
    }

    Location location() {
        return map.location();
    }

    /** The location of {@code key}'s value, or of the mapping when the key is absent. */
    Location at(String key) {
        YamlMap.Entry entry = map.entries().get(key);
        return entry == null ? map.location() : entry.value().location();
    }

    /** The raw node of {@code key}, if written (a written {@code null} counts as absent). */
    Optional<YamlNode> node(String key) {
        known.add(key);
        YamlMap.Entry entry = map.entries().get(key);
        if (entry == null || entry.value() instanceof YamlScalar scalar && scalar.type() == YamlScalar.Type.NULL) {
            return Optional.empty();
        }
        locations.put(key, entry.value().location());
        return Optional.of(entry.value());
    }

    /** A string; numbers are taken as written (a revision {@code 1.0} stays {@code "1.0"}). */
    Optional<String> string(String key) {
        return node(key).flatMap(node -> {
            if (node instanceof YamlScalar scalar && scalar.type() != YamlScalar.Type.BOOLEAN) {
                return Optional.of(scalar.text());
            }
            wrongType(key, node, "a string");
            return Optional.empty();
        });
    }

    String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** A string that must be present; reports {@code PULSE-REQUIRED} and returns "" when it is not. */
    String requiredString(String key) {
        Optional<String> value = string(key);
        YamlMap.Entry entry = map.entries().get(key);
        boolean writtenNull = entry != null && entry.value() instanceof YamlScalar scalar && scalar.type() == YamlScalar.Type.NULL;
        if (value.isEmpty() && entry == null) {
            diagnostics.error(Rule.REQUIRED, map.location(), what + " has no '" + key + "'", "add '" + key + ": ...' to it");
        } else if (writtenNull || value.isPresent() && value.get().isBlank()) { // 'name: ~' is no name either
            diagnostics.error(Rule.REQUIRED, at(key), what + " has an empty '" + key + "'", "give '" + key + "' a value");
        }
        return value.orElse("");
    }

    /** An integer within [{@code min}, {@code max}]. */
    int integer(String key, int fallback, int min, int max) {
        return integer(key, min, max).orElse(fallback);
    }

    /** An integer within [{@code min}, {@code max}]; empty when absent or reported (the builder's default stands). */
    Optional<Integer> integer(String key, int min, int max) {
        return node(key).flatMap(node -> {
            if (!(node instanceof YamlScalar scalar) || scalar.type() != YamlScalar.Type.INTEGER) {
                wrongType(key, node, "an integer");
                return Optional.empty();
            }
            long value;
            try {
                value = Long.parseLong(scalar.text().replace("_", ""));
            } catch (NumberFormatException e) {
                value = Long.MAX_VALUE;
            }
            if (value < min || value > max) {
                diagnostics.error(Rule.RANGE, node.location(), "'" + key + "' of " + what + " is " + scalar.text() + ", outside " + min + ".." + max,
                        "use a value from " + min + " to " + max);
                return Optional.empty();
            }
            return Optional.of((int) value);
        });
    }

    Optional<Boolean> bool(String key) {
        return node(key).flatMap(node -> {
            if (node instanceof YamlScalar scalar && scalar.type() == YamlScalar.Type.BOOLEAN) {
                return Optional.of(Boolean.parseBoolean(scalar.text().toLowerCase(java.util.Locale.ROOT)));
            }
            wrongType(key, node, "true or false");
            return Optional.empty();
        });
    }

    boolean bool(String key, boolean fallback) {
        return bool(key).orElse(fallback);
    }

    /** One of an enum's {@link Keyword#keyword()} spellings. */
    <E extends Enum<E> & Keyword> E choice(String key, Class<E> type, E fallback) {
        return choice(key, type).orElse(fallback);
    }

    /** One of an enum's {@link Keyword#keyword()} spellings; empty when absent or reported (the builder's default stands). */
    <E extends Enum<E> & Keyword> Optional<E> choice(String key, Class<E> type) {
        return string(key).flatMap(text -> {
            for (E constant : EnumSet.allOf(type)) {
                if (constant.keyword().equals(text)) {
                    return Optional.of(constant);
                }
            }
            List<String> allowed = EnumSet.allOf(type).stream().map(Keyword::keyword).toList();
            diagnostics.error(Rule.CHOICE, at(key), "'" + key + "' of " + what + " is '" + text + "', which is not one of " + String.join(", ", allowed),
                    Suggest.closest(text, allowed).map(s -> "did you mean '" + s + "'?").orElse("use one of " + String.join(", ", allowed)));
            return Optional.empty();
        });
    }

    /** A list whose items {@code item} reads; a single value where a list belongs is reported. */
    <T> List<T> list(String key, Function<YamlNode, T> item) {
        return node(key).map(node -> {
            if (node instanceof YamlList list) {
                List<T> items = new ArrayList<>();
                list.items().forEach(each -> items.add(item.apply(each)));
                return items;
            }
            wrongType(key, node, "a list");
            return List.<T>of();
        }).orElse(List.of());
    }

    /** A list of strings. */
    List<String> strings(String key) {
        return list(key, node -> {
            if (node instanceof YamlScalar scalar && scalar.type() != YamlScalar.Type.NULL && scalar.type() != YamlScalar.Type.BOOLEAN) {
                return scalar.text();
            }
            diagnostics.error(Rule.TYPE, node.location(), "items of '" + key + "' in " + what + " must be strings, got " + node.describe(), "write each item as a plain string");
            return "";
        }).stream().filter(text -> !text.isEmpty()).toList();
    }

    /** Entries of a mapping-valued field, in document order, each read by {@code entry}. */
    <T> List<T> entries(String key, java.util.function.BiFunction<YamlMap.Entry, String, T> entry) {
        return node(key).map(node -> {
            if (node instanceof YamlMap nested) {
                List<T> items = new ArrayList<>();
                nested.entries().values().forEach(each -> items.add(entry.apply(each, each.key())));
                return items;
            }
            wrongType(key, node, "a mapping");
            return List.<T>of();
        }).orElse(List.of());
    }

    /** Reports keys nobody asked for and returns where each read field stands. */
    Source finish() {
        for (YamlMap.Entry entry : map.entries().values()) {
            if (!known.contains(entry.key())) {
                String hint = Suggest.closest(entry.key(), known).map(s -> "did you mean '" + s + "'? ").orElse("")
                        + "known keys: " + known.stream().sorted().collect(Collectors.joining(", "));
                diagnostics.error(Rule.UNKNOWN_KEY, entry.keyLocation(), "unknown key '" + entry.key() + "' in " + what, hint);
            }
        }
        return new Source(map.location(), locations);
    }

    private void wrongType(String key, YamlNode node, String expected) {
        diagnostics.error(Rule.TYPE, node.location(), "'" + key + "' of " + what + " must be " + expected + ", got " + node.describe(),
                "write '" + key + "' as " + expected);
    }
}
