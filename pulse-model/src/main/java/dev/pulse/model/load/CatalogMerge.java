package dev.pulse.model.load;

import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.yaml.YamlList;
import dev.pulse.model.yaml.YamlMap;
import dev.pulse.model.yaml.YamlNode;
import dev.pulse.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Overrides merge: a device, hardware profile or role defined with the name of one defined before it (built in,
 * or in an earlier {@code profiles/*.yaml}) is laid over that one field by field, before it is bound. Mappings
 * merge key by key at every depth ({@code resources: {memory: 64Gi}} keeps the built-in {@code cpu} and
 * {@code hugepages}); lists and plain values replace; a field written as {@code null} ({@code hugepages: ~})
 * drops the inherited value, so its default applies. Each override is reported as a note
 * ({@code PULSE-OVERRIDE}) that says, at the override, what it changed and what it kept.
 *
 * <p>Until issue 20 an override replaced the entry whole: {@code roles: [{name: inference, gpus: 6}]} silently
 * turned a 32-core, 128Gi, huge-page VM with guest configuration into 1 core and 4Gi.
 */
final class CatalogMerge {

    /** Catalog lists and how messages name their entries. */
    static final Map<String, String> KINDS = Map.of("devices", "device", "hardwareProfiles", "hardware profile", "roles", "role");

    private static final int SHOWN = 40;

    /**
     * @param root the file's root after merging
     * @param entries the (merged) mapping of every catalog entry the file defines, keyed {@code <list>/<name>}
     */
    record Merged(YamlNode root, Map<String, YamlMap> entries) {}

    private CatalogMerge() {}

    /** Merges the catalog entries of {@code root} onto the entries of the same name in {@code earlier}. */
    static Merged apply(YamlNode root, Map<String, YamlMap> earlier, Diagnostics diagnostics) {
        Map<String, YamlMap> entries = new TreeMap<>();
        if (!(root instanceof YamlMap map)) {
            return new Merged(root, entries);
        }
        Map<String, YamlMap.Entry> rootEntries = new LinkedHashMap<>(map.entries());
        boolean changed = false;
        for (Map.Entry<String, YamlMap.Entry> entry : map.entries().entrySet()) {
            String kind = KINDS.get(entry.getKey());
            if (kind == null || !(entry.getValue().value() instanceof YamlList list)) {
                continue;
            }
            List<YamlNode> items = new ArrayList<>();
            for (YamlNode item : list.items()) {
                String name = item instanceof YamlMap itemMap && itemMap.entries().get("name") != null
                        && itemMap.entries().get("name").value() instanceof YamlScalar scalar ? scalar.text() : null;
                if (name == null) {
                    items.add(item);
                    continue;
                }
                String key = entry.getKey() + "/" + name;
                YamlMap base = earlier.get(key);
                YamlMap result = (YamlMap) item;
                if (base != null) {
                    result = merge(base, result);
                    changed = true;
                    diagnostics.note(Rule.OVERRIDE, item.location(), kind + " '" + name + "' overrides the one defined at " + base.location()
                            + " field by field: " + describe(base, (YamlMap) item), "write only the fields that differ; 'field: ~' drops an inherited value");
                }
                entries.putIfAbsent(key, result);
                items.add(result);
            }
            YamlMap.Entry old = entry.getValue();
            rootEntries.put(entry.getKey(), new YamlMap.Entry(old.key(), old.keyLocation(), new YamlList(list.location(), items, list.weight())));
        }
        return new Merged(changed ? new YamlMap(map.location(), rootEntries, map.weight()) : root, entries);
    }

    /** {@code override} laid over {@code base}: mappings merge at every depth; anything else replaces. */
    static YamlMap merge(YamlMap base, YamlMap override) {
        Map<String, YamlMap.Entry> merged = new LinkedHashMap<>(base.entries());
        long weight = 1;
        for (YamlMap.Entry entry : override.entries().values()) {
            YamlMap.Entry inherited = merged.get(entry.key());
            if (inherited != null && inherited.value() instanceof YamlMap baseValue && entry.value() instanceof YamlMap overrideValue) {
                merged.put(entry.key(), new YamlMap.Entry(entry.key(), entry.keyLocation(), merge(baseValue, overrideValue)));
            } else {
                merged.put(entry.key(), entry);
            }
        }
        for (YamlMap.Entry entry : merged.values()) {
            weight = YamlNode.addWeights(weight, entry.value().weight());
        }
        return new YamlMap(override.location(), merged, weight);
    }

    /** What the override changes ({@code gpus 4 → 6}) and which top-level fields it keeps. */
    private static String describe(YamlMap base, YamlMap override) {
        List<String> changes = new ArrayList<>();
        changes(base, override, "", changes);
        List<String> kept = base.entries().keySet().stream().filter(key -> !key.equals("name") && !override.entries().containsKey(key)).toList();
        return (changes.isEmpty() ? "changes nothing" : String.join(", ", changes)) + (kept.isEmpty() ? "" : "; keeps " + String.join(", ", kept));
    }

    private static void changes(YamlMap base, YamlMap override, String prefix, List<String> changes) {
        for (YamlMap.Entry entry : override.entries().values()) {
            if (prefix.isEmpty() && entry.key().equals("name")) {
                continue;
            }
            String field = prefix + entry.key();
            YamlMap.Entry inherited = base.entries().get(entry.key());
            YamlNode value = entry.value();
            boolean dropped = value instanceof YamlScalar scalar && scalar.type() == YamlScalar.Type.NULL;
            if (inherited == null) {
                if (!dropped) {
                    changes.add(field + " added (" + show(value) + ")");
                }
            } else if (dropped) {
                changes.add(field + " dropped (was " + show(inherited.value()) + ")");
            } else if (inherited.value() instanceof YamlMap baseValue && value instanceof YamlMap overrideValue) {
                changes(baseValue, overrideValue, field + ".", changes);
            } else if (!text(inherited.value()).equals(text(value))) {
                changes.add(field + " " + show(inherited.value()) + " → " + show(value));
            }
        }
    }

    /** A short flow-style rendering of a value for messages. */
    private static String show(YamlNode node) {
        String text = text(node);
        return text.length() > SHOWN ? text.substring(0, SHOWN - 1) + "…" : text;
    }

    private static String text(YamlNode node) {
        if (node instanceof YamlScalar scalar) {
            return scalar.text();
        }
        if (node instanceof YamlList list) {
            return "[" + String.join(", ", list.items().stream().map(CatalogMerge::text).toList()) + "]";
        }
        YamlMap map = (YamlMap) node;
        return "{" + String.join(", ", map.entries().values().stream().map(e -> e.key() + ": " + text(e.value())).toList()) + "}";
    }
}
