package dev.pulse.render.simulation;

/**
 * Lets the cluster settle: every modelled controller recomputes what it makes of the applied objects, in
 * dependency order (OLM, then operands, node labels and machine config, the GPU Operator, storage backends (they select labelled nodes), device plugins,
 * and last the VMs), so one pass gives the state the real controllers converge to.
 */
final class Controllers {

    private Controllers() {}

    static void settle(ClusterState state) {
        state.resetDerived();
        Olm.reconcile(state);
        Operands.reconcile(state);
        OpenStackOperands.reconcile(state);
        Nodes.reconcile(state);
        Operands.clusterPolicy(state);
        Storage.reconcile(state);
        Devices.reconcile(state);
        Scheduler.reconcile(state);
    }
}
