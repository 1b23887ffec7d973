package dev.pulse.model;

import java.util.Optional;

/**
 * A disk of a VM: imported by CDI into a new volume, a new blank volume, or an existing claim; a disk or a
 * CD-ROM on a bus the guest has drivers for.
 *
 * @param name the disk's name in the VM ({@code disks:} entries; the single {@code disk:} is {@code rootdisk})
 * @param importUrl http(s) URL of a qcow2/raw/iso image to import (e.g. an exported Proxmox disk)
 * @param importRegistry container disk image to import ({@code docker://} form)
 * @param clonePvc {@code namespace/name} of a PVC to clone
 * @param certConfigMap for an http import: a ConfigMap in the VM namespace with the CA bundle of the export server
 * @param secretRef for an http import: a Secret in the VM namespace with {@code accessKeyId}/{@code secretKey} (basic auth)
 * @param blank a new empty volume (CDI {@code blank} source)
 * @param claim an existing PersistentVolumeClaim (or a cluster {@code volumes} entry) used as it is
 * @param size volume size (Kubernetes quantity); empty: the cluster default
 * @param storageClass storage class; empty: the cluster default
 * @param bus the bus the guest sees; empty: virtio, or sata for Windows guests without virtio drivers
 * @param cdrom attached as a read-only CD-ROM (an installer or driver ISO)
 * @param dataSource a golden image: CDI DataSource {@code [namespace/]name} the disk is cloned from (namespace default
 *     {@link #GOLDEN_IMAGES_NAMESPACE})
 * @param source where it was written
 */
public record Disk(
        String name,
        Optional<String> importUrl,
        Optional<String> importRegistry,
        Optional<String> clonePvc,
        Optional<String> certConfigMap,
        Optional<String> secretRef,
        boolean blank,
        Optional<String> claim,
        Optional<String> size,
        Optional<String> storageClass,
        Optional<Bus> bus,
        boolean cdrom,
        Optional<String> dataSource,
        Source source) {

    /** A disk that is not a golden-image clone. */
    public Disk(String name, Optional<String> importUrl, Optional<String> importRegistry, Optional<String> clonePvc, Optional<String> certConfigMap,
            Optional<String> secretRef, boolean blank, Optional<String> claim, Optional<String> size, Optional<String> storageClass, Optional<Bus> bus,
            boolean cdrom, Source source) {
        this(name, importUrl, importRegistry, clonePvc, certConfigMap, secretRef, blank, claim, size, storageClass, bus, cdrom, Optional.empty(), source);
    }

    /** Where OpenShift Virtualization keeps its golden images (DataSources): Red Hat "Managing automatic boot source updates". */
    public static final String GOLDEN_IMAGES_NAMESPACE = "openshift-virtualization-os-images";

    /** The name of the single root disk written as {@code disk:}. */
    public static final String ROOT = "rootdisk";

    /** True when CDI creates the volume (a DataVolume), false for an existing claim. */
    public boolean imported() {
        return importUrl.isPresent() || importRegistry.isPresent() || clonePvc.isPresent() || blank || dataSource.isPresent();
    }

    /** Disk buses KubeVirt emulates. */
    public enum Bus implements Keyword {
        VIRTIO("virtio"),
        SATA("sata"),
        SCSI("scsi");

        private final String keyword;

        Bus(String keyword) {
            this.keyword = keyword;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String keyword() {
            return keyword;
        }
    }
}
