package dev.pulse.model.rules;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.Device;
import dev.pulse.model.Disk;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.GpuSlot;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.HostInterface;
import dev.pulse.model.HostPci;
import dev.pulse.model.LocalVolume;
import dev.pulse.model.Network;
import dev.pulse.model.NicSlot;
import dev.pulse.model.Role;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rules on the names the model gives: they become Kubernetes object names, label values and path segments.
 * <ul>
 *   <li>PULSE-NAME: names that are not DNS-1123 labels (node names: subdomains; Secret names: subdomains); a VM
 *       namespace that is empty or a platform namespace; a hardware profile named like a built-in MachineConfigPool.
 *       Source: Kubernetes object names and IDs.</li>
 *   <li>PULSE-DUPLICATE-NAME: the same name twice per kind and scope (objects would collide); a GPU or NIC model twice
 *       in a profile; a PCI address twice on a host.</li>
 * </ul>
 */
final class NameRules {

    private final Diagnostics diagnostics;

    NameRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The fleet's own name and its clusters' names. */
    void checkFleet(FleetSpec fleet) {
        checkLabel(fleet.name(), fleet.source().of("fleet"), "fleet name");
        unique(fleet.clusters(), Cluster::name, c -> c.source().of("name"), "cluster", "the fleet");
    }

    /** Names of catalog entries, and what a hardware profile lists once. */
    void checkCatalog(Catalog catalog) {
        for (Device device : catalog.devices().values()) {
            checkLabel(device.name(), device.source().of("name"), "device name");
        }
        for (Role role : catalog.roles().values()) {
            checkLabel(role.name(), role.source().of("name"), "role name");
        }
        for (HardwareProfile profile : catalog.hardwareProfiles().values()) {
            checkLabel(profile.name(), profile.source().of("name"), "hardware profile name");
            if (profile.name().equals("master") || profile.name().equals("worker")) {
                diagnostics.error(Rule.NAME, profile.source().of("name"), "hardware profile name '" + profile.name() + "' is the name of a built-in "
                        + "MachineConfigPool, and a profile's hosts get a pool named after it", "rename the profile, e.g. '" + profile.name() + "-gpu'");
            }
            String what = "hardware profile '" + profile.name() + "'";
            unique(profile.gpus(), GpuSlot::model, g -> g.source().of("model"), "GPU model", what, "list each GPU model once and raise its 'count'");
            unique(profile.nics(), NicSlot::model, n -> n.source().of("model"), "NIC model", what, "list each NIC model once and raise its 'cards'");
            unique(profile.hostNetworks(), HostInterface::name, i -> i.source().of("name"), "host network", what);
        }
    }

    /** Names of a cluster, its hosts, VMs and networks, on every platform. */
    void checkCluster(Cluster cluster) {
        String what = "cluster '" + cluster.name() + "'";
        checkLabel(cluster.name(), cluster.source().of("name"), "cluster name");
        unique(cluster.hosts(), Host::name, h -> h.source().of("name"), "host", what);
        unique(cluster.vms(), Vm::name, v -> v.source().of("name"), "vm", what);
        checkLabel(cluster.vmNamespace(), cluster.source().of("vmNamespace"), "vm namespace");
        if (cluster.vmNamespace().isBlank() && cluster.source().fields().containsKey("vmNamespace")) {
            diagnostics.error(Rule.NAME, cluster.source().of("vmNamespace"), "cluster '" + cluster.name() + "' has an empty vmNamespace",
                    "name the namespace of the cluster's VMs, or leave the key out to use the fleet name");
        }
        if (cluster.vmNamespace().startsWith("openshift-") || cluster.vmNamespace().startsWith("kube-") || cluster.vmNamespace().equals("default")) {
            diagnostics.error(Rule.NAME, cluster.source().of("vmNamespace"), "vm namespace '" + cluster.vmNamespace() + "' of cluster '" + cluster.name()
                    + "' is a platform namespace", "give the VMs a namespace of their own, e.g. 'vmNamespace: " + cluster.name() + "-vms'");
        }
        for (Host host : cluster.hosts()) {
            if (!Names.isSubdomain(host.name())) {
                diagnostics.error(Rule.NAME, host.source().of("name"), "host name '" + host.name() + "' is not a valid Kubernetes node name",
                        "use the node's name as 'oc get nodes' prints it: lower-case letters, digits, '-' and '.'");
            }
            unique(host.pci(), HostPci::address, p -> p.source().of("address"), "PCI address", "host '" + host.name() + "'", "list each PCI function once");
        }
        for (Vm vm : cluster.vms()) {
            checkLabel(vm.name(), vm.source().of("name"), "vm name");
            vm.group().ifPresent(group -> checkLabel(group, vm.source().of("group"), "vm group (a label value)"));
        }
        unique(cluster.networks(), Network::name, n -> n.source().of("name"), "network", what);
        for (Network network : cluster.networks()) {
            checkLabel(network.name(), network.source().of("name"), "network name");
        }
    }

    /** Names of what OpenShift Virtualization VMs use: their disks, the cluster's local volumes and access Secrets. */
    void checkWorkloads(Cluster cluster) {
        String what = "cluster '" + cluster.name() + "'";
        for (Vm vm : cluster.vms()) {
            // disk names name the volume and, for imports, the DataVolume <vm>-<disk>
            for (Disk disk : vm.disks()) {
                checkLabel(disk.name(), disk.source().of("name"), "disk name");
            }
            unique(vm.disks(), Disk::name, d -> d.source().of("name"), "disk", "vm '" + vm.name() + "'");
        }
        unique(cluster.volumes(), LocalVolume::name, v -> v.source().of("name"), "volume", what);
        for (LocalVolume volume : cluster.volumes()) {
            checkLabel(volume.name(), volume.source().of("name"), "volume name");
        }
        for (Optional<String> secret : List.of(cluster.access().sshKeys(), cluster.access().passwords())) {
            secret.filter(name -> !Names.isSubdomain(name)).ifPresent(name -> diagnostics.error(Rule.NAME, cluster.source().of("access"),
                    "Secret name '" + name + "' of " + what + " is not a valid Kubernetes name", "name an existing Secret in the VMs' namespace"));
        }
    }

    /** PULSE-NAME: names become Kubernetes object names and path segments, so they must be DNS-1123 labels. */
    private void checkLabel(String name, Location at, String what) {
        if (!name.isEmpty() && !Names.isLabel(name)) {
            diagnostics.error(Rule.NAME, at, what + " '" + name + "' is not a DNS-1123 label",
                    "use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
    }

    /** PULSE-DUPLICATE-NAME: names are unique per kind and scope, since they become object names and paths. */
    private <T> void unique(List<T> items, Function<T, String> name, Function<T, Location> at, String kind, String scope) {
        unique(items, name, at, kind, scope, "give each " + kind + " its own name");
    }

    private <T> void unique(List<T> items, Function<T, String> name, Function<T, Location> at, String kind, String scope, String hint) {
        Map<String, T> seen = new HashMap<>();
        for (T item : items) {
            T first = seen.putIfAbsent(name.apply(item), item);
            if (first != null && !name.apply(item).isEmpty()) {
                diagnostics.error(Rule.DUPLICATE_NAME, at.apply(item), kind + " '" + name.apply(item) + "' appears twice in " + scope
                        + " (first at " + at.apply(first) + ")", hint);
            }
        }
    }
}
