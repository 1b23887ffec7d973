package dev.pulse.model;

/** How an OpenShift cluster's control plane and workers are laid out; decides the MachineConfigPool. */
public enum Topology implements Keyword {
    /** Three control-plane nodes plus workers: host changes go to the {@code worker} pool. */
    STANDARD("standard", "worker"),
    /** Three schedulable control-plane nodes and no workers: every node is in the {@code master} pool. */
    COMPACT("compact", "master"),
    /** One node that is control plane and worker: MachineConfigs must target {@code master}. */
    SINGLE_NODE("single-node", "master");

    private final String keyword;
    private final String machineConfigPool;

    Topology(String keyword, String machineConfigPool) {
        this.keyword = keyword;
        this.machineConfigPool = machineConfigPool;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }

    /** The MachineConfigPool whose nodes run the VMs. */
    public String machineConfigPool() {
        return machineConfigPool;
    }
}
