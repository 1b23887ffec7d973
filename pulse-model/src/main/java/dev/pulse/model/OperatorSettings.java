package dev.pulse.model;

import java.util.Optional;

/**
 * A cluster's overrides for one OLM operator install; empty fields keep the catalog default.
 * In fleet.yaml: {@code operators: {gpu-operator: {channel: v24.9, source: certified-operators}}}.
 *
 * @param operator which operator: {@code virtualization}, {@code gpu-operator}, {@code sriov}, {@code nfd}, {@code nmstate}
 * @param enabled force the operator on ({@code true}) or off ({@code false}); empty: installed when the model needs it
 * @param channel OLM channel
 * @param catalogSource CatalogSource name (fleet.yaml key {@code source})
 * @param catalogSourceNamespace CatalogSource namespace (fleet.yaml key {@code sourceNamespace})
 * @param startingCSV pin the first ClusterServiceVersion
 * @param manualApproval install plans wait for approval (upgrades become a reviewed step)
 * @param source where it was written
 */
public record OperatorSettings(
        String operator,
        Optional<Boolean> enabled,
        Optional<String> channel,
        Optional<String> catalogSource,
        Optional<String> catalogSourceNamespace,
        Optional<String> startingCSV,
        boolean manualApproval,
        Source source) {}
