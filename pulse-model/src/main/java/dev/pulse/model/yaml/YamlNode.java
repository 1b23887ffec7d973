package dev.pulse.model.yaml;

import dev.pulse.model.diag.Location;

/**
 * A parsed YAML value that remembers where it stands. Immutable; a node reached through an alias is
 * shared, not copied, and its {@link #weight()} is what expanding it would cost.
 */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    /** Where the value starts. */
    Location location();

    /** Number of nodes in this subtree, saturating at {@link Long#MAX_VALUE}: the alias-expansion budget unit. */
    long weight();

    /** Short description for messages, e.g. {@code a list} or {@code the string 'abc'}. */
    String describe();

    /** Adds two weights without overflowing. */
    static long addWeights(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
