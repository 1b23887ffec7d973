package dev.pulse.importer.proxmox;

import dev.pulse.model.Catalog;
import dev.pulse.model.Role;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which role an imported VM gets: the one the roles file maps its id to; else a role whose name stands as
 * whole tokens anywhere in the VM name ({@code lab-optik-07} → {@code optik}; tokens split on {@code - _ .});
 * else, for a VM with GPUs or VFs, the role with as many; else none (the VM gets the generated role).
 *
 * @param role the role, when one matched
 * @param how why, for the report
 */
record RoleMatch(Optional<Role> role, String how) {

    static RoleMatch of(Catalog catalog, int vmid, String vmName, Map<Integer, String> mapping, int gpus, int vfs) {
        String mapped = mapping.get(vmid);
        if (mapped != null) {
            Optional<Role> role = catalog.role(mapped);
            if (role.isPresent()) {
                return new RoleMatch(role, "role " + mapped + " from the roles file");
            }
            return new RoleMatch(Optional.empty(), "the roles file maps it to '" + mapped + "', which is not in the catalog");
        }
        List<String> tokens = tokens(vmName);
        Optional<Role> byName = catalog.roles().values().stream()
                .filter(role -> position(tokens, tokens(role.name())) >= 0)
                .min(Comparator.<Role>comparingInt(role -> position(tokens, tokens(role.name()))).thenComparing(role -> -role.name().length()));
        if (byName.isPresent()) {
            return new RoleMatch(byName, "role " + byName.get().name() + ": its name is a token of the VM name");
        }
        if (gpus > 0 || vfs > 0) {
            Optional<Role> byHardware = catalog.roles().values().stream().filter(role -> role.gpus() == gpus && role.sriov().size() == vfs).findFirst();
            if (byHardware.isPresent()) {
                return new RoleMatch(byHardware, "role " + byHardware.get().name() + ": no role name in the VM name, but it has the role's " + gpus
                        + " GPU(s) and " + vfs + " VF(s)");
            }
        }
        return new RoleMatch(Optional.empty(), "no role name in the VM name" + (gpus > 0 || vfs > 0 ? " and no role with " + gpus + " GPU(s) and " + vfs
                + " VF(s)" : ""));
    }

    static List<String> tokens(String name) {
        return Arrays.stream(name.toLowerCase(Locale.ROOT).split("[-_.]+")).filter(token -> !token.isEmpty()).toList();
    }

    /** Index of {@code needle} as a contiguous run of tokens in {@code haystack}, or -1. */
    static int position(List<String> haystack, List<String> needle) {
        if (needle.isEmpty()) {
            return -1;
        }
        for (int i = 0; i + needle.size() <= haystack.size(); i++) {
            if (haystack.subList(i, i + needle.size()).equals(needle)) {
                return i;
            }
        }
        return -1;
    }
}
