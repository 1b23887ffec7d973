package dev.pulse.maven;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.render.Pulse;
import dev.pulse.render.Rendering;
import dev.pulse.render.tree.TreeWriter;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Renders the fleet model into the GitOps tree: Kustomize bases and overlays per layer, Argo CD
 * Applications per cluster and layer, and a root Application per cluster under {@code bootstrap/}.
 * Only files whose content changed are written.
 */
@Mojo(name = "render", threadSafe = true, requiresProject = false)
public class RenderMojo extends AbstractMojo {

    /** The fleet model; catalog files in a {@code profiles/} folder beside it are read too. */
    @Parameter(property = "pulse.fleet", defaultValue = "${basedir}/fleet.yaml")
    private File fleet;

    /** The folder the tree is rendered into (commit it; Argo CD syncs it). */
    @Parameter(property = "pulse.output", defaultValue = "${basedir}/deploy")
    private File output;

    /** Skip this goal. */
    @Parameter(property = "pulse.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("pulse: skipped (pulse.skip)");
            return;
        }
        Rendering rendering;
        try {
            rendering = new Pulse().render(fleet.toPath());
        } catch (FleetException e) {
            throw new MojoFailureException(fleet + " has problems; fix them and run again:" + System.lineSeparator() + e.getMessage());
        }
        rendering.warnings().stream().map(Diagnostic::format).forEach(getLog()::warn);
        try {
            TreeWriter.Report report = new TreeWriter(output.toPath()).write(rendering.tree());
            getLog().info("pulse: rendered " + rendering.tree().size() + " files into " + output + ": written " + report.written()
                    + ", unchanged " + report.unchanged());
        } catch (IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("cannot write " + output + ": " + e.getMessage() + " (pulse.output names the folder)", e);
        }
    }
}
