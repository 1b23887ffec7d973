package dev.pulse.model.rules;

import dev.pulse.model.GuestOs;
import dev.pulse.model.Role;
import dev.pulse.model.Vm;
import dev.pulse.model.VmIdentity;

/**
 * The firmware a VM gets, decided once for the rules and the layers: Secure Boot, TPM and whether UEFI
 * variables persist, from what the VM asks and what its guest OS needs.
 */
public final class GuestFirmware {

    private GuestFirmware() {}

    /**
     * Secure Boot: as the VM asks; else on for Windows 11, whose setup requires a Secure Boot capable UEFI
     * (Microsoft, "Windows 11 specifications and system requirements"). Only with UEFI.
     */
    public static boolean secureBoot(Vm vm, Role role) {
        return role.firmware() == Role.Firmware.UEFI && vm.identity().secureBoot().orElse(role.os() == GuestOs.WINDOWS_11);
    }

    /** The TPM: as the VM asks; else a persistent TPM 2.0 for Windows 11 (same source: "TPM version 2.0"), else none. */
    public static VmIdentity.Tpm tpm(Vm vm, Role role) {
        return vm.identity().tpm().orElse(role.os() == GuestOs.WINDOWS_11 ? VmIdentity.Tpm.PERSISTENT : VmIdentity.Tpm.NONE);
    }

    /**
     * UEFI variables kept across restarts: as the VM asks; Windows 11 keeps them too, since BitLocker and the
     * boot entries live there. Only with UEFI.
     */
    public static boolean persistentEfi(Vm vm, Role role) {
        return role.firmware() == Role.Firmware.UEFI && (vm.identity().persistentEfi() || role.os() == GuestOs.WINDOWS_11);
    }

    /**
     * True when KubeVirt keeps state for the VM on a backend-storage PVC (persistent EFI or TPM), which needs
     * the VMPersistentState feature gate (HyperConverged sets it: hyperconverged-cluster-operator
     * controllers/operands/kubevirt.go, hardCodeKvFgs) and a storage class ({@code vmStateStorageClass}).
     */
    public static boolean needsVmState(Vm vm, Role role) {
        return persistentEfi(vm, role) || tpm(vm, role) == VmIdentity.Tpm.PERSISTENT;
    }
}
