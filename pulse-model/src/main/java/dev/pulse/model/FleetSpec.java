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

    /**
     * A builder with the defaults: git revision {@code HEAD} and path {@code deploy}, OpenShift GitOps' Argo CD, no
     * clusters; the spec's source (and origin) is the line (and file) of this call.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder(Caller.source());
    }

    /**
     * Builds a {@link FleetSpec}: {@code FleetSpec.builder().name("pulse").git("https://...").cluster(c -> c.name("studio")...).build()}.
     * Unset values keep the defaults {@code fleet.yaml} has; the builder checks nothing, {@link dev.pulse.model.resolve.Resolver} does.
     */
    public static final class Builder {
        private String name = "";
        private String origin;
        private GitSource git = GitSource.builder().build();
        private ArgoCdSettings argocd = ArgoCdSettings.DEFAULT;
        // clusters are built last, when the fleet name (their default vmNamespace) is known
        private final List<java.util.function.Function<String, Cluster>> clusters = new java.util.ArrayList<>();
        private final java.util.SortedMap<String, Device> devices = new java.util.TreeMap<>();
        private final java.util.SortedMap<String, HardwareProfile> profiles = new java.util.TreeMap<>();
        private final java.util.SortedMap<String, Role> roles = new java.util.TreeMap<>();
        private final java.util.SortedMap<String, GuestTemplate> templates = new java.util.TreeMap<>();
        private Source source;

        private Builder(Source source) {
            this.source = source;
        }

        /**
         * The fleet name: the {@code app.kubernetes.io/part-of} label and the default VM namespace.
         *
         * @param value a DNS-1123 label
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * How headers and messages name where the fleet comes from (default: the file of the class that called {@link FleetSpec#builder()}).
         *
         * @param value a file or class name
         * @return this builder
         */
        public Builder origin(String value) {
            origin = value;
            return this;
        }

        /**
         * The config repository Argo CD clones, with the default revision ({@code HEAD}) and path ({@code deploy}).
         *
         * @param repoURL the repository URL
         * @return this builder
         */
        public Builder git(String repoURL) {
            return git(GitSource.builder().repoURL(repoURL).build());
        }

        /**
         * Where Argo CD finds the rendered tree, configured by {@code spec}.
         *
         * @param spec sets the values
         * @return this builder
         */
        public Builder git(java.util.function.Consumer<GitSource.Builder> spec) {
            GitSource.Builder builder = GitSource.builder();
            spec.accept(builder);
            return git(builder.build());
        }

        /**
         * Where Argo CD finds the rendered tree (default: no repository, revision {@code HEAD}, path {@code deploy}).
         *
         * @param value the settings
         * @return this builder
         */
        public Builder git(GitSource value) {
            git = value;
            return this;
        }

        /**
         * Argo CD's namespace, instance and project, configured by {@code spec}.
         *
         * @param spec sets the values
         * @return this builder
         */
        public Builder argocd(java.util.function.Consumer<ArgoCdSettings.Builder> spec) {
            ArgoCdSettings.Builder builder = ArgoCdSettings.builder();
            spec.accept(builder);
            return argocd(builder.build());
        }

        /**
         * Argo CD's namespace, instance and project (default {@link ArgoCdSettings#DEFAULT}).
         *
         * @param value the settings
         * @return this builder
         */
        public Builder argocd(ArgoCdSettings value) {
            argocd = value;
            return this;
        }

        /**
         * Adds a cluster, configured by {@code spec}; its source is the line of this call, its default vmNamespace the fleet name.
         *
         * @param spec sets the cluster's values
         * @return this builder
         */
        public Builder cluster(java.util.function.Consumer<Cluster.Builder> spec) {
            Cluster.Builder builder = Cluster.builder().source(Caller.source());
            spec.accept(builder);
            clusters.add(fleetName -> builder.fleet(fleetName).build());
            return this;
        }

        /**
         * Adds a cluster as built.
         *
         * @param value the cluster
         * @return this builder
         */
        public Builder cluster(Cluster value) {
            clusters.add(fleetName -> value);
            return this;
        }

        /**
         * Adds a device model to the fleet's catalog (replacing one of the same name), configured by {@code spec}; its source is the line of this call.
         *
         * @param spec sets its values
         * @return this builder
         */
        public Builder device(java.util.function.Consumer<Device.Builder> spec) {
            Device.Builder builder = Device.builder().source(Caller.source());
            spec.accept(builder);
            return device(builder.build());
        }

        /**
         * Adds a device model to the fleet's catalog, replacing a built-in or earlier one of the same name whole.
         *
         * @param value the device
         * @return this builder
         */
        public Builder device(Device value) {
            devices.put(value.name(), value);
            return this;
        }

        /**
         * Adds a hardware profile to the fleet's catalog (replacing one of the same name), configured by {@code spec}; its source is the line of this call.
         *
         * @param spec sets its values
         * @return this builder
         */
        public Builder hardwareProfile(java.util.function.Consumer<HardwareProfile.Builder> spec) {
            HardwareProfile.Builder builder = HardwareProfile.builder().source(Caller.source());
            spec.accept(builder);
            return hardwareProfile(builder.build());
        }

        /**
         * Adds a hardware profile to the fleet's catalog, replacing a built-in or earlier one of the same name whole.
         *
         * @param value the profile
         * @return this builder
         */
        public Builder hardwareProfile(HardwareProfile value) {
            profiles.put(value.name(), value);
            return this;
        }

        /**
         * Adds a role to the fleet's catalog (replacing one of the same name), configured by {@code spec}; its source is the line of this call.
         *
         * @param spec sets its values
         * @return this builder
         */
        public Builder role(java.util.function.Consumer<Role.Builder> spec) {
            Role.Builder builder = Role.builder().source(Caller.source());
            spec.accept(builder);
            return role(builder.build());
        }

        /**
         * Adds a role to the fleet's catalog, replacing a built-in or earlier one of the same name whole.
         *
         * @param value the role
         * @return this builder
         */
        public Builder role(Role value) {
            roles.put(value.name(), value);
            return this;
        }

        /**
         * Adds a guest-configuration template to the fleet's catalog.
         *
         * @param value the template
         * @return this builder
         */
        public Builder template(GuestTemplate value) {
            templates.put(value.name(), value);
            return this;
        }

        /**
         * Adds every entry of {@code value} to the fleet's catalog, replacing entries of the same names.
         *
         * @param value the entries
         * @return this builder
         */
        public Builder catalog(Catalog value) {
            devices.putAll(value.devices());
            profiles.putAll(value.hardwareProfiles());
            roles.putAll(value.roles());
            templates.putAll(value.templates());
            return this;
        }

        /**
         * Where the top-level values stand (default: the line that called {@link FleetSpec#builder()}).
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The spec.
         *
         * @return a new {@link FleetSpec}
         */
        public FleetSpec build() {
            List<Cluster> built = clusters.stream().map(cluster -> cluster.apply(name)).toList();
            return new FleetSpec(name, origin != null ? origin : source.at().file(), git, argocd, built, new Catalog(devices, profiles, roles, templates),
                    source);
        }
    }
}
