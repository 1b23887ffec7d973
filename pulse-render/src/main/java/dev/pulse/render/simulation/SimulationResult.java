package dev.pulse.render.simulation;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the sync simulation found for every cluster of a render: whether Argo CD and the operators converge, else
 * the first place they cannot, and the sync plan either way.
 *
 * @param clusters one run per cluster, in the fleet's order
 */
public record SimulationResult(List<ClusterRun> clusters) {

    public SimulationResult {
        clusters = List.copyOf(clusters);
    }

    /** Whether every cluster converges. */
    public boolean converges() {
        return clusters.stream().allMatch(run -> run.failure().isEmpty());
    }

    /** The first place a cluster stops, in fleet order. */
    public Optional<Failure> failure() {
        return clusters.stream().flatMap(run -> run.failure().stream()).findFirst();
    }

    /** Every user-provided prerequisite assumed present, across clusters, sorted. */
    public List<String> assumed() {
        TreeSet<String> all = new TreeSet<>();
        clusters.forEach(run -> all.addAll(run.assumed()));
        return List.copyOf(all);
    }

    /** The plan as text, one line each: per cluster, each Application with its waves, waits and reboots, then the outcome. */
    public List<String> describe() {
        List<String> lines = new java.util.ArrayList<>();
        for (ClusterRun run : clusters) {
            lines.add("cluster " + run.cluster() + ":");
            for (ApplicationPlan app : run.plan()) {
                lines.add("  " + (app.syncWave() < 0 ? "root" : "wave " + app.syncWave()) + ": Application " + app.name() + " (" + app.path() + ")");
                for (WavePlan wave : app.waves()) {
                    lines.add("    resource wave " + wave.wave() + ": " + String.join(", ", wave.objects()));
                    wave.waitsFor().forEach(wait -> lines.add("      waits for " + wait));
                }
                app.reboots().forEach(reboot -> lines.add("    reboots " + reboot));
            }
            lines.add("  " + run.failure().map(f -> "stops: " + f.format()).orElse("converges"));
        }
        return lines;
    }

    /**
     * One cluster's run.
     *
     * @param cluster cluster name
     * @param failure where it stops, when it does
     * @param plan the Applications synced, in order (up to the failure)
     * @param assumed user-provided prerequisites assumed present, e.g. a StorageClass or a Secret the model names
     */
    public record ClusterRun(String cluster, Optional<Failure> failure, List<ApplicationPlan> plan, List<String> assumed) {
        public ClusterRun {
            plan = List.copyOf(plan);
            assumed = List.copyOf(assumed);
        }
    }

    /** Whose move it is when the simulation stops. */
    public enum Cause {
        /** The tree Pulse rendered breaks a platform contract: fix Pulse (or the model it was given). */
        PULSE_BUG,
        /** Something outside the tree the user must provide or change. */
        USER_INPUT
    }

    /**
     * The first contract a sync cannot meet.
     *
     * @param cluster cluster name
     * @param application the Argo CD Application syncing when it stops
     * @param wave the resource sync wave inside that Application
     * @param object the object concerned: kind, namespace, name
     * @param message the missing contract, with the platform's own wording where there is one
     * @param cause Pulse bug or user input
     */
    public record Failure(String cluster, String application, int wave, ObjectRef object, String message, Cause cause) {

        /** One line for logs and build failures. */
        public String format() {
            return "cluster " + cluster + ", Application " + application + ", wave " + wave + ", " + object + ": " + message
                    + (cause == Cause.PULSE_BUG ? " [Pulse bug]" : " [user input]");
        }
    }

    /**
     * How one Application syncs.
     *
     * @param name Application name
     * @param syncWave its wave in the app of apps
     * @param path its source folder in the tree
     * @param waves its resource waves in order
     * @param reboots nodes it reboots, with why
     */
    public record ApplicationPlan(String name, int syncWave, String path, List<WavePlan> waves, List<String> reboots) {
        public ApplicationPlan {
            waves = List.copyOf(waves);
            reboots = List.copyOf(reboots);
        }
    }

    /**
     * One resource wave.
     *
     * @param wave the wave number
     * @param objects what it applies, in apply order
     * @param waitsFor objects whose health Argo CD waits for before the next wave ({@code Kind name: check source})
     */
    public record WavePlan(int wave, List<String> objects, List<String> waitsFor) {
        public WavePlan {
            objects = List.copyOf(objects);
            waitsFor = List.copyOf(waitsFor);
        }
    }
}
