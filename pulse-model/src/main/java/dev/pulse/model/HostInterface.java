package dev.pulse.model;

import java.util.List;

/**
 * A host network interface that NMState creates on every host of a hardware profile (bond, Linux
 * bridge, VLAN), as a NodeNetworkConfigurationPolicy writes it (seed 003).
 *
 * @param name interface name, e.g. {@code bond1}, {@code br1}
 * @param type bond, linux-bridge or vlan
 * @param ports member interfaces (bond, bridge)
 * @param bondMode bond mode, e.g. {@code 802.3ad}, {@code balance-alb}; bonds only
 * @param vlanBase base interface; VLANs only
 * @param vlanId VLAN id; VLANs only (0 otherwise)
 * @param mtu MTU (0: leave as is)
 * @param source where it was written
 */
public record HostInterface(String name, InterfaceType type, List<String> ports, String bondMode, String vlanBase, int vlanId, int mtu, Source source) {

    public HostInterface {
        ports = List.copyOf(ports);
    }

    /** Interface types Pulse writes. */
    public enum InterfaceType implements Keyword {
        BOND("bond"),
        LINUX_BRIDGE("linux-bridge"),
        VLAN("vlan");

        private final String keyword;

        InterfaceType(String keyword) {
            this.keyword = keyword;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String keyword() {
            return keyword;
        }
    }
}
