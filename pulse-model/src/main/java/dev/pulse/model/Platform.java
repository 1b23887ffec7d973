package dev.pulse.model;

/**
 * What a cluster runs its GPU workloads on, which decides the layers Pulse renders for it.
 */
public enum Platform implements Keyword {
    /** OpenShift Virtualization (KubeVirt): hosts are OpenShift nodes, VMs are VirtualMachines. */
    OPENSHIFT_VIRTUALIZATION("openshift-virtualization"),
    /**
     * Red Hat OpenStack Services on OpenShift: the OpenStack control plane runs on the OpenShift cluster, the
     * hosts are RHEL External Data Plane Management (EDPM) compute nodes that Ansible configures, roles become
     * Nova flavors and instances are created through the OpenStack API (not in the model).
     */
    RHOSO("rhoso");

    private final String keyword;

    Platform(String keyword) {
        this.keyword = keyword;
    }

    @Override
    @com.fasterxml.jackson.annotation.JsonValue
    public String keyword() {
        return keyword;
    }
}
