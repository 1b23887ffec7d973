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
}
