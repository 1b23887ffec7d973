package dev.pulse.model.rules;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.Host;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.load.Suggest;
import java.util.Collection;

/**
 * PULSE-REF on a cluster's skeleton: every host's hardware profile and every VM's role are defined, and a VM pinned
 * to a host names a host of its cluster. The other references (devices, networks, templates, storage classes,
 * volumes) are checked with their subject. Source: the fleet.yaml format.
 */
final class ReferenceRules {

    private final Diagnostics diagnostics;

    ReferenceRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(FleetSpec fleet, Cluster cluster) {
        String what = "cluster '" + cluster.name() + "'";
        Catalog catalog = fleet.catalog();
        for (Host host : cluster.hosts()) {
            if (catalog.hardwareProfile(host.profile()).isEmpty()) {
                diagnostics.error(Rule.REF, host.source().of("profile"), "host '" + host.name() + "' uses hardware profile '" + host.profile() + "', which is not defined",
                        hint(host.profile(), catalog.hardwareProfiles().keySet(), "define it under 'hardwareProfiles:'"));
            }
        }
        for (Vm vm : cluster.vms()) {
            if (catalog.role(vm.role()).isEmpty()) {
                diagnostics.error(Rule.REF, vm.source().of("role"), "vm '" + vm.name() + "' has role '" + vm.role() + "', which is not defined",
                        hint(vm.role(), catalog.roles().keySet(), "define it under 'roles:'"));
            }
            vm.host().filter(h -> cluster.host(h).isEmpty()).ifPresent(h -> diagnostics.error(Rule.REF, vm.source().of("host"),
                    "vm '" + vm.name() + "' is pinned to host '" + h + "', which is not a host of " + what,
                    hint(h, cluster.hosts().stream().map(Host::name).toList(), "add the host to the cluster or fix the name")));
        }
    }

    /** "did you mean" the closest of {@code known}, else {@code otherwise}. */
    static String hint(String name, Collection<String> known, String otherwise) {
        return Suggest.closest(name, known).map(s -> "did you mean '" + s + "'?").orElse(otherwise);
    }
}
