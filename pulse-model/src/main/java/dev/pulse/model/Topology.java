package dev.pulse.model;

/** How an OpenShift cluster's control plane and workers are laid out; decides the MachineConfigPool. */
public enum Topology implements Keyword {
    /** Three control-plane nodes plus workers: host changes go to the {@code worker} pool. */
    STANDARD("standard", "worker"),
    /** Three schedulable control-plane nodes and no workers: every node is in the {@code master} pool. */
    COMPACT("compact", "master"),
    /** One node that is control plane and worker: MachineConfigs must target {@code master}. */
    SINGLE_NODE("single-node", "master"),
    /**
     * A provider-run cluster (ROSA, OSD, ARO): the provider owns the nodes' configuration, so no MachineConfig,
     * MachineConfigPool or PerformanceProfile may be written, and nodes come and go with their machine pools.
     * Source: ROSA/OSD service definition ("customers cannot create MachineConfigs"; the MCO is managed by SRE).
     */
    MANAGED("managed", "");

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

    /** The MachineConfigPool whose nodes run the VMs on compact and single-node clusters ({@code master}); see {@link #customPools()}. */
    public String machineConfigPool() {
        return machineConfigPool;
    }

    /**
     * True when host configuration goes to a MachineConfigPool of its own per hardware profile: on standard
     * clusters the hosts are workers, and a custom pool keeps the reboot and the isolation to them. Control-plane
     * nodes stay in {@code master} whatever else selects them (machine-config-operator
     * {@code pkg/controller/common/helpers.go} GetPoolsForNode), so compact and single-node clusters use it.
     */
    public boolean customPools() {
        return this == STANDARD;
    }

    /** False on managed clusters: the provider forbids MachineConfigs and PerformanceProfiles. */
    public boolean allowsMachineConfigs() {
        return this != MANAGED;
    }
}
