package dev.pulse.render.guest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A secondary network interface of a VM as the guest sees it. Its MAC address is derived from the VM
 * and network names, so it is stable run to run and guest configuration can match the interface by MAC
 * (an interface name depends on the guest's driver).
 *
 * @param name network name
 * @param type {@code sriov} or {@code bridge}
 * @param vlan VLAN id (0: untagged)
 * @param mtu MTU (0: the interface's)
 * @param mac locally administered unicast MAC, lower case
 */
public record GuestNetwork(String name, String type, int vlan, int mtu, String mac) {

    /** {@code 02:xx:xx:xx:xx:xx} from SHA-256 of cluster, namespace, VM and network: locally administered, unicast. */
    public static String mac(String cluster, String namespace, String vm, String network) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("/", cluster, namespace, vm, network).getBytes(StandardCharsets.UTF_8));
            StringBuilder mac = new StringBuilder("02");
            for (int i = 0; i < 5; i++) {
                mac.append(':').append(HexFormat.of().toHexDigits(hash[i]));
            }
            return mac.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }
}
