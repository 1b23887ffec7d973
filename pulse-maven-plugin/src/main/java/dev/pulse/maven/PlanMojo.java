package dev.pulse.maven;

import dev.pulse.render.Pulse;
import dev.pulse.render.simulation.SimulationResult;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Plays Argo CD's sync of the tree in the output folder, as it is on disk, against modelled operators, and
 * prints the sync plan: each Application in wave order, what each wave waits for, which nodes reboot. Fails
 * when the tree would not converge, naming the Application, wave, object and contract. Writes nothing.
 */
@Mojo(name = "plan", threadSafe = true, requiresProject = false, requiresDependencyResolution = ResolutionScope.COMPILE)
public class PlanMojo extends AbstractPulseMojo {

    @Override
    protected void run(Pulse pulse) throws MojoExecutionException, MojoFailureException {
        var resolved = resolve(pulse);
        SimulationResult result = orFail(() -> pulse.plan(resolved, output.toPath()));
        result.describe().forEach(line -> getLog().info("pulse: " + line));
        report(result);
    }
}
