package dev.pulse.maven;

import dev.pulse.model.load.FleetLoader;
import dev.pulse.render.Pulse;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/** Parses the model and runs every rule, printing all diagnostics; renders and writes nothing. */
@Mojo(name = "validate", threadSafe = true, requiresProject = false)
public class ValidateMojo extends AbstractPulseMojo {

    @Override
    protected void run(Pulse pulse) throws MojoExecutionException, MojoFailureException {
        FleetLoader.Result result = orFail(() -> pulse.validate(fleet.toPath()));
        report(result.warnings());
        getLog().info("pulse: " + fleet + " is valid (" + result.fleet().clusters().size() + " clusters, "
                + result.fleet().clusters().stream().mapToInt(c -> c.vms().size()).sum() + " VMs)");
    }
}
