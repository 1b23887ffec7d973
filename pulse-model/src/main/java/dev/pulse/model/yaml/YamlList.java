package dev.pulse.model.yaml;

import dev.pulse.model.diag.Location;
import java.util.List;

/**
 * A YAML sequence.
 *
 * @param location where the sequence starts
 * @param items the items in document order
 * @param weight nodes in this subtree
 */
public record YamlList(Location location, List<YamlNode> items, long weight) implements YamlNode {

    public YamlList {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
