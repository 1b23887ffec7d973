package dev.pulse.maven;

import dev.pulse.model.resolve.Resolver.Resolution;
import dev.pulse.render.Pulse;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Parses the model and runs every rule, printing all diagnostics; then renders in memory and plays the sync
 * simulation, failing when the tree would not converge. Writes nothing.
 */
@Mojo(name = "validate", threadSafe = true, requiresProject = false, requiresDependencyResolution = ResolutionScope.COMPILE)
public class ValidateMojo extends AbstractPulseMojo {

    @Override
    protected void run(Pulse pulse) throws MojoExecutionException, MojoFailureException {
        Resolution resolved = resolve(pulse);
        report(orFail(() -> pulse.simulate(resolved)));
        getLog().info("pulse: " + model() + " is valid (" + resolved.fleet().clusters().size() + " clusters, "
                + resolved.fleet().clusters().stream().mapToInt(c -> c.vms().size()).sum() + " VMs)");
    }
}
