package dev.pulse.model;

/**
 * SR-IOV capable NICs of one model in a hardware profile.
 *
 * @param model catalog device name (kind nic)
 * @param cards how many cards
 * @param ports ports per card
 * @param vfsPerPort virtual functions to create per port (0: no SR-IOV)
 * @param rdma whether the ports carry RDMA (RoCE)
 * @param eswitch embedded switch mode
 * @param mtu MTU of the physical function
 * @param use whether the VFs go to VMs (vfio-pci) or pods (netdevice)
 * @param source where it was written
 */
public record NicSlot(String model, int cards, int ports, int vfsPerPort, boolean rdma, ESwitchMode eswitch, int mtu, NicUse use, Source source) {

    /** Virtual functions the host offers in total. */
    public int totalVfs() {
        return cards * ports * vfsPerPort;
    }

    /**
     * A builder with the defaults: one card, one port, no VFs, no RDMA, legacy eswitch, MTU 1500, VFs for VMs.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NicSlot}; unset values keep the defaults {@code fleet.yaml} has. */
    public static final class Builder {
        private String model = "";
        private int cards = 1;
        private int ports = 1;
        private int vfsPerPort;
        private boolean rdma;
        private ESwitchMode eswitch = ESwitchMode.LEGACY;
        private int mtu = 1500;
        private NicUse use = NicUse.VM;
        private Source source;

        private Builder() {}

        /**
         * The catalog device name (kind nic).
         *
         * @param value a device name, e.g. {@code connectx-6}
         * @return this builder
         */
        public Builder model(String value) {
            model = value;
            return this;
        }

        /**
         * How many cards (default 1).
         *
         * @param value the card count
         * @return this builder
         */
        public Builder cards(int value) {
            cards = value;
            return this;
        }

        /**
         * Ports per card (default 1).
         *
         * @param value the port count
         * @return this builder
         */
        public Builder ports(int value) {
            ports = value;
            return this;
        }

        /**
         * Virtual functions per port (default 0: no SR-IOV).
         *
         * @param value the VF count
         * @return this builder
         */
        public Builder vfsPerPort(int value) {
            vfsPerPort = value;
            return this;
        }

        /**
         * Whether the ports carry RDMA (default false).
         *
         * @param value true for RoCE
         * @return this builder
         */
        public Builder rdma(boolean value) {
            rdma = value;
            return this;
        }

        /**
         * The embedded switch mode (default legacy).
         *
         * @param value the mode
         * @return this builder
         */
        public Builder eswitch(ESwitchMode value) {
            eswitch = value;
            return this;
        }

        /**
         * The physical function's MTU (default 1500).
         *
         * @param value the MTU
         * @return this builder
         */
        public Builder mtu(int value) {
            mtu = value;
            return this;
        }

        /**
         * Whether the VFs go to VMs or pods (default VMs).
         *
         * @param value the use
         * @return this builder
         */
        public Builder use(NicUse value) {
            use = value;
            return this;
        }

        /**
         * Where the slot was written; unset: the calling line.
         *
         * @param value the source
         * @return this builder
         */
        public Builder source(Source value) {
            source = value;
            return this;
        }

        /**
         * The slot.
         *
         * @return a new {@link NicSlot}
         */
        public NicSlot build() {
            return new NicSlot(model, cards, ports, vfsPerPort, rdma, eswitch, mtu, use, source != null ? source : Caller.source());
        }
    }
}
