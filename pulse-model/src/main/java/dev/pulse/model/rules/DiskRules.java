package dev.pulse.model.rules;

import dev.pulse.model.Cluster;
import dev.pulse.model.Disk;
import dev.pulse.model.Host;
import dev.pulse.model.LocalVolume;
import dev.pulse.model.Quantity;
import dev.pulse.model.Vm;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Rules on VM disks and the cluster's local volumes (PULSE-DISK; PULSE-REF for storage classes and volume hosts;
 * PULSE-QUANTITY for sizes). Their names are {@link NameRules}; what a storage backend can give, {@link StorageRules}.
 */
final class DiskRules {

    private final Diagnostics diagnostics;

    DiskRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Every VM's disks, and the local volumes they claim. */
    void check(Cluster cluster) {
        String what = "cluster '" + cluster.name() + "'";
        for (Vm vm : cluster.vms()) {
            vm.allDisks().forEach(disk -> checkDisk(cluster, vm, disk));
            // a VM writes its root disk as disk: or all its disks as disks:, not both
            if (vm.disk().isPresent() && !vm.disks().isEmpty()) {
                diagnostics.error(Rule.DISK, vm.source().of("disks"), "vm '" + vm.name() + "' has both 'disk' and 'disks'",
                        "list the root disk first under 'disks:' and remove 'disk:'");
            }
        }
        Map<String, String> claimedBy = new HashMap<>();
        for (Vm vm : cluster.vms()) {
            for (Disk disk : vm.allDisks()) {
                disk.claim().filter(claim -> cluster.volume(claim).isPresent()).ifPresent(claim -> {
                    String other = claimedBy.putIfAbsent(claim, vm.name());
                    if (other != null) {
                        diagnostics.error(Rule.DISK, disk.source().of("claim"), "vm '" + vm.name() + "' uses volume '" + claim + "', which vm '" + other
                                + "' already uses", "a local volume is one VM's disk; give each VM its own");
                    }
                });
            }
        }
        for (LocalVolume volume : cluster.volumes()) {
            if (cluster.host(volume.host()).isEmpty()) {
                diagnostics.error(Rule.REF, volume.source().of("host"), "volume '" + volume.name() + "' is on host '" + volume.host() + "', which is not a host of " + what,
                        ReferenceRules.hint(volume.host(), cluster.hosts().stream().map(Host::name).toList(), "name the node the device is on"));
            }
            if (!volume.path().startsWith("/dev/") || volume.path().contains("..")) {
                diagnostics.error(Rule.DISK, volume.source().of("path"), "volume '" + volume.name() + "' has path '" + volume.path() + "', not a device under /dev",
                        "give the block device, e.g. /dev/vg_vms/" + volume.name());
            }
            checkQuantity(volume.size(), volume.source().of("size"), "size of volume '" + volume.name() + "'");
        }
    }

