package dev.pulse.model;

/**
 * An existing block device of one host (an LVM logical volume, seed 001) offered to VMs as a static local
 * PersistentVolume and a claim bound to it by label.
 *
 * @param name claim and volume name; a VM disk names it with {@code claim:}
 * @param host the node the device is on
 * @param path the device path, e.g. {@code /dev/vg_vms/fedora35}
 * @param size its size (Kubernetes quantity)
 * @param source where it was written
 */
public record LocalVolume(String name, String host, String path, String size, Source source) {}
