package dev.pulse.maven;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.model.resolve.Resolver.Resolution;
import dev.pulse.render.FleetClass;
import dev.pulse.render.Pulse;
import dev.pulse.render.simulation.ArgoCdHealth;
import dev.pulse.render.simulation.SimulationResult;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Parameters every Pulse goal shares, and the adaptation Jib's plugins make of jib-core: Maven parameters in,
 * the library's results and diagnostics out as log lines and Maven failures.
 */
abstract class AbstractPulseMojo extends AbstractMojo {

    /** The fleet model; {@code profiles/*.yaml} and {@code templates/*.yaml.j2} beside it are read too. */
    @Parameter(property = "pulse.fleet", defaultValue = "${basedir}/fleet.yaml")
    protected File fleet;

    /**
     * A fleet defined in Java instead of {@link #fleet}: a class of this project's build implementing
     * {@code Supplier<FleetSpec>} (compile it in the same run: {@code mvn compile pulse:render -Dpulse.fleetClass=...}).
     */
    @Parameter(property = "pulse.fleetClass")
    protected String fleetClass;

    /** The project's compile classpath, where {@link #fleetClass} is found. */
    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true)
    protected List<String> classpath;

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

    /** The model as the user names it in messages: the fleet file or the fleet class. */
    protected String model() {
        return fleetClass == null || fleetClass.isBlank() ? fleet.getName() : fleetClass;
    }

    /** Loads the fleet (file or class) and runs the rules, printing notes and warnings. */
    protected Resolution resolve(Pulse pulse) throws MojoExecutionException, MojoFailureException {
        Resolution resolved = orFail(() -> fleetClass == null || fleetClass.isBlank() ? pulse.validate(fleet.toPath())
                : pulse.validate(fleetFromClass()));
        report(resolved.warnings());
        return resolved;
    }

    /**
     * The spec {@link #fleetClass} supplies, loaded over the project's compiled classes and dependencies with Pulse's own
     * classes from the plugin (so the spec is of the plugin's FleetSpec); the loader is closed once the spec, plain
     * model records, is built.
     */
    private dev.pulse.model.FleetSpec fleetFromClass() throws IOException {
        try (URLClassLoader loader = projectClassLoader()) {
            return FleetClass.load(fleetClass.trim(), loader);
        }
    }

    private URLClassLoader projectClassLoader() throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String element : classpath == null ? List.<String>of() : classpath) {
            try {
                urls.add(new File(element).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new IOException("classpath element " + element + ": " + e.getMessage(), e);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
    }

    /** Runs a library call, turning a model with errors into a failure that lists every diagnostic. */
    protected <T> T orFail(Call<T> call) throws MojoFailureException, MojoExecutionException {
        try {
            return call.get();
        } catch (FleetException e) {
            throw new MojoFailureException(model() + " has problems; fix them and run again:" + System.lineSeparator() + e.getMessage());
        } catch (dev.pulse.render.tree.TreeWriter.RefusedException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot " + outputAccess() + " " + output + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (make the folder " + ("write".equals(outputAccess()) ? "writable" : "readable") + ", or point pulse.output elsewhere)", e);
        }
    }

    /** What the goal does to the output folder, for messages: "read" (check, plan), "write" (render). */
    protected String outputAccess() {
        return "read";
    }

    /** A library call that may read or write the output folder. */
    @FunctionalInterface
    protected interface Call<T> {
        T get() throws IOException;
    }

    /**
     * Prints what applying a render does to running clusters compared with the render already in the folder: deletions,
     * kept disks (PULSE-DELETE) and node reboots (PULSE-REBOOT), as warnings at the model value that causes them.
     * Reviewers must know before they merge, but strict mode ignores them: they judge the change from the folder's
     * previous render, not the model, and a model that reboots nodes on purpose is not a model with a problem.
     */
    protected void report(Pulse.Result result) {
        for (Diagnostic impact : result.impact().diagnostics()) {
            if (impact.isNote()) {
                getLog().info(impact.format());
            } else {
                getLog().warn(impact.format());
            }
        }
    }

    /**
     * Logs the sync plan at debug level and the outcome; a tree that does not converge fails the goal (unless
     * {@code pulse.skipSimulation}), naming the Application, wave, object and contract where it stops.
     */
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
