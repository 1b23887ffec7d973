package dev.pulse.render.simulation;

import dev.pulse.render.simulation.SimulationResult.ApplicationPlan;
import dev.pulse.render.simulation.SimulationResult.ClusterRun;
import dev.pulse.render.simulation.SimulationResult.WavePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The simulated sync plan as a SUMMARY.md section: per cluster, the Applications in order, what they wait for, what reboots, the outcome. */
public final class SyncPlanMarkdown {

    private SyncPlanMarkdown() {}

    /** A {@code ## Sync plan (simulated)} section with a table per cluster. */
    public static String of(SimulationResult result) {
        StringBuilder md = new StringBuilder("\n## Sync plan (simulated)\n\n");
        md.append("What Argo CD and the operators do with this tree, as pulse-render's sync simulation models them (a model, not a cluster).\n");
        for (ClusterRun run : result.clusters()) {
            md.append("\n### Cluster ").append(run.cluster()).append("\n\n| wave | Argo CD Application | waits for | nodes that reboot |\n|---|---|---|---|\n");
            for (ApplicationPlan app : run.plan()) {
                if (app.syncWave() < 0) {
                    continue; // the root: its waits are the rows themselves
                }
                md.append("| ").append(app.syncWave()).append(" | ").append(app.name()).append(" | ").append(waits(app)).append(" | ")
                        .append(app.reboots().isEmpty() ? "-" : String.join("<br>", app.reboots())).append(" |\n");
            }
            md.append('\n').append(run.failure().map(f -> "**Stops** at Application " + f.application() + ", wave " + f.wave() + ", " + f.object() + ": "
                    + f.message().replace("|", "\\|") + (f.cause() == SimulationResult.Cause.PULSE_BUG ? " (Pulse bug)" : " (user input)"))
                    .orElse("Converges: every Application Healthy, every VM running.")).append('\n');
            if (!run.assumed().isEmpty()) {
                md.append("\nAssumed present (user-provided): ").append(String.join("; ", run.assumed())).append(".\n");
            }
        }
        return md.toString();
    }

    /** Kinds waited for, counted: {@code 5 Subscription, 1 HyperConverged}. */
    private static String waits(ApplicationPlan app) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (WavePlan wave : app.waves()) {
            for (String wait : wave.waitsFor()) {
                kinds.merge(wait.substring(0, wait.indexOf(' ')), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        kinds.forEach((kind, count) -> parts.add(count + " " + kind));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }
}
