package dev.pulse.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole model: clusters with their hosts and VMs, and the catalog (built-ins plus the config
 * repo's own entries) that hosts and VMs refer to by name. Built by {@link FleetLoader}; every name in it
 * resolves.
 *
 * @param name fleet name: the {@code app.kubernetes.io/part-of} label
 * @param file the fleet file as the user named it, for headers and messages
 * @param git where Argo CD finds the rendered tree
 * @param argocd Argo CD namespace and project
 * @param clusters the clusters, in file order
 * @param catalog devices, hardware profiles and roles
 * @param retiredVms per cluster name, the VMs marked {@code retired}: not in {@link Cluster#vms()}, only their
 *     disks are rendered
 * @param source where the top-level values stand: {@code fleet}, {@code git.repoURL}, {@code git.path}, ...
 */
public record Fleet(String name, String file, GitSource git, ArgoCdSettings argocd, List<Cluster> clusters, Catalog catalog,
        Map<String, List<Vm>> retiredVms, Source source) {

    public Fleet {
        clusters = List.copyOf(clusters);
        retiredVms = Map.copyOf(retiredVms);
    }

    /** A fleet without retired VMs, whose top-level values are located at the start of its file. */
    public Fleet(String name, String file, GitSource git, ArgoCdSettings argocd, List<Cluster> clusters, Catalog catalog) {
        this(name, file, git, argocd, clusters, catalog, Map.of(), new Source(dev.pulse.model.diag.Location.of(file), Map.of()));
    }

    /** The retired VMs of {@code clusterName}, in file order. */
    public List<Vm> retiredVms(String clusterName) {
        return retiredVms.getOrDefault(clusterName, List.of());
    }

    /** The hardware profile of {@code host}; present for every host of a loaded fleet. */
    public HardwareProfile profileOf(Host host) {
        return catalog.hardwareProfile(host.profile()).orElseThrow(() -> new IllegalStateException("unresolved profile " + host.profile()));
    }

    /** The role of {@code vm} with what the VM sets over it; present for every VM of a loaded fleet. */
    public Role roleOf(Vm vm) {
        return role(vm).orElseThrow(() -> new IllegalStateException("unresolved role " + vm.role()));
    }

    /** The role of {@code vm} with what the VM sets over it ({@link Role#with(VmShape)}); empty when the role is not defined. */
    public Optional<Role> role(Vm vm) {
        return catalog.role(vm.role()).map(role -> role.with(vm.shape()));
    }

    public Optional<Cluster> cluster(String clusterName) {
        return clusters.stream().filter(cluster -> cluster.name().equals(clusterName)).findFirst();
    }
}
