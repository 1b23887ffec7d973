package dev.pulse.model;

/**
 * Another PCI function of the same card (HDMI audio of a GPU) that shares its IOMMU group, so it is
 * bound to vfio-pci and permitted together with the main function.
 *
 * @param pci its vendor:device id
 * @param resourceName the extended resource KubeVirt exposes it as
 */
public record Companion(PciId pci, String resourceName) {}
