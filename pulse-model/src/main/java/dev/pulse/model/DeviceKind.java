package dev.pulse.model;

/** What a catalog device is, which decides where a hardware profile may list it. */
public enum DeviceKind implements Keyword {
    GPU("gpu"),
    NIC("nic"),
    /** Any other PCI function handed to VMs whole, such as a USB host controller. */
    PCI("pci");

    private final String keyword;

    DeviceKind(String keyword) {
        this.keyword = keyword;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }
}