    /**
     * PULSE-DISK: a disk has exactly one source — an http(s) import, a {@code docker://} registry import,
     * a {@code namespace/name} PVC clone, or an existing claim — and a valid size. Source: CDI DataVolume sources.
     */
    private void checkDisk(Cluster cluster, Vm vm, Disk disk) {
        String who = (disk.name().equals(Disk.ROOT) ? "disk" : "disk '" + disk.name() + "'") + " of vm '" + vm.name() + "'";
        long sources = Stream.of(disk.importUrl(), disk.importRegistry(), disk.clonePvc(), disk.dataSource(), disk.claim())
                .filter(Optional::isPresent).count() + (disk.blank() ? 1 : 0);
        if (sources != 1) {
            diagnostics.error(Rule.DISK, disk.source().at(), who + " has " + sources + " sources",
                    "give exactly one: import: {url: https://...} | import: {registry: docker://...} | import: {pvc: ns/name} | import: {dataSource: rhel9} | blank: true | claim: name");
        }
        // CDI resolves sourceRef {kind: DataSource, namespace, name} (containerized-data-importer api DataVolumeSourceRef)
        disk.dataSource().filter(ref -> !ref.matches("([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?")).ifPresent(ref -> diagnostics.error(Rule.DISK,
                disk.source().of("import.dataSource"), who + " clones DataSource '" + ref + "'", "write it as name or namespace/name, e.g. openshift-virtualization-os-images/rhel9"));
        // CDI DataVolume http source: certConfigMap (a ConfigMap with the server's CA bundle) and secretRef (a Secret with
        // accessKeyId/secretKey) belong to http imports only (containerized-data-importer doc/datavolumes.md, "HTTP/S3/GCS/Registry source").
        for (String field : List.of("certConfigMap", "secretRef")) {
            Optional<String> value = field.equals("certConfigMap") ? disk.certConfigMap() : disk.secretRef();
            value.ifPresent(name -> {
                if (disk.importUrl().isEmpty()) {
                    diagnostics.error(Rule.DISK, disk.source().of("import." + field), who + " sets import." + field + " without an import url",
                            "only http(s) imports take a CA bundle or credentials: add 'url:' or remove '" + field + "'");
                } else if (!Names.isSubdomain(name)) {
                    diagnostics.error(Rule.DISK, disk.source().of("import." + field), who + " names " + field + " '" + name + "', not a valid Kubernetes name",
                            "name an existing " + (field.equals("secretRef") ? "Secret" : "ConfigMap") + " in the VM namespace");
                }
            });
        }
        if (disk.cdrom() && disk.blank()) {
            diagnostics.error(Rule.DISK, disk.source().of("cdrom"), who + " is a blank CD-ROM", "import the ISO into it ('import: {url: ...}'), or make it a disk");
        }
        disk.importUrl().filter(url -> !url.matches("https?://[^\\s/]+/\\S*")).ifPresent(url -> diagnostics.error(Rule.DISK,
                disk.source().of("import.url"), who + " imports from '" + url + "', not an http(s) URL", "give the URL CDI downloads the qcow2/raw image from"));
        disk.importRegistry().filter(url -> !url.matches("docker://[^\\s]+")).ifPresent(url -> diagnostics.error(Rule.DISK,
                disk.source().of("import.registry"), who + " imports from registry '" + url + "'", "write it as docker://registry/repository:tag"));
        disk.clonePvc().filter(pvc -> !pvc.matches("[a-z0-9-]+/[a-z0-9.-]+")).ifPresent(pvc -> diagnostics.error(Rule.DISK,
                disk.source().of("import.pvc"), who + " clones '" + pvc + "'", "write the PVC to clone as namespace/name"));
        disk.claim().ifPresent(claim -> {
            if (!Names.isSubdomain(claim)) {
                diagnostics.error(Rule.DISK, disk.source().of("claim"), who + " names claim '" + claim + "', not a valid Kubernetes name", "name an existing PVC");
            }
            cluster.volume(claim).filter(volume -> vm.host().isPresent() && !vm.host().get().equals(volume.host())).ifPresent(volume -> diagnostics.error(
                    Rule.DISK, vm.source().of("host"), "vm '" + vm.name() + "' is pinned to host '" + vm.host().get() + "' but its volume '" + claim
                            + "' is on host '" + volume.host() + "'", "pin the VM to " + volume.host() + ": a local volume cannot leave its host"));
        });
        disk.size().ifPresent(size -> checkQuantity(size, disk.source().of("size"), "size of the " + who));
        if (disk.imported() && cluster.storage().accessModeOf(disk.storageClass()).isEmpty()) {
            List<String> known = new ArrayList<>();
            known.add(cluster.storage().storageClass());
            cluster.storage().otherClasses().forEach(c -> known.add(c.name()));
            diagnostics.error(Rule.REF, disk.source().of("storageClass"), who + " names storage class '" + disk.storageClass().orElseThrow()
                    + "', which cluster '" + cluster.name() + "' does not offer", ReferenceRules.hint(disk.storageClass().get(), known,
                            "list it under the cluster's 'storage: {otherClasses: [{name: ..., accessMode: ...}]}'"));
        }
    }

    /** PULSE-QUANTITY: sizes are whole Kubernetes quantities. */
    private void checkQuantity(String quantity, Location at, String what) {
        if (Quantity.bytes(quantity).isEmpty()) {
            diagnostics.error(Rule.QUANTITY, at, what + " is '" + quantity + "', not a whole Kubernetes quantity", "write it like 100Gi");
        }
    }
}
