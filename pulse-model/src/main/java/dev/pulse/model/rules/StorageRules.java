package dev.pulse.model.rules;

import dev.pulse.model.AccessMode;
import dev.pulse.model.Cluster;
import dev.pulse.model.Host;
import dev.pulse.model.StorageBackend;
import dev.pulse.model.StorageDefaults;
import dev.pulse.model.Topology;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.load.Suggest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules on a cluster's storage: what a backend Pulse installs can give, and where its disks are.
 * <ul>
 *   <li>PULSE-STORAGE: ReadWriteMany asked of LVM Storage or the Local Storage Operator, whose volumes are
 *       node-local (RWO; openshift/lvm-operator README "Limitations": no RWX; local-storage-operator
 *       docs/deploy-with-olm.md: one PV per device on its node); ODF on fewer than three hosts with disks or an
 *       uneven number of disks per host (a device set is {@code count} x replica 3, one replica per host:
 *       Red Hat ODF "Deploying using local storage devices" on bare metal); ODF on a single-node cluster (not
 *       supported there: use LVM Storage, Red Hat "Persistent storage using LVM Storage"); a backend on a managed
 *       cluster, whose nodes the provider replaces (disks by host name do not survive); a class written beside a
 *       backend that the backend does not create; a single-node cluster with imported disks but no storage
 *       (no class and no backend: its DataVolumes stay Pending, as OpenShift installs none on bare metal).</li>
 *   <li>PULSE-REF: backend disks on hosts that are not hosts of the cluster.</li>
 *   <li>PULSE-REQUIRED: a backend without disks, or disks without paths.</li>
 *   <li>PULSE-DISK: device paths outside {@code /dev/}.</li>
 * </ul>
 */
final class StorageRules {

    private final Diagnostics diagnostics;

    StorageRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(Cluster cluster) {
        String what = "cluster '" + cluster.name() + "'";
        StorageDefaults storage = cluster.storage();
        if (storage.backend().isEmpty()) {
            boolean imports = cluster.vms().stream().anyMatch(vm -> vm.disk().filter(d -> d.imported()).isPresent());
            if (cluster.topology() == Topology.SINGLE_NODE && storage.storageClass().isEmpty() && imports) {
                diagnostics.error(Rule.STORAGE, cluster.source().of("topology"), "single-node " + what + " imports VM disks but has no storage: "
                        + "no class is named and no backend installed, and a bare-metal single node has no StorageClass of its own",
                        "add 'storage: {backend: lvms, disks: [{host: <host>, paths: [/dev/disk/by-id/...]}]}' (LVM Storage on the node's spare disk)");
            }
            return;
        }
        StorageBackend backend = storage.backend().get();
        String kind = switch (backend.type()) {
            case LVMS -> "LVM Storage";
            case ODF -> "OpenShift Data Foundation";
            case LOCAL -> "the Local Storage Operator";
        };
        if (!backend.type().sharesVolumes() && (storage.accessMode() == AccessMode.READ_WRITE_MANY
                || storage.otherClasses().stream().anyMatch(c -> c.name().equals(storage.storageClass()) && c.accessMode() == AccessMode.READ_WRITE_MANY))) {
            diagnostics.error(Rule.STORAGE, backend.source().of("accessMode"), what + " asks ReadWriteMany of " + kind
                    + ", whose volumes live on one node's disks (ReadWriteOnce)", "use 'backend: odf' for shared (RWX) disks that live-migrate, or 'accessMode: ReadWriteOnce'");
        }
        if (!backend.requestedClass().isEmpty() && !backend.requestedClass().equals(backend.storageClass())) {
            diagnostics.error(Rule.STORAGE, backend.source().of("class"), what + " names class '" + backend.requestedClass() + "', which "
                    + kind + " does not create", "leave 'class' out (the backend's class is '" + backend.storageClass() + "')"
                    + (backend.type() == StorageBackend.Type.ODF ? " or name one of " + String.join(", ", StorageBackend.ODF_CLASSES) : ""));
        }
        if (cluster.topology() == Topology.MANAGED) {
            diagnostics.error(Rule.STORAGE, backend.source().of("backend"), "managed " + what + " cannot get a storage backend on named host disks: "
                    + "the provider replaces its nodes", "use the provider's class (e.g. 'class: gp3-csi' on ROSA) or a storage service it offers");
        }
        if (cluster.topology() == Topology.SINGLE_NODE && backend.type() == StorageBackend.Type.ODF) {
            diagnostics.error(Rule.STORAGE, backend.source().of("backend"), "single-node " + what + " cannot run OpenShift Data Foundation, "
                    + "which keeps three replicas on three nodes", "use 'backend: lvms' (LVM Storage, the single-node storage)");
        }
        if (backend.disks().isEmpty()) {
            diagnostics.error(Rule.REQUIRED, backend.source().of("backend"), what + " installs " + kind + " but names no 'disks' for it",
                    "add 'disks: [{host: <host>, paths: [/dev/disk/by-id/...]}]': the disks the backend takes (and wipes)");
        }
        Set<String> seen = new HashSet<>();
        for (StorageBackend.Disks disks : backend.disks()) {
            if (cluster.host(disks.host()).isEmpty()) {
                diagnostics.error(Rule.REF, disks.source().of("host"), "storage disks are on host '" + disks.host() + "', which is not a host of " + what,
                        Suggest.closest(disks.host(), cluster.hosts().stream().map(Host::name).toList()).map(s -> "did you mean '" + s + "'?")
                                .orElse("add the host to the cluster or fix the name"));
            }
            if (!seen.add(disks.host())) {
                diagnostics.error(Rule.DUPLICATE_NAME, disks.source().of("host"), "host '" + disks.host() + "' has two 'disks' entries in " + what,
                        "list all of the host's disks in one entry");
            }
            if (disks.paths().isEmpty()) {
                diagnostics.error(Rule.REQUIRED, disks.source().of("host"), "disks of host '" + disks.host() + "' name no 'paths'",
                        "add the device paths, e.g. paths: [/dev/disk/by-id/nvme-...]");
            }
            for (String path : disks.paths()) {
                if (!path.startsWith("/dev/") || path.contains("..")) {
                    diagnostics.error(Rule.DISK, disks.source().of("paths"), "storage disk path '" + path + "' of host '" + disks.host() + "' is not a device under /dev",
                            "name the disk by a stable path, e.g. /dev/disk/by-id/nvme-...");
                }
            }
        }
        if (backend.type() == StorageBackend.Type.ODF && !backend.disks().isEmpty()) {
            List<Integer> counts = backend.disks().stream().map(d -> d.paths().size()).distinct().toList();
            if (backend.hosts().size() < 3) {
                diagnostics.error(Rule.STORAGE, backend.source().of("disks"), what + " gives OpenShift Data Foundation disks on " + backend.hosts().size()
                        + " host(s); it keeps three replicas, one per host", "add disks on at least three hosts");
            } else if (counts.size() > 1) {
                diagnostics.error(Rule.STORAGE, backend.source().of("disks"), what + " gives OpenShift Data Foundation a different number of disks per host "
                        + counts + "; its device sets grow by one disk on each of three hosts", "give every storage host the same number of disks");
            }
        }
    }
}
