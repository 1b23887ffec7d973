package dev.pulse.maven;

import dev.pulse.render.Pulse;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.TreeDiff;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The pull-request gate: renders in memory and fails, with a unified diff, when the committed tree is not
 * what the model renders. Writes nothing. Bind it to {@code verify} in a config repo's pom.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false)
public class CheckMojo extends AbstractPulseMojo {

    /** Most diff lines printed before the rest is counted. */
    @Parameter(property = "pulse.maxDiffLines", defaultValue = "400")
    private int maxDiffLines;

    @Override
    protected void run(Pulse pulse) throws MojoExecutionException, MojoFailureException {
        Pulse.Result result = renderAndReport(pulse);
        Rendering rendering = result.rendering();
        TreeWriter writer = new TreeWriter(output.toPath());
        try {
            TreeWriter.Plan plan = result.plan();
            if (plan.interrupted() || !plan.leftovers().isEmpty()) {
                throw new MojoFailureException(output + " holds a render that was interrupted (" + (plan.interrupted() ? ".pulse/journal" : "")
                        + (plan.interrupted() && !plan.leftovers().isEmpty() ? ", " : "") + String.join(", ", plan.leftovers())
                        + "); run 'mvn pulse:render', which rolls it back and renders again, then commit the result.");
            }
            if (plan.upToDate()) {
                getLog().info("pulse: " + output + " is up to date (" + rendering.tree().size() + " files)");
                return;
            }
            throw new MojoFailureException(output + " is not what " + fleet.getName() + " renders; run 'mvn pulse:render', review and commit the result."
                    + System.lineSeparator() + TreeDiff.of(writer, rendering.tree(), plan, maxDiffLines));
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read " + output + ": " + e.getMessage(), e);
        }
    }
}
