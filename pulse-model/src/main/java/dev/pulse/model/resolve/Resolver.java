package dev.pulse.model.resolve;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.Fleet;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.ResolvedCluster;
import dev.pulse.model.ResolvedHost;
import dev.pulse.model.ResolvedVm;
import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.rules.FleetRules;
import dev.pulse.model.rules.RetiredVmRules;
import java.util.List;

/**
 * The resolve stage: lays a spec's catalog entries over the built-in catalog, runs every rule, and - when none
 * reports an error - returns the {@link Fleet} whose hosts hold their hardware profile and VMs their role.
 * All problems come at once, as one {@link dev.pulse.model.diag.FleetException}.
 */
public final class Resolver {

    /**
     * A resolved fleet and the warnings and notes found on the way.
     *
     * @param fleet the resolved fleet
     * @param warnings warnings and notes, sorted by location
     */
    public record Resolution(Fleet fleet, List<Diagnostic> warnings) {}

    private Resolver() {}

    /**
     * Resolves {@code spec} against {@code builtins}.
     *
     * @param spec the fleet as written (loaded from YAML or built in code)
     * @param builtins the catalog the spec's names resolve in, under the spec's own entries (usually the profiles
     *     module's {@code BuiltinProfiles.catalog()})
     * @throws dev.pulse.model.diag.FleetException with every diagnostic, when any rule reports an error
     */
    public static Resolution resolve(FleetSpec spec, Catalog builtins) {
        // a spec built in code had no binder to report the required names it lacks, nor a loader to say what it overrides
        List<Diagnostic> found = new java.util.ArrayList<>(RequiredKeys.check(spec));
        found.addAll(CodeOverrides.check(spec, builtins));
        return resolve(spec, builtins, found);
    }

    /**
     * As {@link #resolve(FleetSpec, Catalog)}, adding to what an earlier stage (parsing, binding) found, so a file
     * with a type error and a rule violation reports both.
     */
    public static Resolution resolve(FleetSpec spec, Catalog builtins, List<Diagnostic> earlier) {
        Diagnostics diagnostics = new Diagnostics();
        earlier.forEach(diagnostics::add);
        FleetSpec checked = spec.withCatalog(builtins.overriddenBy(spec.catalog()));
        new FleetRules(diagnostics).check(checked);
        new RetiredVmRules(diagnostics).check(checked);
        diagnostics.throwIfErrors();
        List<ResolvedCluster> clusters = checked.clusters().stream().map(cluster -> resolve(checked, cluster)).toList();
        return new Resolution(new Fleet(checked, clusters), diagnostics.sorted());
    }

    /** A cluster whose names the rules found defined; a name they missed is a Pulse bug, reported as such here rather than later. */
    private static ResolvedCluster resolve(FleetSpec spec, Cluster cluster) {
        List<ResolvedHost> hosts = cluster.hosts().stream().map(host -> new ResolvedHost(host, spec.profile(host)
                .orElseThrow(() -> new IllegalStateException("Pulse bug: no rule caught the undefined profile '" + host.profile() + "' of host '"
                        + host.name() + "'")))).toList();
        List<ResolvedVm> vms = cluster.vms().stream().map(vm -> new ResolvedVm(vm, spec.role(vm)
                .orElseThrow(() -> new IllegalStateException("Pulse bug: no rule caught the undefined role '" + vm.role() + "' of vm '" + vm.name() + "'"))))
                .toList();
        return new ResolvedCluster(cluster, hosts, vms);
    }
}
