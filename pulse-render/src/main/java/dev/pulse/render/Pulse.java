package dev.pulse.render;

import dev.pulse.model.Catalog;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.yaml.YamlLimits;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.review.Impact;
import dev.pulse.render.review.PreviousRender;
import java.nio.file.Path;

/**
 * The library's front door: load a fleet file (with the built-in catalog and the repo's
 * {@code profiles/}), check it, and render the tree in memory. Writing it is {@link dev.pulse.render.tree.TreeWriter}'s job.
 */
public final class Pulse {

    private final Catalog builtins;
    private final YamlLimits limits;

    public Pulse() {
        this(BuiltinProfiles.catalog(), YamlLimits.DEFAULT);
    }

    public Pulse(Catalog builtins, YamlLimits limits) {
        this.builtins = builtins;
        this.limits = limits;
    }

    /**
     * Loads and renders {@code fleetFile}.
     *
     * @throws dev.pulse.model.diag.FleetException with every problem, when the model has errors
     */
    public Rendering render(Path fleetFile) {
        FleetLoader.Result loaded = validate(fleetFile);
        return new Renderer(loaded.fleet().file()).render(loaded.fleet(), loaded.warnings());
    }

    /** What applying {@code rendering} changes compared with the render already in {@code output}. */
    public Impact impact(Rendering rendering, Path output) throws java.io.IOException {
        return Impact.between(PreviousRender.read(output), rendering);
    }

    /**
     * Loads {@code fleetFile} and runs the rules, without rendering.
     *
     * @throws dev.pulse.model.diag.FleetException with every problem, when the model has errors
     */
    public FleetLoader.Result validate(Path fleetFile) {
        return new FleetLoader(builtins, limits).load(fleetFile);
    }
}
