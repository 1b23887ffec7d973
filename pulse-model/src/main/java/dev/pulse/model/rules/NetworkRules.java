package dev.pulse.model.rules;

import dev.pulse.model.Cluster;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.HostInterface;
import dev.pulse.model.Network;
import dev.pulse.model.NicUse;
import dev.pulse.model.Role;
import dev.pulse.model.Topology;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import java.util.Map;
import java.util.Optional;

/**
 * Rules on the networks VMs attach to: each network type needs what the hosts provide (PULSE-NETWORK), and the
 * networks a role attaches to exist in the VM's cluster with the right type (PULSE-REF). The node side (bonds,
 * bridges, addresses, routes) is {@link HostNetworkRules}; the live migration network {@link LiveMigrationRules}.
 */
final class NetworkRules {

    private final Diagnostics diagnostics;

    NetworkRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * PULSE-NETWORK: an SR-IOV network needs a NIC whose VFs go to VMs on some host of the cluster; a
     * bridge network needs a Linux bridge that the hosts' profiles build; every network a role attaches to
     * exists in the VM's cluster. Source: SR-IOV Network Operator (SriovNetwork resourceName), NMState.
     */
    void checkNetworks(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        String what = "cluster '" + cluster.name() + "'";
        for (Network network : cluster.networks()) {
            if (network.type() == Network.Type.SRIOV) {
                boolean offered = profiles.values().stream().flatMap(p -> p.nics().stream())
                        .anyMatch(nic -> nic.model().equals(network.nic()) && nic.use() == NicUse.VM && nic.vfsPerPort() > 0);
                if (!offered) {
                    diagnostics.error(Rule.NETWORK, network.source().of(network.nic().isEmpty() ? "type" : "nic"), "sriov network '" + network.name()
                            + "' uses NIC '" + network.nic() + "', but no host of " + what + " has it with VFs for VMs",
                            "name a NIC model of the hosts' hardware profiles ('nic:'), with vfsPerPort > 0 and use: vm");
                }
            } else if (network.type() == Network.Type.LAYER2) {
                // an overlay between the VMs: no host side, and no VLAN (ovn-kubernetes docs/features/multiple-networks: vlanID is localnet only)
                if (network.vlan() > 0 || !network.bridge().isEmpty()) {
                    diagnostics.error(Rule.NETWORK, network.source().of(network.vlan() > 0 ? "vlan" : "bridge"), "layer2 network '" + network.name()
                            + "' is an OVN-Kubernetes overlay between VMs: it has no VLAN and no host bridge", "use 'type: localnet' to reach a VLAN of the physical network");
                }
            } else if (network.type() == Network.Type.LOCALNET) {
                boolean built = network.ovsBridge().equals(Network.DEFAULT_OVS_BRIDGE) || profiles.values().stream().flatMap(p -> p.hostNetworks().stream())
                        .anyMatch(i -> i.name().equals(network.bridge()) && i.type() == HostInterface.InterfaceType.OVS_BRIDGE);
                if (!built) {
                    diagnostics.error(Rule.NETWORK, network.source().of("bridge"), "localnet network '" + network.name() + "' maps to OVS bridge '"
                            + network.bridge() + "', which no host of " + what + " builds",
                            "leave 'bridge' out to use br-ex, or add it to the hardware profile's hostNetworks as 'type: ovs-bridge'");
                }
                if (cluster.topology() == Topology.MANAGED) {
                    diagnostics.error(Rule.NETWORK, network.source().of("type"), "localnet network '" + network.name() + "' needs an OVN bridge mapping "
                            + "written by NMState on the nodes, which a managed cluster's provider owns", "use a layer2 network, or the provider's networking");
                }
            } else {
                boolean built = profiles.values().stream().flatMap(p -> p.hostNetworks().stream())
                        .anyMatch(i -> i.name().equals(network.bridge()) && i.type() == HostInterface.InterfaceType.LINUX_BRIDGE);
                if (!built) {
                    diagnostics.error(Rule.NETWORK, network.source().of(network.bridge().isEmpty() ? "type" : "bridge"), "bridge network '" + network.name()
                            + "' uses bridge '" + network.bridge() + "', which no host of " + what + " builds",
                            "add it to the hardware profile's hostNetworks as 'type: linux-bridge', or fix 'bridge:'");
                }
            }
        }
        for (Vm vm : cluster.vms()) {
            fleet.role(vm).ifPresent(role -> role.sriov().forEach(name -> {
                Optional<Network> network = cluster.network(name);
                if (network.isEmpty() || network.get().type() != Network.Type.SRIOV) {
                    diagnostics.error(Rule.REF, vm.source().of("role"), "vm '" + vm.name() + "' (role '" + role.name() + "') attaches to sriov network '" + name
                            + "', which " + what + (network.isEmpty() ? " does not define" : " defines as a " + network.get().type().keyword() + " network"),
                            "add '{name: " + name + ", type: sriov, nic: <NIC model>}' under the cluster's 'networks:'");
                }
            }));
        }
    }

    /** PULSE-REF: the bridge networks a VM's role attaches to are non-SR-IOV networks of its cluster. */
    void checkBridgeAttachments(FleetSpec fleet, Cluster cluster) {
        for (Vm vm : cluster.vms()) {
            fleet.role(vm).ifPresent(role -> checkBridgeAttachments(cluster, vm, role));
        }
    }

    private void checkBridgeAttachments(Cluster cluster, Vm vm, Role role) {
        String who = "vm '" + vm.name() + "' (role '" + role.name() + "')";
        for (String bridge : role.bridges()) {
            Optional<Network> network = cluster.network(bridge);
            if (network.isEmpty() || network.get().type() == Network.Type.SRIOV) {
                diagnostics.error(Rule.REF, vm.source().of("role"), who + " attaches to bridge network '" + bridge + "', which cluster '" + cluster.name()
                        + (network.isEmpty() ? "' does not define" : "' defines as an sriov network"),
                        "add '{name: " + bridge + ", type: bridge, bridge: <host bridge>}' under the cluster's 'networks:'");
            }
        }
    }
}
