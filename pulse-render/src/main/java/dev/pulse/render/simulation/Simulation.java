package dev.pulse.render.simulation;

import dev.pulse.model.Fleet;
import dev.pulse.render.tree.Tree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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
        // Each cluster is its own API server and Argo CD sync (state per cluster; the tree is only read; compiled Lua and
        // Argo CD's scripts are cached in concurrent maps): play them in parallel, report them in the fleet's order.
        List<SimulationResult.ClusterRun> runs = dev.pulse.render.tree.Parallel.map(fleet.clusters(),
                cluster -> ArgoCdSync.run(fleet, cluster, tree, builtinHealth));
        return new SimulationResult(runs);
    }

    /** The files under {@code folder} as a tree (relative {@code /} paths), leaving out hidden folders such as {@code .pulse/}. */
    public static Tree readTree(Path folder) throws IOException {
        Tree tree = new Tree();
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder: render the tree first (mvn pulse:render)");
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = folder.relativize(file);
                boolean hidden = false;
                for (Path part : relative) {
                    hidden |= part.toString().startsWith(".");
                }
                if (!hidden) {
                    tree.put(relative.toString().replace(java.io.File.separatorChar, '/'), Files.readAllBytes(file));
                }
            }
        }
        return tree;
    }
}
