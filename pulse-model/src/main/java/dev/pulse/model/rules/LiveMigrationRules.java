package dev.pulse.model.rules;

import dev.pulse.model.Cluster;
import dev.pulse.model.LiveMigration;
import dev.pulse.model.Network;
import dev.pulse.model.Quantity;
import dev.pulse.model.Role;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.load.Suggest;
import java.util.regex.Pattern;

/**
 * Rules on a cluster's {@code liveMigration} and its dedicated network.
 * <ul>
 *   <li>PULSE-REF: the network is not a network of the cluster.</li>
 *   <li>PULSE-NETWORK: the migration network is not a bridge network with an {@code ipRange}: virt-handler gets an
 *       address on it from IPAM (Red Hat OpenShift Virtualization, "Configuring a dedicated network for live
 *       migration": a NetworkAttachmentDefinition in openshift-cnv with whereabouts IPAM; kubevirt
 *       {@code pkg/virt-handler/migration-proxy}: the migration source binds to that interface's address); a VM role
 *       attaching the migration network (its attachment lives in openshift-cnv, not beside the VMs); an
 *       {@code ipRange} that is not an IPv4 or IPv6 CIDR.</li>
 *   <li>PULSE-QUANTITY: {@code bandwidthPerMigration} not a Kubernetes quantity (HCO CRD pattern).</li>
 * </ul>
 */
final class LiveMigrationRules {

    private static final Pattern CIDR4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)/(3[0-2]|[12]?\\d)");
    private static final Pattern CIDR6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*/(12[0-8]|1[01]\\d|[1-9]?\\d)");

    private final Diagnostics diagnostics;

    LiveMigrationRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** True when {@code text} is an IPv4 or IPv6 CIDR (address/prefix). */
    static boolean isCidr(String text) {
        return CIDR4.matcher(text).matches() || CIDR6.matcher(text).matches();
    }

    void check(FleetSpec fleet, Cluster cluster) {
        for (Network network : cluster.networks()) {
            if (!network.ipRange().isEmpty() && !isCidr(network.ipRange())) {
                diagnostics.error(Rule.NETWORK, network.source().of("ipRange"), "ipRange '" + network.ipRange() + "' of network '" + network.name()
                        + "' is not a CIDR", "write the range as address/prefix, e.g. 192.168.60.0/24");
            }
            if (!network.ipRange().isEmpty() && network.type() != Network.Type.BRIDGE) {
                diagnostics.error(Rule.NETWORK, network.source().of("ipRange"), "network '" + network.name() + "' of type " + network.type().keyword()
                        + " cannot have an ipRange", "ipRange serves bridge networks whose pods need addresses (the live migration network)");
            }
        }
        if (cluster.liveMigration().isEmpty()) {
            return;
        }
        LiveMigration migration = cluster.liveMigration().get();
        String what = "cluster '" + cluster.name() + "'";
        if (!migration.bandwidthPerMigration().isEmpty() && Quantity.bytes(migration.bandwidthPerMigration()).isEmpty()) {
            diagnostics.error(Rule.QUANTITY, migration.source().of("bandwidthPerMigration"), "bandwidthPerMigration '" + migration.bandwidthPerMigration()
                    + "' of " + what + " is not a quantity of bytes per second", "write it like 1Gi or 512Mi (per second)");
        }
        if (migration.network().isEmpty()) {
            return;
        }
        var network = cluster.network(migration.network());
        if (network.isEmpty()) {
            diagnostics.error(Rule.REF, migration.source().of("network"), "live migration network '" + migration.network() + "' is not a network of " + what,
                    Suggest.closest(migration.network(), cluster.networks().stream().map(Network::name).toList()).map(s -> "did you mean '" + s + "'?")
                            .orElse("add '{name: " + migration.network() + ", type: bridge, bridge: <host bridge>, ipRange: <cidr>}' under 'networks:'"));
            return;
        }
        if (network.get().type() != Network.Type.BRIDGE || network.get().ipRange().isEmpty()) {
            diagnostics.error(Rule.NETWORK, migration.source().of("network"), "live migration network '" + migration.network() + "' must be a bridge network "
                    + "with an ipRange: virt-handler takes an address on it", "give it 'type: bridge', the host bridge and 'ipRange: <cidr>' (e.g. 192.168.60.0/24)");
        }
        for (Role role : fleet.catalog().roles().values()) {
            if (role.bridges().contains(migration.network()) && cluster.vms().stream().anyMatch(vm -> vm.role().equals(role.name()))) {
                diagnostics.error(Rule.NETWORK, migration.source().of("network"), "role '" + role.name() + "' attaches VMs of " + what
                        + " to the live migration network '" + migration.network() + "'", "give VMs a network of their own; migration traffic needs this one");
            }
        }
    }
}
