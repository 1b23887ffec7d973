package dev.pulse.model;

import java.util.List;
import java.util.Optional;

/**
 * A fleet as written, before anything is checked: clusters with their hosts and VMs, and the catalog entries
 * (devices, hardware profiles, roles, guest templates) the fleet adds over the built-in catalog. Hosts and VMs
 * name their hardware profile and role; {@link dev.pulse.model.resolve.Resolver#resolve(FleetSpec, Catalog)} checks
 * every rule and turns a spec into a {@link Fleet} whose hosts hold their profile and VMs their role.
 *
 * <p>The YAML loader ({@link dev.pulse.model.load.FleetLoader}) and the builders ({@code FleetSpec.builder()}) make the
 * same specs; every record keeps a {@link Source} (file, line, column, or the calling class and line for a spec
 * built in code) so diagnostics point at what to fix.
 *
 * @param name fleet name: the {@code app.kubernetes.io/part-of} label
 * @param origin the fleet file as the user named it, or the class a spec was built in: generated files' headers
 *     and messages name it
 * @param git where Argo CD finds the rendered tree
 * @param argocd Argo CD namespace, instance and project
 * @param clusters the clusters, in the order written
 * @param catalog the entries laid over the built-in catalog by name (a loaded file's entries are already
 *     merged field by field onto the built-in ones they override)
 * @param source where the top-level values stand: {@code fleet}, {@code git.repoURL}, {@code git.path}, ...
 */
public record FleetSpec(String name, String origin, GitSource git, ArgoCdSettings argocd, List<Cluster> clusters, Catalog catalog, Source source) {

    public FleetSpec {
        clusters = List.copyOf(clusters);
    }

    /** This spec with {@code catalog} instead of its own entries (the resolver lays them over the built-ins). */
    public FleetSpec withCatalog(Catalog replacement) {
        return new FleetSpec(name, origin, git, argocd, clusters, replacement, source);
    }

    /** The role of {@code vm} with what the VM sets over it ({@link Role#with(VmShape)}); empty when the catalog lacks it. */
    public Optional<Role> role(Vm vm) {
        return catalog.role(vm.role()).map(role -> role.with(vm.shape()));
    }

    /** The hardware profile {@code host} names; empty when the catalog lacks it. */
    public Optional<HardwareProfile> profile(Host host) {
        return catalog.hardwareProfile(host.profile());
    }

    public Optional<Cluster> cluster(String clusterName) {
        return clusters.stream().filter(cluster -> cluster.name().equals(clusterName)).findFirst();
    }
}
