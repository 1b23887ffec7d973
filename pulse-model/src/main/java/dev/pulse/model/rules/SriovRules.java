package dev.pulse.model.rules;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.DeviceKind;
import dev.pulse.model.ESwitchMode;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.Network;
import dev.pulse.model.NicSlot;
import dev.pulse.model.NicUse;
import dev.pulse.model.Topology;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rules on SR-IOV NICs and their VFs: no more VFs than the card has (PULSE-VF-MAX) or VMs can be given
 * (PULSE-VF-CAPACITY), none on control-plane nodes (PULSE-SRIOV-CONTROL-PLANE), and legacy eswitch mode for VFs
 * that go to VMs (PULSE-ESWITCH, a warning).
 */
final class SriovRules {

    private final Diagnostics diagnostics;

    SriovRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * The NICs of every hardware profile. PULSE-VF-MAX: at most the card's VFs per port (SR-IOV Network Operator
     * {@code numVfs}). PULSE-ESWITCH: switchdev serves OVS hardware offload; VFs passed to VMs with vfio-pci do not
     * use the embedded switch.
     */
    void checkCatalog(Catalog catalog) {
        for (HardwareProfile profile : catalog.hardwareProfiles().values()) {
            for (NicSlot nic : profile.nics()) {
                catalog.device(nic.model()).filter(d -> d.kind() == DeviceKind.NIC) // another kind: PULSE-REF
                        .filter(d -> d.maxVfsPerPort() > 0 && nic.vfsPerPort() > d.maxVfsPerPort()).ifPresent(d -> diagnostics.error(Rule.VF_MAX,
                        nic.source().of("vfsPerPort"), "hardware profile '" + profile.name() + "' asks for " + nic.vfsPerPort() + " VFs per port of '" + d.name()
                                + "', which supports at most " + d.maxVfsPerPort(), "lower vfsPerPort to " + d.maxVfsPerPort() + " or less"));
            }
            profile.nics().stream().filter(nic -> nic.use() == NicUse.VM && nic.eswitch() == ESwitchMode.SWITCHDEV).forEach(nic -> diagnostics.warning(
                    Rule.ESWITCH, nic.source().of("eswitch"), "hardware profile '" + profile.name() + "' puts '" + nic.model()
                            + "' in switchdev mode, but its VFs go to VMs (vfio-pci), which do not use the embedded switch; Pulse writes legacy mode",
                    "use 'eswitch: switchdev' only with 'use: pod' (OVS hardware offload), or drop it"));
        }
    }

    /**
     * PULSE-VF-CAPACITY: every SR-IOV attachment takes one VF of its network's NIC model; pinned VMs count
     * against their host, unpinned ones against what the cluster has left. Source: SR-IOV device plugin
     * (a VM asking for a VF none is free to give stays Pending).
     */
    void checkVfCapacity(FleetSpec fleet, Cluster cluster, Map<String, HardwareProfile> profiles) {
        Map<String, Map<String, Integer>> left = new HashMap<>();
        profiles.forEach((host, profile) -> profile.nics().stream().filter(nic -> nic.use() == NicUse.VM)
                .forEach(nic -> left.computeIfAbsent(host, h -> new HashMap<>()).merge(nic.model(), nic.totalVfs(), Integer::sum)));
        Set<String> offered = left.values().stream().flatMap(m -> m.keySet().stream()).collect(Collectors.toSet());
        List<Vm> unpinned = new ArrayList<>();
        for (Vm vm : cluster.vms()) {
            if (vm.host().filter(profiles::containsKey).isEmpty()) {
                unpinned.add(vm);
                continue;
            }
            for (String nic : vfNics(fleet, cluster, vm).stream().filter(offered::contains).toList()) { // others: PULSE-NETWORK
                Map<String, Integer> hostLeft = left.computeIfAbsent(vm.host().get(), h -> new HashMap<>());
                int free = hostLeft.getOrDefault(nic, 0);
                if (free < 1) {
                    diagnostics.error(Rule.VF_CAPACITY, vm.source().of("host"), "vm '" + vm.name() + "' needs a VF of '" + nic + "' but host '" + vm.host().get()
                            + "' has none left", "pin the VM to another host, raise vfsPerPort in the host's profile, or attach fewer networks");
                }
                hostLeft.put(nic, free - 1);
            }
        }
        for (Vm vm : unpinned) {
            for (String nic : vfNics(fleet, cluster, vm).stream().filter(offered::contains).toList()) {
                int free = left.values().stream().mapToInt(m -> Math.max(0, m.getOrDefault(nic, 0))).sum();
                if (free < 1) {
                    diagnostics.error(Rule.VF_CAPACITY, vm.source().of("role"), "vm '" + vm.name() + "' needs a VF of '" + nic + "' but cluster '" + cluster.name()
                            + "' has none left", "add hosts with that NIC, raise vfsPerPort, or attach fewer networks");
                }
                left.values().stream().filter(m -> m.getOrDefault(nic, 0) > 0).findFirst().ifPresent(m -> m.merge(nic, -1, Integer::sum));
            }
        }
    }

    /** The NIC model behind each SR-IOV network the VM's role attaches to. */
    private static List<String> vfNics(FleetSpec fleet, Cluster cluster, Vm vm) {
        return fleet.role(vm).map(role -> role.sriov().stream().map(cluster::network).flatMap(Optional::stream)
                .filter(n -> n.type() == Network.Type.SRIOV).map(Network::nic).toList()).orElse(List.of());
    }

    /**
     * PULSE-SRIOV-CONTROL-PLANE: SR-IOV policies must not select control-plane nodes of a standard
     * cluster (the config daemon drains and reboots them). Source: OpenShift SR-IOV Network Operator docs.
     */
    void checkControlPlane(Cluster cluster, Map<String, HardwareProfile> profiles) {
        if (cluster.topology() != Topology.STANDARD) {
            return;
        }
        for (Host host : cluster.hosts()) {
            HardwareProfile profile = profiles.get(host.name());
            if (host.controlPlane() && profile != null && profile.nics().stream().anyMatch(nic -> nic.vfsPerPort() > 0)) {
                diagnostics.error(Rule.SRIOV_CONTROL_PLANE, host.source().of("controlPlane"), "host '" + host.name() + "' is a control-plane node of standard cluster '"
                        + cluster.name() + "' but its profile creates SR-IOV VFs", "give it a profile without VFs, or move the VFs to worker hosts");
            }
        }
    }
}
