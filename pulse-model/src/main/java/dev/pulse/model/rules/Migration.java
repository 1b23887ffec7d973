package dev.pulse.model.rules;

import dev.pulse.model.AccessMode;
import dev.pulse.model.Cluster;
import dev.pulse.model.Disk;
import dev.pulse.model.EvictionStrategy;
import dev.pulse.model.Role;
import dev.pulse.model.Vm;
import java.util.Optional;

/**
 * Whether a VM can live-migrate, and so which eviction strategy it gets: the one place that decides
 * both, for the rule that refuses LiveMigrate and for the layer that writes {@code evictionStrategy}.
 */
public final class Migration {

    private Migration() {}

    /** Why the VM cannot live-migrate; empty when it can. */
    public static Optional<String> blocker(Cluster cluster, Vm vm, Role role) {
        // A migration needs a second node: with one, LiveMigrate keeps the eviction pending and blocks every
        // drain (MCO updates) of that node. LiveMigrateIfPossible does not help: it falls back to None only for
        // VMs that are not migratable, not for a missing target (kubevirt docs/handling-eviction-requests.md).
        if (cluster.hosts().size() == 1 && cluster.hosts().get(0).machinePool().isEmpty()) {
            return Optional.of("its cluster has a single host, so there is no node to move to");
        }
        if (role.gpus() > 0) {
            return Optional.of("it has GPUs passed through, which stay on their node");
        }
        if (!role.sriov().isEmpty()) {
            return Optional.of("it has SR-IOV VFs, which stay on their node");
        }
        if (!vm.usb().isEmpty()) {
            return Optional.of("it has USB devices of its host, which stay on their node");
        }
        if (!role.pci().isEmpty()) {
            return Optional.of("it has host PCI devices, which stay on their node");
        }
        for (Disk disk : vm.allDisks()) {
            if (disk.claim().isPresent()) {
                return Optional.of("its disk is an existing claim whose access mode Pulse cannot vouch for (local volumes never move)");
            }
            if (cluster.storage().accessModeOf(disk.storageClass()).orElse(AccessMode.READ_WRITE_ONCE) != AccessMode.READ_WRITE_MANY) {
                return Optional.of("its disk's storage class is ReadWriteOnce, which only one node can attach");
            }
        }
        // Persistent UEFI/TPM state lives on a backend-storage PVC in HyperConverged's vmStateStorageClass (Pulse: the
        // cluster's storage class); a VM with it migrates only when that class is ReadWriteMany (kubevirt user-guide
        // docs/compute/persistent_tpm_and_uefi_state.md, "Backend storage": "If live migration is needed, ... RWX").
        if (GuestFirmware.needsVmState(vm, role) && cluster.storage().accessMode() != AccessMode.READ_WRITE_MANY) {
            return Optional.of("its persistent UEFI/TPM state lives on the cluster's ReadWriteOnce storage class");
        }
        return Optional.empty();
    }

    /**
     * Why the VM cannot live-migrate, knowing the hosts' hardware: besides {@link #blocker(Cluster, Vm, Role)}, a VM on
     * Linux-bridge networks can only move to another host with those bridges (KubeVirt bridge binding: the target pod
     * needs the NetworkAttachmentDefinition's bridge, which bridge-marker advertises only where it exists).
     */
    public static Optional<String> blocker(dev.pulse.model.Catalog catalog, Cluster cluster, Vm vm, Role role) {
        Optional<String> basic = blocker(cluster, vm, role);
        if (basic.isPresent() || role.bridges().isEmpty()) {
            return basic;
        }
        // OVN-Kubernetes networks (localnet over br-ex, layer2) exist on every node
        java.util.List<String> bridges = role.bridges().stream().flatMap(name -> cluster.network(name).stream())
                .filter(network -> network.type() == dev.pulse.model.Network.Type.BRIDGE
                        || network.type() == dev.pulse.model.Network.Type.LOCALNET && !network.ovsBridge().equals(dev.pulse.model.Network.DEFAULT_OVS_BRIDGE))
                .map(dev.pulse.model.Network::bridge).toList();
        if (bridges.isEmpty()) {
            return Optional.empty();
        }
        long hosts = cluster.hosts().stream().filter(host -> catalog.hardwareProfile(host.profile())
                .map(profile -> bridges.stream().allMatch(bridge -> profile.hostNetworks().stream().anyMatch(i -> i.name().equals(bridge))))
                .orElse(false)).count();
        if (hosts < 2) {
            return Optional.of("only one host has the bridge(s) " + String.join(", ", bridges) + " it attaches to, so there is no node to move to");
        }
        return Optional.empty();
    }

    /** The strategy a VM gets, knowing the hosts' hardware (see {@link #blocker(dev.pulse.model.Catalog, Cluster, Vm, Role)}). */
    public static EvictionStrategy strategy(dev.pulse.model.Catalog catalog, Cluster cluster, Vm vm, Role role) {
        return vm.evictionStrategy().or(role::evictionStrategy)
                .orElse(blocker(catalog, cluster, vm, role).isEmpty() ? EvictionStrategy.LIVE_MIGRATE : EvictionStrategy.NONE);
    }

    /** The strategy a VM gets: the one asked for, else LiveMigrate when it can move, else None. */
    public static EvictionStrategy strategy(Cluster cluster, Vm vm, Role role) {
        return vm.evictionStrategy().or(role::evictionStrategy)
                .orElse(blocker(cluster, vm, role).isEmpty() ? EvictionStrategy.LIVE_MIGRATE : EvictionStrategy.NONE);
    }
}
