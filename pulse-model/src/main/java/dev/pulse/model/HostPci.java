package dev.pulse.model;

/**
 * One PCI function of a particular host handed to VMs whole, such as a USB host controller. The address
 * is needed because KubeVirt selects by vendor:device id, and only this one function may leave its host
 * driver (seed 001: "the pciDeviceSelector will match all similar USB Host Controller").
 *
 * @param model catalog device name (kind pci)
 * @param address PCI address {@code DDDD:BB:DD.F}, as {@code lspci -D} prints it
 * @param source where it was written
 */
public record HostPci(String model, String address, Source source) {}
