package dev.pulse.model;

import java.util.List;

/**
 * A storage backend Pulse installs and configures for a cluster's VM disks, instead of naming a class that
 * must already exist.
 *
 * @param type which operator provides the storage
 * @param deviceClass LVM Storage only: the device class (volume group) name; LVMS names its StorageClass
 *     {@code lvms-<deviceClass>}
 * @param disks the local disks the backend consumes, per host
 * @param requestedClass the class the model wrote under {@code class:} (empty: the backend's default)
 * @param source where it was written
 */
public record StorageBackend(Type type, String deviceClass, List<Disks> disks, String requestedClass, Source source) {

    public StorageBackend {
        disks = List.copyOf(disks);
    }

    /**
     * The disks of one host a backend consumes (wiped when the backend takes them).
     *
     * @param host the host's name
     * @param paths device paths, preferably {@code /dev/disk/by-id/...}
     * @param source where it was written
     */
    public record Disks(String host, List<String> paths, Source source) {

        public Disks {
            paths = List.copyOf(paths);
        }
    }

    /** The class the backend's operator creates for VM disks (see {@link Type}). */
    public String storageClass() {
        return switch (type) {
            case LVMS -> LVMS_CLASS_PREFIX + deviceClass;
            case ODF -> ODF_CLASSES.contains(requestedClass) ? requestedClass : ODF_VIRTUALIZATION_CLASS;
            case LOCAL -> requestedClass.isEmpty() ? LOCAL_DEFAULT_CLASS : requestedClass;
        };
    }

    /** The hosts whose disks the backend consumes, in model order. */
    public List<String> hosts() {
        return disks.stream().map(Disks::host).distinct().toList();
    }

    /** Every device path, in model order, without repeats. */
    public List<String> paths() {
        return disks.stream().flatMap(d -> d.paths().stream()).distinct().toList();
    }

    /**
     * LVM Storage names the class of each device class {@code lvms-<name>}: openshift/lvm-operator
     * {@code internal/controllers/constants/constants.go} StorageClassPrefix.
     */
    public static final String LVMS_CLASS_PREFIX = "lvms-";

    /**
     * ODF's RBD class for VM disks (RWX block, {@code storageclass.kubevirt.io/is-default-virt-class: "true"}):
     * red-hat-storage/ocs-operator {@code controllers/storagecluster/storageclasses.go}
     * newCephBlockPoolVirtualizationStorageClassConfiguration, named {@code <storagecluster>-ceph-rbd-virtualization}.
     */
    public static final String ODF_VIRTUALIZATION_CLASS = "ocs-storagecluster-ceph-rbd-virtualization";

    /** The other classes ODF creates for a StorageCluster named ocs-storagecluster (same file). */
    public static final List<String> ODF_CLASSES = List.of(ODF_VIRTUALIZATION_CLASS, "ocs-storagecluster-ceph-rbd", "ocs-storagecluster-cephfs");

    /** The class of the local PVs ODF consumes, as Red Hat's ODF bare-metal docs name it. */
    public static final String ODF_LOCAL_CLASS = "localblock";

    /** Pulse's default class name for Local Storage Operator volumes. */
    public static final String LOCAL_DEFAULT_CLASS = "local-block";

    /** Backends. */
    public enum Type implements Keyword {
        /** LVM Storage (lvms-operator): thin LVs on local disks; RWO only; single-node and edge. */
        LVMS("lvms"),
        /** OpenShift Data Foundation on local disks (via the Local Storage Operator): RWX block for live migration. */
        ODF("odf"),
        /** Local Storage Operator: one PV per disk; RWO only. */
        LOCAL("local");

        private final String keyword;

        Type(String keyword) {
            this.keyword = keyword;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String keyword() {
            return keyword;
        }

        /** True when the backend's volumes can be ReadWriteMany (and so live-migrate). */
        public boolean sharesVolumes() {
            return this == ODF;
        }
    }
}
