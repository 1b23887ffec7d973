package dev.pulse.maven;

import dev.pulse.render.Pulse;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * The pull-request gate: renders in memory and fails, with a unified diff, when the committed tree is not
 * what the model renders. Writes nothing. Bind it to {@code verify} in a config repo's pom.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = false,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class CheckMojo extends AbstractPulseMojo {

    /** Most diff lines printed before the rest is counted. */
    @Parameter(property = "pulse.maxDiffLines", defaultValue = "400")
    private int maxDiffLines;

    @Override
    protected void run(Pulse pulse) throws MojoExecutionException, MojoFailureException {
        var resolved = resolve(pulse);
        Pulse.Checked checked = orFail(() -> pulse.check(resolved, output.toPath(), maxDiffLines));
        report(checked.result());
        if (!checked.interrupted().isEmpty()) {
            throw new MojoFailureException(output + " holds a render that was interrupted (" + checked.interrupted()
                    + "); run 'mvn pulse:render', which rolls it back and renders again, then commit the result.");
        }
        if (!checked.upToDate()) {
            throw new MojoFailureException(output + " is not what " + model() + " renders; run 'mvn pulse:render', review and commit the result."
                    + System.lineSeparator() + checked.diff());
        }
        getLog().info("pulse: " + output + " is up to date (" + checked.result().rendering().tree().size() + " files)");
    }
}
