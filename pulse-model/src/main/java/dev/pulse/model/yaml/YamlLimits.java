package dev.pulse.model.yaml;

/**
 * Bounds on what one YAML file may cost to read, so that a hostile or broken file fails fast with a
 * message instead of exhausting memory (billion-laughs aliases, megabytes of nesting).
 *
 * @param maxBytes largest accepted file, in bytes
 * @param maxDepth deepest accepted nesting of mappings and lists
 * @param maxAliasWeight most nodes that aliases may expand to, in total, per file
 */
public record YamlLimits(int maxBytes, int maxDepth, long maxAliasWeight) {

    /** Generous for any real fleet (10 000 VMs fit in a few MiB), tight for an attack. */
    public static final YamlLimits DEFAULT = new YamlLimits(16 * 1024 * 1024, 64, 100_000);
}
