package dev.pulse.model;

/**
 * The guest operating system family, as far as the virtual hardware depends on it.
 *
 * <p>{@code windows} gets Hyper-V enlightenments, a Hyper-V clock and SATA disks unless the VM says its guest
 * has the virtio drivers; {@code windows-11} also needs TPM 2.0 and Secure Boot (with SMM), which Windows 11
 * setup refuses to install without (Microsoft, "Windows 11 specifications and system requirements").
 */
public enum GuestOs implements Keyword {
    LINUX("linux"),
    WINDOWS("windows"),
    WINDOWS_11("windows-11");

    private final String keyword;

    GuestOs(String keyword) {
        this.keyword = keyword;
    }

    public boolean windows() {
        return this != LINUX;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }
}
