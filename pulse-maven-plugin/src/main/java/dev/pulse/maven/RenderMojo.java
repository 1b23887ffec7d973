package dev.pulse.maven;

import dev.pulse.render.Pulse;
import dev.pulse.render.tree.OutputLock;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Renders the fleet model into the GitOps tree: Kustomize bases and overlays per layer, Argo CD
 * Applications per cluster and layer, root Applications under {@code bootstrap/}. Writes only files whose
 * bytes change, prunes files it wrote that are no longer rendered, and never touches files it does not own.
 * A tree the sync simulation finds would not converge is not written.
 */
@Mojo(name = "render", threadSafe = true, requiresProject = false)
public class RenderMojo extends AbstractPulseMojo {

    /** Replace or prune files Pulse wrote that were since edited by hand (otherwise they stop the render). */
    @Parameter(property = "pulse.overwriteEdited", defaultValue = "false")
    private boolean overwriteEdited;

    @Override
    protected void run(Pulse pulse) throws MojoExecutionException, MojoFailureException {
        Rendering rendering = orFail(() -> pulse.render(fleet.toPath())); // an invalid model stops here: nothing on disk changes
        TreeWriter writer = new TreeWriter(output.toPath());
        // One render at a time per folder, from comparing to writing; an interrupted write is rolled back first.
        try (OutputLock lock = writer.lock(getLog()::info)) {
            if (!lock.recovery().isEmpty()) {
                getLog().warn("pulse: " + output + ": " + lock.recovery());
            }
            Pulse.Result result = renderAndReport(pulse, rendering);
            simulate(pulse, result.rendering()); // a tree that would not converge is not written
            TreeWriter.Plan plan = result.plan();
            plan.write().forEach(path -> getLog().debug("pulse: write " + path));
            plan.prune().forEach(path -> getLog().debug("pulse: prune " + path));
            plan.leftovers().forEach(path -> getLog().info("pulse: removing a temp file an interrupted render left: " + path));
            TreeWriter.Report report = writer.write(result.rendering().tree(), plan, overwriteEdited);
            report.foreign().forEach(path -> getLog().warn("pulse: left alone (not written by Pulse): " + path));
            getLog().info("pulse: " + output + ": written " + report.written() + ", unchanged " + report.unchanged() + ", pruned " + report.pruned());
        } catch (TreeWriter.RefusedException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write " + output + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (make the folder writable, or point pulse.output elsewhere)", e);
        }
    }
}
