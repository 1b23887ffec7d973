package dev.pulse.model;

/**
 * Who gets a NIC's SR-IOV virtual functions. A VF handed to a VM must be bound to {@code vfio-pci};
 * {@code netdevice} with {@code isRdma} is the pattern for pods (RDMA/DPDK in containers). RDMA inside a
 * VM comes from the guest's own mlx5 driver on the vfio VF.
 */
public enum NicUse implements Keyword {
    VM("vm"),
    POD("pod");

    private final String keyword;

    NicUse(String keyword) {
        this.keyword = keyword;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }
}
