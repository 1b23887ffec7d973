package dev.pulse.render;

import dev.pulse.model.Catalog;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.resolve.Resolver;
import dev.pulse.model.resolve.Resolver.Resolution;
import dev.pulse.model.yaml.YamlLimits;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.review.Impact;
import dev.pulse.render.review.PreviousRender;
import dev.pulse.render.review.Summary;
import dev.pulse.render.simulation.ArgoCdHealth;
import dev.pulse.render.simulation.Simulation;
import dev.pulse.render.simulation.SimulationResult;
import dev.pulse.render.tree.Manifest;
import dev.pulse.render.tree.OutputLock;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.TreeDiff;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The library's front door. A fleet goes spec → resolve → render:
 * <pre>{@code
 * Pulse pulse = new Pulse();
 * Resolution resolved = pulse.validate(spec);            // or pulse.validate(Path.of("fleet.yaml"))
 * Rendering rendering = pulse.render(resolved);          // the tree in memory
 * Pulse.Written written = pulse.write(rendering, Path.of("deploy"), Pulse.WriteOptions.DEFAULT);
 * }</pre>
 * {@link #validate} loads (a fleet file with the {@code profiles/} and {@code templates/} beside it, or a
 * {@link FleetSpec} built in code) and runs every rule; {@link #render(Resolution)} renders in memory;
 * {@link #write} brings a folder in line (under its lock, after the sync simulation, pruning only what Pulse
 * wrote); {@link #check} compares a folder with a render without writing; {@link #simulate} and {@link #plan} play
 * Argo CD's sync. Problems in the model come as {@link dev.pulse.model.diag.FleetException} with every diagnostic.
 */
public final class Pulse {

    private final Catalog builtins;
    private final YamlLimits limits;
    private final ArgoCdHealth argocdHealth;

    /** Pulse with the built-in catalog (the profiles module) and the default parsing bounds. */
    public Pulse() {
        this(BuiltinProfiles.catalog(), YamlLimits.DEFAULT);
    }

    /**
     * @param builtins the catalog fleets' entries are laid over
     * @param limits bounds on every file read
     */
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

    /** The built-in catalog fleets resolve against. */
    public Catalog builtins() {
        return builtins;
    }

    // ---- spec -> resolve -------------------------------------------------------------------------------------------

    /**
     * Loads {@code fleetFile} (with {@code profiles/*.yaml} and {@code templates/*.yaml.j2} beside it) and runs the rules.
     *
     * @throws dev.pulse.model.diag.FleetException with every problem, when the model has errors
     */
    public Resolution validate(Path fleetFile) {
        return new FleetLoader(builtins, limits).load(fleetFile);
    }

    /**
     * Runs the rules over a fleet built in code, its catalog entries laid over the built-in catalog.
     *
     * @throws dev.pulse.model.diag.FleetException with every problem, when the model has errors
     */
    public Resolution validate(FleetSpec spec) {
        return Resolver.resolve(spec, builtins);
    }

    // ---- render ----------------------------------------------------------------------------------------------------

    /**
     * Renders a resolved fleet in memory: the Kubernetes tree only, independent of any folder.
     *
     * @throws dev.pulse.model.diag.FleetException with the problems only rendering finds (guest templates)
     */
    public Rendering render(Resolution resolved) {
        return new Renderer(resolved.fleet().origin()).render(resolved.fleet(), resolved.warnings());
    }

    /** Loads, checks and renders {@code fleetFile} in memory. */
    public Rendering render(Path fleetFile) {
        return render(validate(fleetFile));
    }

    /** Checks and renders a fleet built in code, in memory. */
    public Rendering render(FleetSpec spec) {
        return render(validate(spec));
    }

    /**
     * A render for an output folder.
     *
     * @param rendering the tree, with SUMMARY.md
     * @param impact what applying it changes on running clusters
     * @param plan what writing it into the folder takes
     */
    public record Result(Rendering rendering, Impact impact, TreeWriter.Plan plan) {}

    /**
     * Prepares {@code rendering} for {@code output}: adds {@code SUMMARY.md}, whose impact section compares with the
     * render already there, and plans the write. When no other file changes, the summary on disk is kept as it is, so
     * re-rendering an unchanged model changes no file and the summary keeps telling what the last real change did.
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

    // ---- write, check, plan ----------------------------------------------------------------------------------------

    /**
     * How {@link #write} treats a folder.
     *
     * @param overwriteEdited replace or prune files Pulse wrote that were since edited by hand (otherwise they stop the write)
     * @param requireConvergence refuse to write a tree the sync simulation finds would not converge
     * @param waiting told when another render holds the folder's lock and this one waits
     */
    public record WriteOptions(boolean overwriteEdited, boolean requireConvergence, Consumer<String> waiting) {

        /** Edited files stop the write, a tree that would not converge is not written, waiting is silent. */
        public static final WriteOptions DEFAULT = new WriteOptions(false, true, message -> {});
    }

    /**
     * What {@link #write} did.
     *
     * @param result the render for the folder: tree, impact, plan
     * @param simulation the sync simulation of the tree
     * @param report files written, unchanged, pruned and left alone; empty when the tree was not written
     * @param recovery what rolling back an interrupted earlier write did ("" when nothing)
     */
    public record Written(Result result, SimulationResult simulation, Optional<TreeWriter.Report> report, String recovery) {

        /** True when the folder now holds the render. */
        public boolean written() {
            return report.isPresent();
        }
    }

    /**
     * Brings {@code output} in line with {@code rendering}: one render at a time per folder (a second waits on the lock;
     * an interrupted write is rolled back first), then plan, impact and summary, the sync simulation, and the write -
     * only files whose bytes change, pruning only files Pulse wrote. With {@link WriteOptions#requireConvergence()} a
     * tree that would not converge is not written ({@link Written#report()} empty).
     *
     * @throws TreeWriter.RefusedException when the folder holds files that are not Pulse's to change
     * @throws IOException when the folder cannot be read or written
     */
    public Written write(Rendering rendering, Path output, WriteOptions options) throws IOException {
        TreeWriter writer = new TreeWriter(output);
        try (OutputLock lock = writer.lock(options.waiting())) {
            Result result = render(rendering, output);
            SimulationResult simulation = simulate(result.rendering());
            if (options.requireConvergence() && !simulation.converges()) {
                return new Written(result, simulation, Optional.empty(), lock.recovery());
            }
            TreeWriter.Report report = writer.write(result.rendering().tree(), result.plan(), options.overwriteEdited());
            return new Written(result, simulation, Optional.of(report), lock.recovery());
        }
    }

    /**
     * Renders {@code resolved} in memory (problems only rendering finds stop it before the folder is touched), then
     * {@link #write(Rendering, Path, WriteOptions) writes} it into {@code output}: what {@code pulse:render} does.
     */
    public Written write(Resolution resolved, Path output, WriteOptions options) throws IOException {
        return write(render(resolved), output, options);
    }

    /**
     * How a folder compares with a render (what {@code pulse:check} shows).
     *
     * @param result the render for the folder: tree, impact, plan
     * @param interrupted what an interrupted earlier write left ("" when nothing): run a write to roll it back
     * @param diff a unified diff of what a write would change ("" when the folder is up to date)
     */
    public record Checked(Result result, String interrupted, String diff) {

        /** True when the folder holds exactly the render and nothing half-written. */
        public boolean upToDate() {
            return interrupted.isEmpty() && diff.isEmpty();
        }
    }

    /** Compares {@code output} with {@code rendering} without writing; at most {@code maxDiffLines} diff lines are shown. */
    public Checked check(Rendering rendering, Path output, int maxDiffLines) throws IOException {
        Result result = render(rendering, output);
        TreeWriter.Plan plan = result.plan();
        String interrupted = "";
        if (plan.interrupted() || !plan.leftovers().isEmpty()) {
            interrupted = (plan.interrupted() ? ".pulse/journal" : "") + (plan.interrupted() && !plan.leftovers().isEmpty() ? ", " : "")
                    + String.join(", ", plan.leftovers());
        }
        String diff = plan.upToDate() ? "" : TreeDiff.of(new TreeWriter(output), result.rendering().tree(), plan, maxDiffLines);
        return new Checked(result, interrupted, diff);
    }

    /** Renders {@code resolved} in memory and compares {@code output} with it: what {@code pulse:check} does. */
    public Checked check(Resolution resolved, Path output, int maxDiffLines) throws IOException {
        return check(render(resolved), output, maxDiffLines);
    }

    /** Renders {@code resolved} in memory and plays Argo CD's sync of it: what {@code pulse:validate} does after the rules. */
    public SimulationResult simulate(Resolution resolved) {
        return simulate(render(resolved));
    }

    /**
     * Plays Argo CD's sync of a render against modelled operators: whether it converges, else the first
     * Application, wave and object where it stops, and the sync plan (pulse-render/SIMULATION.md).
     */
    public SimulationResult simulate(Rendering rendering) {
        return new Simulation(argocdHealth).run(rendering.tree(), rendering.fleet());
    }

    /** The simulation on the tree already in {@code output}, as it is, for a resolved fleet. */
    public SimulationResult plan(Resolution resolved, Path output) throws IOException {
        return new Simulation(argocdHealth).run(Simulation.readTree(output), resolved.fleet());
    }
}
