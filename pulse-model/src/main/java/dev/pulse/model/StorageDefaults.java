package dev.pulse.model;

import java.util.List;
import java.util.Optional;

/**
 * A cluster's storage for VM disks: the default class and the other classes disks may name.
 *
 * @param storageClass default storage class name (empty: the cluster's default class)
 * @param accessMode access mode of the default class; only ReadWriteMany disks can live-migrate
 * @param size default disk size (Kubernetes quantity)
 * @param otherClasses further classes disks may name with {@code storageClass:}, with their access modes
 * @param backend the backend Pulse installs for the class, if any (empty: the class exists already)
 */
public record StorageDefaults(String storageClass, AccessMode accessMode, String size, List<StorageClassRef> otherClasses,
        java.util.Optional<StorageBackend> backend) {

    /** Storage of an existing class. */
    public StorageDefaults(String storageClass, AccessMode accessMode, String size, List<StorageClassRef> otherClasses) {
        this(storageClass, accessMode, size, otherClasses, java.util.Optional.empty());
    }

    public StorageDefaults {
        otherClasses = List.copyOf(otherClasses);
    }

    /**
     * A storage class the cluster offers.
     *
     * @param name class name
     * @param accessMode the access mode its volumes are requested with
     */
    public record StorageClassRef(String name, AccessMode accessMode) {}

    /** The access mode of {@code className} (empty: the default class), if the cluster offers it. */
    public Optional<AccessMode> accessModeOf(Optional<String> className) {
        if (className.isEmpty() || className.get().equals(storageClass)) {
            return Optional.of(accessMode);
        }
        return otherClasses.stream().filter(c -> c.name().equals(className.get())).map(StorageClassRef::accessMode).findFirst();
    }

    /**
     * A builder with the defaults: the cluster's default class, ReadWriteOnce, 50Gi disks, no backend.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link StorageDefaults}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String storageClass = "";
        private AccessMode accessMode;
        private String size = "50Gi";
        private final List<StorageClassRef> otherClasses = new java.util.ArrayList<>();
        private StorageBackend.Type backend;
        private String deviceClass = "vg1";
        private final List<StorageBackend.Disks> disks = new java.util.ArrayList<>();
        private Source source;

        private Builder() {}

        /**
         * The default storage class (default: the cluster's default class; with a backend: the backend's class).
         *
         * @param value a class name
         * @return this builder
         */
        public Builder storageClass(String value) {
            storageClass = value;
            return this;
        }

        /**
         * The access mode of the default class (default ReadWriteMany for a backend that shares volumes, else ReadWriteOnce).
         *
         * @param value the access mode
         * @return this builder
         */
        public Builder accessMode(AccessMode value) {
            accessMode = value;
            return this;
        }

        /**
         * The default disk size (default {@code 50Gi}).
         *
         * @param value a Kubernetes quantity
         * @return this builder
         */
        public Builder size(String value) {
            size = value;
            return this;
        }

        /**
         * Adds a further class disks may name, with ReadWriteOnce volumes.
         *
         * @param name the class name
         * @return this builder
         */
        public Builder otherClass(String name) {
            return otherClass(name, AccessMode.READ_WRITE_ONCE);
        }

        /**
         * Adds a further class disks may name.
         *
         * @param name the class name
         * @param mode the access mode its volumes are requested with
         * @return this builder
         */
        public Builder otherClass(String name, AccessMode mode) {
            otherClasses.add(new StorageClassRef(name, mode));
            return this;
        }

        /**
         * A backend Pulse installs for the default class (default: none, the class exists already).
         *
         * @param value which operator provides the storage
         * @return this builder
         */
        public Builder backend(StorageBackend.Type value) {
            backend = value;
            return this;
        }

        /**
         * The LVM Storage device class (default {@code vg1}); used with an lvms backend.
         *
         * @param value a device class name
         * @return this builder
         */
        public Builder deviceClass(String value) {
            deviceClass = value;
            return this;
        }

        /**
         * Adds the local disks of one host the backend consumes.
         *
         * @param host the host's name
         * @param paths device paths, preferably {@code /dev/disk/by-id/...}
         * @return this builder
         */
        public Builder disks(String host, String... paths) {
            return disks(new StorageBackend.Disks(host, List.of(paths), Caller.source()));
        }

        /**
         * Adds the local disks of one host the backend consumes.
         *
         * @param value the disks
         * @return this builder
         */
        public Builder disks(StorageBackend.Disks value) {
            disks.add(value);
            return this;
        }

        /**
         * Where the storage settings were written (the backend's source); unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The storage settings.
         *
         * @return new {@link StorageDefaults}
         */
        public StorageDefaults build() {
            if (backend == null) {
                return new StorageDefaults(storageClass, accessMode != null ? accessMode : AccessMode.READ_WRITE_ONCE, size, otherClasses);
            }
            // ODF gives RWX block volumes; LVM Storage and local volumes are RWO (see StorageBackend.Type)
            AccessMode mode = accessMode != null ? accessMode : backend.sharesVolumes() ? AccessMode.READ_WRITE_MANY : AccessMode.READ_WRITE_ONCE;
            StorageBackend built = new StorageBackend(backend, deviceClass, disks, storageClass, source != null ? source : Caller.source());
            return new StorageDefaults(built.storageClass(), mode, size, otherClasses, Optional.of(built));
        }
    }
}
