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
}
