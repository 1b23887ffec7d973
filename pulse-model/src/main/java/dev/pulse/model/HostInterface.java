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

    /**
     * A builder with the defaults: a bond, no addresses (IPv4 and IPv6 disabled), the interface's MTU, no routes.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link HostInterface}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String name = "";
        private InterfaceType type = InterfaceType.BOND;
        private final List<String> ports = new java.util.ArrayList<>();
        private String bondMode = "";
        private String vlanBase = "";
        private int vlanId;
        private int mtu;
        private IpMode ipv4 = IpMode.DISABLED;
        private IpMode ipv6 = IpMode.DISABLED;
        private final List<Route> routes = new java.util.ArrayList<>();
        private Source source;

        private Builder() {}

        /**
         * The interface name on the host.
         *
         * @param value a name, e.g. {@code bond1}
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * bond, linux-bridge or vlan (default bond).
         *
         * @param value the type
         * @return this builder
         */
        public Builder type(InterfaceType value) {
            type = value;
            return this;
        }

        /**
         * Adds member interfaces (bond, bridge).
         *
         * @param names interface names
         * @return this builder
         */
        public Builder ports(String... names) {
            ports.addAll(List.of(names));
            return this;
        }

        /**
         * The bond mode; bonds only.
         *
         * @param value a mode such as {@code 802.3ad}
         * @return this builder
         */
        public Builder bondMode(String value) {
            bondMode = value;
            return this;
        }

        /**
         * The base interface; VLANs only.
         *
         * @param value an interface name
         * @return this builder
         */
        public Builder vlanBase(String value) {
            vlanBase = value;
            return this;
        }

        /**
         * The VLAN id; VLANs only (default 0).
         *
         * @param value the VLAN id
         * @return this builder
         */
        public Builder vlanId(int value) {
            vlanId = value;
            return this;
        }

        /**
         * The MTU (default 0: leave as is).
         *
         * @param value the MTU
         * @return this builder
         */
        public Builder mtu(int value) {
            mtu = value;
            return this;
        }

        /**
         * How the interface gets IPv4 addresses (default disabled).
         *
         * @param value the mode
         * @return this builder
         */
        public Builder ipv4(IpMode value) {
            ipv4 = value;
            return this;
        }

        /**
         * How the interface gets IPv6 addresses (default disabled).
         *
         * @param value the mode
         * @return this builder
         */
        public Builder ipv6(IpMode value) {
            ipv6 = value;
            return this;
        }

        /**
         * Adds a static route through this interface.
         *
         * @param value the route
         * @return this builder
         */
        public Builder route(Route value) {
            routes.add(value);
            return this;
        }

        /**
         * Where it was written; unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The interface.
         *
         * @return a new {@link HostInterface}
         */
        public HostInterface build() {
            return new HostInterface(name, type, ports, bondMode, vlanBase, vlanId, mtu, ipv4, ipv6, routes, source != null ? source : Caller.source());
        }
    }
}
