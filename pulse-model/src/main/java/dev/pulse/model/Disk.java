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

    /**
     * A builder with the defaults: named {@code rootdisk}, no source yet, the cluster's size, class and bus.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Disk}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String name = ROOT;
        private Optional<String> importUrl = Optional.empty();
        private Optional<String> importRegistry = Optional.empty();
        private Optional<String> clonePvc = Optional.empty();
        private Optional<String> certConfigMap = Optional.empty();
        private Optional<String> secretRef = Optional.empty();
        private boolean blank;
        private Optional<String> claim = Optional.empty();
        private Optional<String> size = Optional.empty();
        private Optional<String> storageClass = Optional.empty();
        private Optional<Bus> bus = Optional.empty();
        private boolean cdrom;
        private Optional<String> dataSource = Optional.empty();
        private Source source;

        private Builder() {}

        /**
         * The disk's name in the VM (default {@code rootdisk}, the name of the single {@code disk}).
         *
         * @param value a DNS-1123 label
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * An http(s) URL of a qcow2, raw or iso image CDI imports.
         *
         * @param value an image URL
         * @return this builder
         */
        public Builder importUrl(String value) {
            importUrl = Optional.of(value);
            return this;
        }

        /**
         * A container disk image CDI imports.
         *
         * @param value a {@code docker://} reference
         * @return this builder
         */
        public Builder importRegistry(String value) {
            importRegistry = Optional.of(value);
            return this;
        }

        /**
         * A PVC CDI clones.
         *
         * @param value {@code namespace/name}
         * @return this builder
         */
        public Builder clonePvc(String value) {
            clonePvc = Optional.of(value);
            return this;
        }

        /**
         * For an http import: the ConfigMap with the export server's CA bundle.
         *
         * @param value a ConfigMap name
         * @return this builder
         */
        public Builder certConfigMap(String value) {
            certConfigMap = Optional.of(value);
            return this;
        }

        /**
         * For an http import: the Secret with {@code accessKeyId} and {@code secretKey}.
         *
         * @param value a Secret name
         * @return this builder
         */
        public Builder secretRef(String value) {
            secretRef = Optional.of(value);
            return this;
        }

        /**
         * A new empty volume (default false).
         *
         * @param value true for a blank volume
         * @return this builder
         */
        public Builder blank(boolean value) {
            blank = value;
            return this;
        }

        /**
         * An existing claim (or a cluster volume) used as it is.
         *
         * @param value a claim name
         * @return this builder
         */
        public Builder claim(String value) {
            claim = Optional.of(value);
            return this;
        }

        /**
         * The volume size; unset: the cluster default.
         *
         * @param value a Kubernetes quantity, e.g. {@code 200Gi}
         * @return this builder
         */
        public Builder size(String value) {
            size = Optional.of(value);
            return this;
        }

        /**
         * The storage class; unset: the cluster default.
         *
         * @param value a class name
         * @return this builder
         */
        public Builder storageClass(String value) {
            storageClass = Optional.of(value);
            return this;
        }

        /**
         * The bus the guest sees; unset: virtio, or sata for Windows guests without virtio drivers.
         *
         * @param value the bus
         * @return this builder
         */
        public Builder bus(Bus value) {
            bus = Optional.of(value);
            return this;
        }

        /**
         * Attach as a read-only CD-ROM (default false).
         *
         * @param value true for a CD-ROM
         * @return this builder
         */
        public Builder cdrom(boolean value) {
            cdrom = value;
            return this;
        }

        /**
         * A golden image: the DataSource the disk is cloned from.
         *
         * @param value {@code [namespace/]name}
         * @return this builder
         */
        public Builder dataSource(String value) {
            dataSource = Optional.of(value);
            return this;
        }

        /**
         * Where the disk was written; unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The disk.
         *
         * @return a new {@link Disk}
         */
        public Disk build() {
            return new Disk(name, importUrl, importRegistry, clonePvc, certConfigMap, secretRef, blank, claim, size, storageClass, bus, cdrom, dataSource,
                    source != null ? source : Caller.source());
        }
    }
}
