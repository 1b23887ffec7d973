package dev.pulse.model;

import java.util.Optional;

/**
 * A VM's root disk: imported by CDI into a new volume, or an existing claim.
 *
 * @param importUrl http(s) URL of a qcow2/raw image to import (e.g. an exported Proxmox disk)
 * @param importRegistry container disk image to import ({@code docker://} form)
 * @param clonePvc {@code namespace/name} of a PVC to clone
 * @param claim an existing PersistentVolumeClaim (or a cluster {@code volumes} entry) used as it is
 * @param size volume size (Kubernetes quantity); empty: the cluster default
 * @param storageClass storage class; empty: the cluster default
 * @param source where it was written
 */
public record Disk(
        Optional<String> importUrl,
        Optional<String> importRegistry,
        Optional<String> clonePvc,
        Optional<String> claim,
        Optional<String> size,
        Optional<String> storageClass,
        Source source) {

    /** True when CDI creates the volume (a DataVolume template), false for an existing claim. */
    public boolean imported() {
        return importUrl.isPresent() || importRegistry.isPresent() || clonePvc.isPresent();
    }
}
