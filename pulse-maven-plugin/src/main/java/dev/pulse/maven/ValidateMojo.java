package dev.pulse.maven;

import dev.pulse.model.load.FleetLoader;
import dev.pulse.render.Pulse;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Parses the model and runs every rule, printing all diagnostics; then renders in memory and plays the sync
 * simulation, failing when the tree would not converge. Writes nothing.
 */
@Mojo(name = "validate", threadSafe = true, requiresProject = false)
public class ValidateMojo extends AbstractPulseMojo {

    @Override
    protected void run(Pulse pulse) throws MojoExecutionException, MojoFailureException {
        FleetLoader.Result result = orFail(() -> pulse.validate(fleet.toPath()));
        report(result.warnings());
        simulate(pulse, orFail(() -> pulse.render(fleet.toPath())));
        getLog().info("pulse: " + fleet + " is valid (" + result.fleet().clusters().size() + " clusters, "
                + result.fleet().clusters().stream().mapToInt(c -> c.vms().size()).sum() + " VMs)");
    }
}
