package dev.pulse.model.resolve;

import dev.pulse.model.Cluster;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.Host;
import dev.pulse.model.Network;
import dev.pulse.model.Source;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * The binder's PULSE-REQUIRED checks for a spec built in code, which has no binding stage: a builder leaves a required
 * name it was not given empty, and this reports it in the words (and at the place, the calling line) the binder uses for
 * the same key left out of {@code fleet.yaml}.
 */
final class RequiredKeys {

    private final List<Diagnostic> found = new ArrayList<>();

    private RequiredKeys() {}

    static List<Diagnostic> check(FleetSpec spec) {
        RequiredKeys required = new RequiredKeys();
        required.require(spec.name(), spec.source(), "fleet", "the fleet file");
        for (Cluster cluster : spec.clusters()) {
            String of = " of cluster '" + cluster.name() + "'";
            required.require(cluster.name(), cluster.source(), "name", "a cluster");
            for (Network network : cluster.networks()) {
                required.require(network.name(), network.source(), "name", "a network" + of);
            }
            for (Host host : cluster.hosts()) {
                required.require(host.name(), host.source(), "name", "a host" + of);
                required.require(host.profile(), host.source(), "profile", "host '" + host.name() + "'" + of);
            }
            for (Vm vm : cluster.vms()) {
                required.require(vm.name(), vm.source(), "name", "a vm" + of);
                required.require(vm.role(), vm.source(), "role", "vm '" + vm.name() + "'" + of);
            }
        }
        return required.found;
    }

    private void require(String value, Source source, String key, String what) {
        if (value.isBlank()) {
            found.add(Diagnostic.error(Rule.REQUIRED, source.of(key), what + " has no '" + key + "'", "add '" + key + ": ...' to it"));
        }
    }
}
