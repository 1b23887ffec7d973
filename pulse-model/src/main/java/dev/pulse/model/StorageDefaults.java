package dev.pulse.model;

/**
 * A cluster's default storage for VM disks.
 *
 * @param storageClass storage class name
 * @param accessMode access mode; only ReadWriteMany disks can live-migrate
 * @param size default disk size (Kubernetes quantity)
 */
public record StorageDefaults(String storageClass, AccessMode accessMode, String size) {}
