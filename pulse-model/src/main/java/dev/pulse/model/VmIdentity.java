package dev.pulse.model;

import java.util.Map;
import java.util.Optional;

/**
 * What makes a VM the same machine to its guest after a migration: its SMBIOS system UUID, the MAC
 * addresses of its interfaces, UEFI variables and TPM state that survive restarts, and the CPU the guest
 * was installed on.
 *
 * @param uuid SMBIOS system UUID ({@code firmware.uuid}); Windows activation and some licences bind to it
 * @param persistentEfi keep the UEFI variable store (boot entries, Secure Boot keys) across restarts
 * @param secureBoot UEFI Secure Boot; empty: on for Windows 11 guests, else off
 * @param tpm the virtual TPM; empty: persistent for Windows 11 guests, else none
 * @param cpuModel the CPU model the guest sees, e.g. {@code host-passthrough}; empty: the cluster default
 * @param numa guest NUMA topology mirroring the host's ({@code guestMappingPassthrough})
 * @param macs network name ({@code default} for the pod network) to the MAC address of its interface
 * @param nicModels network name to the emulated NIC model of its interface, for guests without virtio-net drivers
 */
public record VmIdentity(Optional<String> uuid, boolean persistentEfi, Optional<Boolean> secureBoot, Optional<Tpm> tpm, Optional<String> cpuModel,
        boolean numa, Map<String, String> macs, Map<String, String> nicModels) {

    public static final VmIdentity NONE = new VmIdentity(Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), false, Map.of(),
            Map.of());

    /**
     * The interface models KubeVirt emulates (kubevirt api core/v1 Interface.Model: "One of: e1000, e1000e, igb, ne2k_pci,
     * pcnet, rtl8139, virtio").
     */
    public static final java.util.List<String> NIC_MODELS = java.util.List.of("e1000", "e1000e", "igb", "ne2k_pci", "pcnet", "rtl8139", "virtio");

    public VmIdentity {
        macs = Map.copyOf(macs);
        nicModels = Map.copyOf(nicModels);
    }

    /** A virtual TPM 2.0. */
    public enum Tpm implements Keyword {
        NONE("none"),
        EPHEMERAL("ephemeral"),
        PERSISTENT("persistent");

        private final String keyword;

        Tpm(String keyword) {
            this.keyword = keyword;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String keyword() {
            return keyword;
        }
    }
}
