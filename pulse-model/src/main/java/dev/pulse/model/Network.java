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
}
