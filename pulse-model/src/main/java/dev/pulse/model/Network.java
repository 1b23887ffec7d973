package dev.pulse.model;

/**
 * A secondary network VMs attach to.
 *
 * @param name network name: the SriovNetwork / NetworkAttachmentDefinition name VMs refer to
 * @param type sriov (a VF of {@code nic}), bridge (a Linux bridge of the hosts), localnet (an OVN-Kubernetes secondary
 *     network onto a physical network through an OVS bridge) or layer2 (an OVN-Kubernetes overlay between the VMs)
 * @param nic for sriov: the catalog NIC model whose VFs back the network
 * @param bridge for bridge: the host bridge interface, e.g. {@code br1}; for localnet: the OVS bridge it maps to (empty: {@code br-ex})
 * @param vlan VLAN id (0: untagged)
 * @param mtu MTU inside the network (0: the interface's)
 * @param ipRange for bridge networks whose pods need addresses (the live migration network): a CIDR the
 *     whereabouts IPAM hands out; empty: no IPAM (guests configure their own)
 * @param source where it was written
 */
public record Network(String name, Type type, String nic, String bridge, int vlan, int mtu, String ipRange, Source source) {

    /** A network without IPAM. */
    public Network(String name, Type type, String nic, String bridge, int vlan, int mtu, Source source) {
        this(name, type, nic, bridge, vlan, mtu, "", source);
    }

    /** OVN-Kubernetes' default external bridge, which every node has (ovn-kubernetes docs/features/multiple-networks). */
    public static final String DEFAULT_OVS_BRIDGE = "br-ex";

    /** The OVS bridge a localnet network maps to. */
    public String ovsBridge() {
        return bridge.isEmpty() ? DEFAULT_OVS_BRIDGE : bridge;
    }

    /** True for OVN-Kubernetes secondary networks (localnet, layer2). */
    public boolean isOvn() {
        return type == Type.LOCALNET || type == Type.LAYER2;
    }

    /** Network kinds. */
    public enum Type implements Keyword {
        SRIOV("sriov"),
        BRIDGE("bridge"),
        LOCALNET("localnet"),
        LAYER2("layer2");

        private final String keyword;

        Type(String keyword) {
            this.keyword = keyword;
        }

        @Override
        @com.fasterxml.jackson.annotation.JsonValue
        public String keyword() {
            return keyword;
        }
    }

    /**
     * A builder with the defaults: an sriov network, untagged, the interface's MTU, no IPAM.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link Network}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String name = "";
        private Type type = Type.SRIOV;
        private String nic = "";
        private String bridge = "";
        private int vlan;
        private int mtu;
        private String ipRange = "";
        private Source source;

        private Builder() {}

        /**
         * The network name VMs and roles refer to.
         *
         * @param value a DNS-1123 label
         * @return this builder
         */
        public Builder name(String value) {
            name = value;
            return this;
        }

        /**
         * The network kind (default sriov).
         *
         * @param value the kind
         * @return this builder
         */
        public Builder type(Type value) {
            type = value;
            return this;
        }

        /**
         * For sriov: the catalog NIC model whose VFs back the network.
         *
         * @param value a device name
         * @return this builder
         */
        public Builder nic(String value) {
            nic = value;
            return this;
        }

        /**
         * For bridge: the host bridge; for localnet: the OVS bridge.
         *
         * @param value an interface name, e.g. {@code br1}
         * @return this builder
         */
        public Builder bridge(String value) {
            bridge = value;
            return this;
        }

        /**
         * The VLAN id (default 0: untagged).
         *
         * @param value the VLAN id
         * @return this builder
         */
        public Builder vlan(int value) {
            vlan = value;
            return this;
        }

        /**
         * The MTU inside the network (default 0: the interface's).
         *
         * @param value the MTU
         * @return this builder
         */
        public Builder mtu(int value) {
            mtu = value;
            return this;
        }

        /**
         * For bridge networks whose pods need addresses: the CIDR whereabouts hands out.
         *
         * @param value a CIDR
         * @return this builder
         */
        public Builder ipRange(String value) {
            ipRange = value;
            return this;
        }

        /**
         * Where the network was written; unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The network.
         *
         * @return a new {@link Network}
         */
        public Network build() {
            return new Network(name, type, nic, bridge, vlan, mtu, ipRange, source != null ? source : Caller.source());
        }
    }
}
