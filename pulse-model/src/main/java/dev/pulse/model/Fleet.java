package dev.pulse.model;

import java.util.List;
import java.util.Optional;

/**
 * A resolved fleet: every rule has passed, every host holds its hardware profile and every VM its role, so
 * nothing downstream (render layers, the sync simulation, the summary) looks a name up or can fail to find it.
 * Made by {@link dev.pulse.model.resolve.Resolver#resolve(FleetSpec, Catalog)} from a {@link FleetSpec}.
 *
 * @param spec the spec it was resolved from, its catalog the built-in one with the fleet's entries laid over it
 * @param clusters the clusters, in the order written
 */
public record Fleet(FleetSpec spec, List<ResolvedCluster> clusters) {

    public Fleet {
        clusters = List.copyOf(clusters);
    }

    /**
     * A builder for the spec of a fleet, so a fleet written in Java reads like {@code fleet.yaml}:
     * {@code Fleet.builder().name("pulse").git("https://...").cluster(c -> c.name("studio").host("gpu-01", "g493-zb1-rtx6000ada")
     * .vm(v -> v.name("optik-01").role("optik").host("gpu-01"))).build()}; resolve the spec with
     * {@link dev.pulse.model.resolve.Resolver#resolve(FleetSpec, Catalog)} to get a fleet.
     *
     * @return {@link FleetSpec#builder()}; the spec's source is the line of this call
     */
    public static FleetSpec.Builder builder() {
        return FleetSpec.builder();
    }

    /** The built-in catalog with the fleet's entries laid over it: what every name resolved in. */
    public Catalog catalog() {
        return spec.catalog();
    }

    /** Fleet name: the {@code app.kubernetes.io/part-of} label. */
    public String name() {
        return spec.name();
    }

    /** The fleet file as the user named it, or the class the spec was built in (for headers and messages). */
    public String origin() {
        return spec.origin();
    }

    public GitSource git() {
        return spec.git();
    }

    public ArgoCdSettings argocd() {
        return spec.argocd();
    }

    /** Where the top-level values stand. */
    public Source source() {
        return spec.source();
    }

    public Optional<ResolvedCluster> cluster(String clusterName) {
        return clusters.stream().filter(cluster -> cluster.name().equals(clusterName)).findFirst();
    }
}
