package dev.pulse.maven;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.render.Pulse;
import dev.pulse.render.simulation.ArgoCdHealth;
import dev.pulse.render.simulation.SimulationResult;
import dev.pulse.render.tree.Rendering;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** Parameters every Pulse goal shares, and turning the library's diagnostics into Maven's failures. */
abstract class AbstractPulseMojo extends AbstractMojo {

    /** The fleet model; {@code profiles/*.yaml} and {@code templates/*.yaml.j2} beside it are read too. */
    @Parameter(property = "pulse.fleet", defaultValue = "${basedir}/fleet.yaml")
    protected File fleet;

    /** The folder the tree is rendered into (commit it; Argo CD syncs it). */
    @Parameter(property = "pulse.output", defaultValue = "${basedir}/deploy")
    protected File output;

    /** Fail on warnings too. */
    @Parameter(property = "pulse.strict", defaultValue = "false")
    protected boolean strict;

    /**
     * Argo CD's built-in Lua health checks ({@code <group>/<Kind>/health.lua}, as in argo-cd's
     * resource_customizations) for the sync simulation; without it those kinds' health is approximated.
     */
    @Parameter(property = "pulse.argocdHealth")
    protected File argocdHealth;

    /** Do not fail when the sync simulation finds that the tree would not converge (it still reports). */
    @Parameter(property = "pulse.skipSimulation", defaultValue = "false")
    protected boolean skipSimulation;

    /** Skip this goal. */
    @Parameter(property = "pulse.skip", defaultValue = "false")
    protected boolean skip;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("pulse: skipped (pulse.skip)");
            return;
        }
        run(argocdHealth == null ? new Pulse() : new Pulse().withArgoCdHealth(ArgoCdHealth.folder(argocdHealth.toPath())));
    }

    protected abstract void run(Pulse pulse) throws MojoExecutionException, MojoFailureException;

    /** Runs a library call, turning a model with errors into a failure that lists every diagnostic. */
    protected <T> T orFail(Call<T> call) throws MojoFailureException, MojoExecutionException {
        try {
            return call.get();
        } catch (FleetException e) {
            throw new MojoFailureException(fleet + " has problems; fix them and run again:" + System.lineSeparator() + e.getMessage());
        } catch (java.io.IOException e) {
            throw new MojoExecutionException("cannot read " + output + ": " + e.getMessage(), e);
        }
    }

    /** A library call that may read the output folder. */
    @FunctionalInterface
    protected interface Call<T> {
        T get() throws java.io.IOException;
    }

    /**
     * Renders the fleet for the output folder and prints its warnings, then what applying it does to running
     * nodes (PULSE-REBOOT) compared with the render already there: reviewers must know before they merge.
     * Reboots are information, not problems: strict mode ignores them.
     */
    protected Pulse.Result renderAndReport(Pulse pulse) throws MojoExecutionException, MojoFailureException {
        return renderAndReport(pulse, orFail(() -> pulse.render(fleet.toPath())));
    }

    /** As {@link #renderAndReport(Pulse)}, for a model already rendered in memory. */
    protected Pulse.Result renderAndReport(Pulse pulse, dev.pulse.render.tree.Rendering rendering) throws MojoExecutionException, MojoFailureException {
        Pulse.Result result = orFail(() -> pulse.render(rendering, output.toPath()));
        report(result.rendering().warnings());
        for (String deletion : result.impact().deletions()) {
            getLog().warn(fleet.getName() + ": warning: deleted by the sync: " + deletion + " [PULSE-DELETE]");
        }
        for (String kept : result.impact().keptDisks()) {
            getLog().warn(fleet.getName() + ": warning: disk kept: " + kept + " [PULSE-DELETE]");
        }
        for (String reboot : result.impact().reboots()) {
            getLog().warn(fleet.getName() + ": warning: node reboot: " + reboot + " [PULSE-REBOOT]");
        }
        return result;
    }

    /**
     * Plays Argo CD's sync of the render against the modelled operators; a render that would not converge fails
     * with the Application, wave, object and contract where it stops (unless {@code pulse.skipSimulation}).
     */
    protected void simulate(Pulse pulse, Rendering rendering) throws MojoFailureException {
        report(pulse.simulate(rendering));
    }

    /** Logs the plan at debug level and the outcome; a tree that does not converge fails the goal. */
    protected void report(SimulationResult result) throws MojoFailureException {
        result.describe().forEach(line -> getLog().debug("pulse: " + line));
        result.assumed().forEach(prerequisite -> getLog().info("pulse: assumed present: " + prerequisite));
        if (result.converges()) {
            getLog().info("pulse: sync simulation: every cluster converges");
            return;
        }
        String failure = "the tree would not converge: " + result.failure().orElseThrow().format();
        if (skipSimulation) {
            getLog().warn("pulse: " + failure + " (pulse.skipSimulation is set)");
            return;
        }
        throw new MojoFailureException(failure + System.lineSeparator() + "(a model of the platform, see pulse:plan for the sync plan; -Dpulse.skipSimulation=true to go on)");
    }

    /** Prints notes (what an override changed, ...) and warnings; with {@code pulse.strict} warnings fail the build. */
    protected void report(List<Diagnostic> diagnostics) throws MojoFailureException {
        diagnostics.stream().filter(Diagnostic::isNote).map(Diagnostic::format).forEach(getLog()::info);
        List<Diagnostic> warnings = diagnostics.stream().filter(d -> !d.isNote()).toList();
        warnings.stream().map(Diagnostic::format).forEach(getLog()::warn);
        if (strict && !warnings.isEmpty()) {
            throw new MojoFailureException(warnings.size() + " warning(s) and pulse.strict is set; fix them or drop -Dpulse.strict");
        }
    }
}
