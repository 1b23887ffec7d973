package dev.pulse.model;

/**
 * How a cluster live-migrates VMs: HyperConverged {@code spec.liveMigrationConfig} (hyperconverged-cluster-operator
 * {@code api/v1beta1/hyperconverged_types.go} LiveMigrationConfigurations). Zero and empty values leave HCO's default.
 *
 * @param parallelMigrationsPerCluster migrations at once in the cluster (HCO default 5)
 * @param parallelOutboundMigrationsPerNode outbound migrations at once per node (HCO default 1 in current releases)
 * @param bandwidthPerMigration bytes per second each migration may use, a quantity such as {@code 2Gi}
 * @param completionTimeoutPerGiB seconds per GiB of guest before a migration is cancelled (HCO default 20)
 * @param network the cluster network migrations run over (a NetworkAttachmentDefinition in {@code openshift-cnv})
 * @param source where it was written
 */
public record LiveMigration(int parallelMigrationsPerCluster, int parallelOutboundMigrationsPerNode, String bandwidthPerMigration,
        int completionTimeoutPerGiB, String network, Source source) {}
