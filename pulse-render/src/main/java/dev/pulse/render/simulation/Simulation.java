package dev.pulse.render.simulation;

import dev.pulse.model.Cluster;
import dev.pulse.model.Fleet;
import dev.pulse.render.tree.Tree;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic model of what a cluster does with a rendered tree: Argo CD's sync of the app of apps and
 * each layer Application, wave by wave, waiting on the same Lua health checks Argo CD runs, while modelled
 * controllers (OLM, the operators' operands, NFD, MCO and NTO, device plugins, virt-api's and the SR-IOV
 * operator's webhooks, the scheduler) give the objects their status. It proves that the documents agree with
 * each other, which schemas cannot: a CR after its CRD, a selector after its label, a VM after its devices.
 * It is a model, not a cluster: see pulse-render/SIMULATION.md for what it cannot know.
 */
public final class Simulation {

    private final ArgoCdHealth builtinHealth;

    /** @param builtinHealth where Argo CD's built-in Lua health checks come from */
    public Simulation(ArgoCdHealth builtinHealth) {
        this.builtinHealth = builtinHealth;
    }

    /**
     * Plays the sync of every cluster of {@code fleet} on {@code tree} (paths relative to the rendered folder, as
     * in {@code deploy/}). The fleet's hosts are the nodes; their hardware profiles say what they have.
     */
    public SimulationResult run(Tree tree, Fleet fleet) {
        List<SimulationResult.ClusterRun> runs = new ArrayList<>();
        for (Cluster cluster : fleet.clusters()) {
            runs.add(ArgoCdSync.run(fleet, cluster, tree, builtinHealth));
        }
        return new SimulationResult(runs);
    }
}
