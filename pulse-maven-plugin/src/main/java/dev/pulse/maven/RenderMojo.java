package dev.pulse.maven;

import dev.pulse.render.Pulse;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Renders the fleet model into the GitOps tree: Kustomize bases and overlays per layer, Argo CD
 * Applications per cluster and layer, root Applications under {@code bootstrap/}. Writes only files whose
 * bytes change, prunes files it wrote that are no longer rendered, and never touches files it does not own.
 * A tree the sync simulation finds would not converge is not written.
 */
@Mojo(name = "render", threadSafe = true, requiresProject = false, requiresDependencyResolution = ResolutionScope.COMPILE)
public class RenderMojo extends AbstractPulseMojo {

    /** Replace or prune files Pulse wrote that were since edited by hand (otherwise they stop the render). */
    @Parameter(property = "pulse.overwriteEdited", defaultValue = "false")
    private boolean overwriteEdited;

    @Override
    protected String outputAccess() {
        return "write";
    }

    @Override
    protected void run(Pulse pulse) throws MojoExecutionException, MojoFailureException {
        var resolved = resolve(pulse); // an invalid model stops here: nothing on disk changes
        Pulse.Written written = orFail(() -> pulse.write(resolved, output.toPath(),
                new Pulse.WriteOptions(overwriteEdited, !skipSimulation, getLog()::info)));
        if (!written.recovery().isEmpty()) {
            getLog().warn("pulse: " + output + ": " + written.recovery());
        }
        report(written.result());
        report(written.simulation()); // fails when the tree would not converge: then nothing was written
        var report = written.report().orElseThrow();
        written.result().plan().leftovers().forEach(path -> getLog().info("pulse: removed a temp file an interrupted render left: " + path));
        report.foreign().forEach(path -> getLog().warn("pulse: left alone (not written by Pulse): " + path));
        getLog().info("pulse: " + output + ": written " + report.written() + ", unchanged " + report.unchanged() + ", pruned " + report.pruned());
    }
}
