package dev.pulse.render;

import dev.pulse.model.Catalog;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.yaml.YamlLimits;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.review.Impact;
import dev.pulse.render.review.PreviousRender;
import dev.pulse.render.review.Summary;
import dev.pulse.render.simulation.ArgoCdHealth;
import dev.pulse.render.simulation.Simulation;
import dev.pulse.render.simulation.SimulationResult;
import dev.pulse.render.tree.Manifest;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The library's front door: load a fleet file (with the built-in catalog and the repo's {@code profiles/}
 * and {@code templates/}), check it, and render the tree in memory — for an output folder, with the impact
 * on what is already there and {@code SUMMARY.md}. Writing is {@link TreeWriter}'s job.
 */
public final class Pulse {

    private final Catalog builtins;
    private final YamlLimits limits;
    private final ArgoCdHealth argocdHealth;

    public Pulse() {
        this(BuiltinProfiles.catalog(), YamlLimits.DEFAULT);
    }

    public Pulse(Catalog builtins, YamlLimits limits) {
        this(builtins, limits, ArgoCdHealth.none());
    }

    private Pulse(Catalog builtins, YamlLimits limits, ArgoCdHealth argocdHealth) {
        this.builtins = builtins;
        this.limits = limits;
        this.argocdHealth = argocdHealth;
    }

    /** This front door with Argo CD's built-in Lua health checks for the sync simulation (else approximated). */
    public Pulse withArgoCdHealth(ArgoCdHealth health) {
        return new Pulse(builtins, limits, health);
    }

    /**
     * A render for an output folder.
     *
     * @param rendering the tree, with SUMMARY.md
     * @param impact what applying it changes on running clusters
     * @param plan what writing it into the folder takes (for {@link TreeWriter#write(dev.pulse.render.tree.Tree, TreeWriter.Plan, boolean)})
     */
    public record Result(Rendering rendering, Impact impact, TreeWriter.Plan plan) {}

    /**
     * Renders {@code fleetFile} for {@code output}: the Kubernetes tree, plus {@code SUMMARY.md} whose impact
     * section compares with the render already in {@code output}. When no other file changes, the summary on
     * disk is kept as it is (and nothing is compared), so re-rendering an unchanged model changes no file and
     * the summary keeps telling what the last real change did.
     *
     * @throws dev.pulse.model.diag.FleetException with every problem, when the model has errors
     */
    public Result render(Path fleetFile, Path output) throws IOException {
        return render(render(fleetFile), output);
    }

    /**
     * As {@link #render(Path, Path)}, for a model already rendered in memory: a caller validates the model first,
     * then takes the output's lock ({@link TreeWriter#lock}) and only then compares with the folder.
     */
    public Result render(Rendering rendering, Path output) throws IOException {
        TreeWriter writer = new TreeWriter(output);
        TreeWriter.Plan plan = writer.plan(rendering.tree());
        Path summaryFile = writer.output().resolve(Summary.PATH);
        boolean othersUnchanged = plan.write().isEmpty() && plan.edited().isEmpty() && plan.foreignConflicts().isEmpty()
                && plan.prune().stream().allMatch(Summary.PATH::equals);
        Manifest manifest = plan.manifest();
        byte[] kept = othersUnchanged && manifest.owns(Summary.PATH) && Files.isRegularFile(summaryFile) ? Files.readAllBytes(summaryFile) : null;
        Impact impact;
        if (kept != null && Manifest.sha256(kept).equals(manifest.hashOf(Summary.PATH))) {
            impact = Impact.NONE; // no object changes, so nothing reboots, restarts or goes away
            rendering.tree().put(Summary.PATH, kept);
        } else {
            var previous = PreviousRender.read(writer.output());
            impact = Impact.between(previous, rendering);
            rendering.tree().put(Summary.PATH, Summary.render(rendering, impact, previous.isEmpty()));
        }
        return new Result(rendering, impact, writer.plusFile(plan, rendering.tree(), Summary.PATH));
    }

    /**
     * Loads and renders {@code fleetFile} in memory: the Kubernetes tree only, independent of any folder.
     *
     * @throws dev.pulse.model.diag.FleetException with every problem, when the model has errors
     */
    public Rendering render(Path fleetFile) {
        FleetLoader.Result loaded = validate(fleetFile);
        return new Renderer(loaded.fleet().file()).render(loaded.fleet(), loaded.warnings());
    }

    /**
     * Loads {@code fleetFile} and runs the rules, without rendering.
     *
     * @throws dev.pulse.model.diag.FleetException with every problem, when the model has errors
     */
    public FleetLoader.Result validate(Path fleetFile) {
        return new FleetLoader(builtins, limits).load(fleetFile);
    }

    /**
     * Plays Argo CD's sync of a render against modelled operators: whether it converges, else the first
     * Application, wave and object where it stops, and the sync plan (pulse-render/SIMULATION.md).
     */
    public SimulationResult simulate(Rendering rendering) {
        return new Simulation(argocdHealth).run(rendering.tree(), rendering.fleet());
    }

    /** The simulation on the tree already in {@code output}, as it is, for the model in {@code fleetFile}. */
    public SimulationResult plan(Path fleetFile, Path output) throws IOException {
        return new Simulation(argocdHealth).run(Simulation.readTree(output), validate(fleetFile).fleet());
    }
}
