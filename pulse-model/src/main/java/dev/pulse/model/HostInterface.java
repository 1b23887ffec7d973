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
 * @param ipv4 how the interface gets IPv4 addresses: none, DHCP, or static ones each host lists under {@code addresses}
 * @param ipv6 the same for IPv6 (DHCP also takes router advertisements)
 * @param routes static routes through this interface, the same on every host of the profile
 * @param source where it was written
 */
public record HostInterface(String name, InterfaceType type, List<String> ports, String bondMode, String vlanBase, int vlanId, int mtu,
        IpMode ipv4, IpMode ipv6, List<Route> routes, Source source) {

    public HostInterface {
        ports = List.copyOf(ports);
        routes = List.copyOf(routes);
    }

    /** An interface without addresses. */
    public HostInterface(String name, InterfaceType type, List<String> ports, String bondMode, String vlanBase, int vlanId, int mtu, Source source) {
        this(name, type, ports, bondMode, vlanBase, vlanId, mtu, IpMode.DISABLED, IpMode.DISABLED, List.of(), source);
    }

    /** True when hosts give this interface addresses of their own (static IPv4 or IPv6). */
    public boolean isStatic() {
        return ipv4 == IpMode.STATIC || ipv6 == IpMode.STATIC;
    }

    /**
     * A static route.
     *
     * @param destination destination CIDR, e.g. {@code 10.20.0.0/16} or {@code 0.0.0.0/0}
     * @param gateway next-hop address
     * @param metric route metric (0: NMState's default)
     * @param source where it was written
     */
    public record Route(String destination, String gateway, int metric, Source source) {}

    /** How an interface gets addresses of one IP family (NMState {@code ipv4}/{@code ipv6}: enabled, dhcp, address). */
    public enum IpMode implements Keyword {
        DISABLED("disabled"),
        DHCP("dhcp"),
        STATIC("static");

        private final String keyword;

        IpMode(String keyword) {
            this.keyword = keyword;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String keyword() {
            return keyword;
        }
    }

    /** Interface types Pulse writes. */
    public enum InterfaceType implements Keyword {
        BOND("bond"),
        LINUX_BRIDGE("linux-bridge"),
        VLAN("vlan"),
        /** An Open vSwitch bridge, for OVN-Kubernetes localnet networks that do not go through br-ex. */
        OVS_BRIDGE("ovs-bridge");

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
