package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.model.ResolvedHost;
import dev.pulse.model.ResolvedCluster;
import dev.pulse.model.Fleet;
import dev.pulse.render.simulation.SimulationResult.ApplicationPlan;
import dev.pulse.render.simulation.SimulationResult.Cause;
import dev.pulse.render.simulation.SimulationResult.ClusterRun;
import dev.pulse.render.simulation.SimulationResult.Failure;
import dev.pulse.render.simulation.SimulationResult.WavePlan;
import dev.pulse.render.tree.Tree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plays Argo CD's sync of one cluster's tree (argoproj/gitops-engine pkg/sync/sync_context.go): an admin applies
 * {@code bootstrap/}; the root Application syncs {@code apps/<cluster>/}; each Application applies its resources
 * wave by wave in kind order, and the next wave starts only when every resource of the wave is Healthy (or has
 * no health check): Healthy lets the task succeed, Degraded fails it, anything else keeps it running
 * (sync_context.go, "update status of any tasks that are running"). A child Application is Healthy when its
 * resources are; the app of apps waits for it only when Argo CD has a health check for Application.
 * <p>A failed apply is retried (Applications retry with backoff): it succeeds when something already applied
 * makes it valid once its controller has run, else the sync is stuck there. A custom resource whose CRD comes
 * from an object Argo CD did not wait for (no health check, or one that calls it Healthy before it is
 * reconciled), synced at an earlier step, would depend on winning a race against bounded retries: reported.
 */
final class ArgoCdSync {

    /** Namespaces every OpenShift cluster has before anything is applied. */
    private static final Set<String> PRESENT_NAMESPACES = Set.of("default", "kube-system", "kube-public", "openshift", "openshift-config",
            "openshift-marketplace", "openshift-operators", "openshift-machine-config-operator");

    private static final String CREATE_NAMESPACE = "CreateNamespace=true";

    /** Stops the simulation at the first contract it cannot meet. */
    private static final class Stop extends RuntimeException {
        final transient Failure failure;

        Stop(Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }

    private record Task(ObjectNode object, ObjectRef ref, int phase, int wave) {}

    private final ClusterState state;
    private final TreeSource source;
    private final ArgoCdHealth builtin;
    private final List<ApplicationPlan> plans = new ArrayList<>();
    private Health health;
    private Rbac rbac;
    /** Whether the Application being synced retries a failed sync (spec.syncPolicy.retry). */
    private boolean retries;

    private ArgoCdSync(ClusterState state, TreeSource source, ArgoCdHealth builtin) {
        this.state = state;
        this.source = source;
        this.builtin = builtin;
    }

    static ClusterRun run(Fleet fleet, ResolvedCluster cluster, Tree tree, ArgoCdHealth builtin) {
        ClusterState state = new ClusterState(fleet, cluster);
        Map<String, String> placement = cluster.placement().nodeSelector();
        // an RHOSO cluster's hosts are EDPM compute nodes that Ansible configures, not OpenShift nodes
        for (ResolvedHost host : cluster.isRhoso() ? List.<ResolvedHost>of() : cluster.hosts()) {
            Node node = new Node(host.spec(), host.profile(), cluster.topology(), fleet.catalog());
            // The model's placement labels are the user's to put on nodes (e.g. a ROSA machine pool's labels).
            node.baseLabels.putAll(placement);
            node.reset();
            state.nodes.put(host.name(), node);
        }
        if (!placement.isEmpty()) {
            state.assumed.add("node labels " + new TreeMap<>(placement) + " on the hosts (the model's placement)");
        }
        ArgoCdSync sync = new ArgoCdSync(state, new TreeSource(tree), builtin);
        Optional<Failure> failure = Optional.empty();
        try {
            sync.sync();
        } catch (Stop stop) {
            failure = Optional.of(stop.failure);
        } catch (RuntimeException e) {
            // A tree the model cannot read (unparsable YAML, a malformed quantity) must fail the goal with a message, not a stack trace.
            failure = Optional.of(new Failure(cluster.name(), "-", 0, new ObjectRef("", "Tree", "", "deploy"),
                    "the simulation cannot read this tree: " + e, Cause.PULSE_BUG));
        }
        return new ClusterRun(cluster.name(), failure, sync.plans, List.copyOf(state.assumed));
    }

    private void sync() {
        String cluster = state.cluster.name();
        String rootFile = "bootstrap/" + cluster + ".yaml";
        Set<String> roots = new java.util.HashSet<>();
        state.fleet.clusters().forEach(c -> roots.add("bootstrap/" + c.name() + ".yaml"));
        // bootstrap/ (Argo CD settings and grants) is applied by an administrator, who may write anything.
        List<ObjectNode> bootstrap = new ArrayList<>();
        Set<String> built = new java.util.HashSet<>();
        for (String file : source.yamlFilesUnder("bootstrap")) {
            if (roots.contains(file)) {
                continue;
            }
            // A folder with a kustomization.yaml is applied as 'oc apply -k': what it lists, not every file in it.
            Optional<String> kustomized = source.kustomizedFolder(file, "bootstrap");
            if (kustomized.isPresent()) {
                if (built.add(kustomized.get())) {
                    try {
                        bootstrap.addAll(source.build(kustomized.get()));
                    } catch (TreeSource.BuildException e) {
                        throw stop("bootstrap", 0, new ObjectRef("", "Folder", "", kustomized.get()), e.getMessage());
                    }
                }
            } else {
                bootstrap.addAll(source.file(file));
            }
        }
        for (ObjectNode object : bootstrap) {
            ObjectRef ref = ObjectRef.of(object);
            state.live.put(ref, object);
            state.appliedAt.put(ref, new ClusterState.Step("bootstrap", -1, 0));
        }
        state.assumed.add("OpenShift GitOps: the ArgoCD instance " + state.fleet.argocd().instance() + " in " + state.argocdNamespace);
        health = Health.of(bootstrap, state.argocdNamespace, state.fleet.argocd().instance(), builtin);
        rbac = Rbac.of(state, bootstrap);
        ObjectRef rootRef = new ObjectRef("argoproj.io", "Application", state.argocdNamespace, cluster + "-apps");
        if (!source.exists(rootFile)) {
            throw stop("bootstrap", 0, rootRef, "no root Application: " + rootFile + " is not in the tree");
        }
        ObjectNode root = source.file(rootFile).stream().filter(o -> o.path("kind").asText().equals("Application")).findFirst()
                .orElseThrow(() -> stop("bootstrap", 0, rootRef, rootFile + " holds no Application"));
        ObjectRef ref = ObjectRef.of(root);
        state.live.put(ref, root);
        state.appliedAt.put(ref, new ClusterState.Step("bootstrap", -1, 0));
        application(root, -1);
    }

    /** Syncs one Application to the end; returns its aggregated health (Healthy, or Suspended when something is meant to be). */
    private String application(ObjectNode app, int syncWave) {
        ObjectRef appRef = ObjectRef.of(app);
        String name = appRef.name();
        if (!appRef.namespace().equals(state.argocdNamespace)) {
            throw stop(name, 0, appRef, "the Argo CD instance in " + state.argocdNamespace + " watches Applications in its own namespace only, not in "
                    + appRef.namespace());
        }
        String repoURL = Json.text(app, "spec", "source", "repoURL");
        if (!repoURL.equals(state.fleet.git().repoURL())) {
            throw stop(name, 0, appRef, "its source repoURL " + repoURL + " is not the fleet's repository " + state.fleet.git().repoURL());
        }
        if (app.path("spec").path("syncPolicy").path("automated").isMissingNode()) {
            throw stop(name, 0, appRef, "it has no spec.syncPolicy.automated: Argo CD creates it but never syncs it on its own");
        }
        String path = treePath(Json.text(app, "spec", "source", "path"), appRef, name);
        String destination = Json.text(app, "spec", "destination", "namespace");
        boolean createNamespace = Json.texts(app, "spec", "syncPolicy", "syncOptions").contains(CREATE_NAMESPACE);
        List<ObjectNode> objects;
        try {
            objects = source.build(path);
        } catch (TreeSource.BuildException e) {
            throw stop(name, 0, appRef, e.getMessage());
        }
        List<Task> tasks = tasks(objects, destination);
        retries = !app.path("spec").path("syncPolicy").path("retry").isMissingNode();
        int planIndex = plans.size();
        plans.add(null);
        List<WavePlan> waves = new ArrayList<>();
        List<String> reboots = new ArrayList<>();
        boolean suspended = false;
        Map<String, List<Task>> groups = new LinkedHashMap<>();
        tasks.forEach(task -> groups.computeIfAbsent(task.phase() + "/" + task.wave(), k -> new ArrayList<>()).add(task));
        boolean appRetries = retries;
        try {
            int left = groups.size();
            for (List<Task> group : groups.values()) {
                retries = appRetries; // a child Application synced in the previous wave has its own policy
                suspended |= wave(name, syncWave, group, destination, createNamespace, waves, reboots, --left == 0);
            }
        } finally {
            plans.set(planIndex, new ApplicationPlan(name, syncWave, path, waves, reboots));
        }
        return suspended ? "Suspended" : "Healthy";
    }

    /** Applies one wave, syncs the child Applications in it, judges its health; true when something is Suspended as intended. */
    private boolean wave(String name, int syncWave, List<Task> group, String destination, boolean createNamespace, List<WavePlan> waves,
            List<String> reboots, boolean finalWave) {
        int wave = group.get(0).wave();
        boolean root = syncWave < 0;
        ClusterState.Step step = new ClusterState.Step(name, root ? wave : syncWave, wave);
        Map<String, List<String>> bootBefore = bootConfigs();
        List<String> waitsFor = new ArrayList<>();
        boolean suspended = false;
        try {
            applyWave(name, step, group, destination, createNamespace);
            if (!root) {
                reboots.addAll(reboots(bootBefore));
                reboots.addAll(OpenStackOperands.reboots(state, group.stream().map(Task::object).toList()));
            }
            pendingSiblings.clear();
            for (Task task : group) {
                if (task.ref().groupKind().equals("argoproj.io/Application")) {
                    try {
                        pendingSiblings.put(task.ref().name(), source.build(treePath(Json.text(task.object(), "spec", "source", "path"), task.ref(), name)));
                    } catch (TreeSource.BuildException | Stop e) {
                        // reported when that Application syncs
                    }
                }
            }
            for (Task task : group) {
                if (task.ref().groupKind().equals("argoproj.io/Application")) {
                    pendingSiblings.remove(task.ref().name());
                    ObjectNode status = Json.object();
                    status.set("health", Json.object().put("status", application(task.object(), task.wave())));
                    status.set("sync", Json.object().put("status", "Synced"));
                    childStatuses.put(task.ref(), status);
                    state.status.put(task.ref(), status);
                    state.reconciled.add(task.ref());
                }
            }
            for (Task task : group) {
                suspended |= judge(name, task, waitsFor, finalWave);
            }
        } finally {
            waves.add(new WavePlan(wave, group.stream().map(task -> task.ref().toString()).toList(), waitsFor));
        }
        return suspended;
    }

    /** Applications of the app-of-apps wave being synced that have not synced yet, with their objects. */
    private final Map<String, List<ObjectNode>> pendingSiblings = new TreeMap<>();

    /** The object in a not yet synced Application of the same app-of-apps wave that would install {@code groupKind}. */
    private Optional<String> siblingProvider(String group, String kind) {
        String groupKind = group + "/" + kind;
        Optional<String> pkg = Olm.packageServing(group, kind);
        for (Map.Entry<String, List<ObjectNode>> sibling : pendingSiblings.entrySet()) {
            for (ObjectNode object : sibling.getValue()) {
                ObjectRef ref = ObjectRef.of(object);
                boolean provides = (ref.groupKind().equals("operators.coreos.com/Subscription") && pkg.isPresent() && pkg.get().equals(Json.text(object, "spec", "name")))
                        || (ref.groupKind().equals("hco.kubevirt.io/HyperConverged") && Operands.HCO_INSTALLS.contains(groupKind))
                        || (ref.groupKind().equals("nmstate.io/NMState") && Operands.NMSTATE_INSTALLS.contains(groupKind));
                if (provides) {
                    return Optional.of(ref + " in Application " + sibling.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** Child Applications' statuses survive settles (their "controller" is this sync). */
    private final Map<ObjectRef, ObjectNode> childStatuses = new TreeMap<>();

    private void settle() {
        Controllers.settle(state);
        childStatuses.forEach((ref, status) -> {
            state.status.put(ref, status);
            state.reconciled.add(ref);
        });
    }

    /**
     * Applies a wave; what fails is retried once the cluster has settled (Applications retry with backoff), and
     * stops the sync when it still fails, or at once when the Application does not retry.
     */
    private void applyWave(String app, ClusterState.Step step, List<Task> group, String destination, boolean createNamespace) {
        Map<Task, Problem> failed = new LinkedHashMap<>();
        for (Task task : group) {
            Optional<Problem> problem = problem(step, task, destination, createNamespace);
            if (problem.isPresent()) {
                failed.put(task, problem.get());
            } else {
                apply(step, task);
            }
        }
        settle();
        for (Map.Entry<Task, Problem> first : failed.entrySet()) {
            Task task = first.getKey();
            Optional<Problem> problem = problem(step, task, destination, createNamespace);
            if (problem.isPresent()) {
                throw stop(app, step.wave(), task.ref(), problem.get().message(), problem.get().cause());
            }
            if (!retries) {
                // argo-cd controller/appcontroller.go autoSync: a failed automated sync of a revision is not attempted again.
                throw stop(app, step.wave(), task.ref(), first.getValue().message() + "; it would pass on a retry, but the Application has no"
                        + " spec.syncPolicy.retry, so Argo CD does not sync this revision again", first.getValue().cause());
            }
            apply(step, task);
            settle();
        }
    }

    private void apply(ClusterState.Step step, Task task) {
        state.live.put(task.ref(), task.object());
        state.appliedAt.put(task.ref(), step);
    }

    private record Problem(String message, Cause cause) {}

    /** Why applying {@code task} now fails, checked as the API server would: scope, kind served, namespace, RBAC, webhooks. */
    private Optional<Problem> problem(ClusterState.Step step, Task task, String destination, boolean createNamespace) {
        ObjectRef ref = task.ref();
        boolean clusterScoped = ApiKinds.clusterScoped(ref.group(), ref.kind());
        if (clusterScoped && !ref.namespace().isEmpty()) {
            return bug(ref.kind() + " is cluster-scoped, but the tree gives it metadata.namespace " + ref.namespace()
                    + ": Kustomize keeps it, the API server does not store it, and Argo CD never finds the object it applied");
        }
        if (!ApiKinds.builtIn(ref.group(), ref.kind())) {
            ObjectRef producer = state.crds.get(ref.groupKind());
            if (producer == null) {
                Optional<String> sibling = siblingProvider(ref.group(), ref.kind());
                if (sibling.isPresent()) {
                    return bug("its CRD " + ref.groupKind() + " comes from " + sibling.get() + ", which the app of apps syncs in the same wave ("
                            + step.rootWave() + "), so nothing orders the two");
                }
                String installer = ApiKinds.installedBy(ref.group(), ref.kind()).orElse("nothing the simulation knows of");
                return bug("the server could not find the requested resource: no CustomResourceDefinition serves " + ref.groupKind()
                        + " yet (SkipDryRunOnMissingResource only skips the dry run); it is installed by " + installer
                        + ", and nothing synced so far, or in this wave, provides it");
            }
            ClusterState.Step made = state.appliedAt.get(producer);
            String unawaited = state.unawaited.get(producer);
            boolean sameStep = made != null && made.application().equals(step.application()) && made.wave() == step.wave();
            if (unawaited != null && !sameStep) {
                return bug("its CRD " + ref.groupKind() + " exists only once " + producer + " (Application " + made.application() + ", wave " + made.wave()
                        + ") is reconciled, but Argo CD does not wait for that: " + unawaited + "; the sync would depend on retries winning a race");
            }
            if (made != null && made.rootWave() == step.rootWave() && !made.application().equals(step.application()) && !made.application().equals("bootstrap")) {
                return bug("its CRD " + ref.groupKind() + " comes from " + producer + " in Application " + made.application()
                        + ", which the app of apps syncs in the same wave (" + step.rootWave() + "), so nothing orders the two");
            }
        }
        String namespace = ref.namespace();
        if (!clusterScoped) {
            if (namespace.isEmpty()) {
                return bug(ref.kind() + " is namespaced, but it has no metadata.namespace and its Application no destination namespace");
            }
            if (!namespaceExists(namespace) && !(createNamespace && namespace.equals(destination))) {
                return bug("namespaces \"" + namespace + "\" not found");
            }
        }
        Optional<String> forbidden = rbac.forbidden(state, ref, clusterScoped ? "" : namespace);
        if (forbidden.isPresent()) {
            return bug(forbidden.get());
        }
        return Admission.check(state, ref, task.object()).map(message -> new Problem(message, Cause.PULSE_BUG));
    }

    private static Optional<Problem> bug(String message) {
        return Optional.of(new Problem(message, Cause.PULSE_BUG));
    }

    private boolean namespaceExists(String namespace) {
        return PRESENT_NAMESPACES.contains(namespace) || namespace.equals(state.argocdNamespace) || state.get("", "Namespace", "", namespace).isPresent();
    }

    /**
     * After the wave settled: a resource not Healthy stops the sync there (the next wave would wait forever, or the
     * Application never becomes Healthy). Suspended as the intended, reconciled state (a halted VM) passes only in
     * the Application's final wave, where gitops-engine stops waiting; the Application is then Suspended itself.
     * Records what Argo CD waits for, and marks CRD producers and Applications it would not wait for.
     *
     * @return whether the resource is Suspended as intended
     */
    private boolean judge(String app, Task task, List<String> waitsFor, boolean finalWave) {
        ObjectRef ref = task.ref();
        boolean reconciled = state.reconciled.contains(ref);
        String waiting = state.waiting.getOrDefault(ref, "");
        Optional<LuaHealth.Status> now = health.of(state.observed(ref), reconciled, waiting);
        if (now.isPresent() && !now.get().healthy()) {
            if (now.get().status().equals("Suspended") && reconciled && waiting.isEmpty()) {
                if (finalWave) {
                    return true;
                }
                throw stop(app, task.wave(), ref, "is Suspended (" + now.get().message().strip() + ") as intended, but Argo CD waits for it to be Healthy"
                        + " before the next wave, so the sync never goes on: put it in its Application's last wave");
            }
            Cause cause = state.capacityOnly.contains(ref) ? Cause.USER_INPUT : Cause.PULSE_BUG;
            throw stop(app, task.wave(), ref, "never becomes Healthy: Argo CD health " + now.get().status()
                    + (now.get().message().isBlank() ? "" : " (\"" + now.get().message().strip() + "\")") + (waiting.isEmpty() ? "" : ": " + waiting), cause);
        }
        Optional<LuaHealth.Status> before = health.of(state.unreconciled(ref), false, "not reconciled yet");
        Optional<String> checkSource = health.source(ref.group(), ref.kind());
        if (before.isPresent() && !before.get().healthy()) {
            waitsFor.add(ref + " (" + checkSource.orElse("") + ")");
            return false;
        }
        boolean child = ref.groupKind().equals("argoproj.io/Application");
        if (child || state.crds.containsValue(ref)) {
            String reason = checkSource.isEmpty() ? "Argo CD has no health check for " + ref.groupKind() + ", so it does not wait for " + ref
                    : "its health check (" + checkSource.get() + ") calls " + ref + " Healthy before it is reconciled";
            state.unawaited.put(ref, reason);
            if (child) {
                state.appliedAt.forEach((applied, step) -> {
                    if (step.application().equals(ref.name()) && state.crds.containsValue(applied)) {
                        state.unawaited.putIfAbsent(applied, "the app of apps does not wait for Application " + ref.name() + ": " + reason);
                    }
                });
            }
        }
        return false;
    }

    private Map<String, List<String>> bootConfigs() {
        Map<String, List<String>> configs = new TreeMap<>();
        state.nodes.values().forEach(node -> {
            List<String> config = new ArrayList<>(node.machineConfigs);
            node.vfReboots.forEach(vf -> config.add("SR-IOV " + vf));
            configs.put(node.name, config);
        });
        return configs;
    }

    /** Nodes whose machine config or boot-time VF count changed: MCO and the SR-IOV daemon reboot them; with what changed. */
    private List<String> reboots(Map<String, List<String>> before) {
        List<String> reboots = new ArrayList<>();
        bootConfigs().forEach((node, config) -> {
            List<String> added = config.stream().filter(item -> !before.get(node).contains(item)).toList();
            List<String> removed = before.get(node).stream().filter(item -> !config.contains(item)).map(item -> "no more " + item).toList();
            if (!added.isEmpty() || !removed.isEmpty()) {
                List<String> changes = new ArrayList<>(added);
                changes.addAll(removed);
                reboots.add(node + " (" + String.join(", ", changes) + ")");
            }
        });
        return reboots;
    }

    /** The tree folder of an Application's source path: the fleet's git path is the tree root. */
    private String treePath(String sourcePath, ObjectRef appRef, String app) {
        String root = TreeSource.normalise(state.fleet.git().path().equals(".") ? "" : state.fleet.git().path());
        String normalised = TreeSource.normalise(sourcePath);
        if (root.isEmpty()) {
            return normalised;
        }
        if (!normalised.startsWith(root + "/")) {
            throw stop(app, 0, appRef, "its source path " + sourcePath + " is outside the rendered tree (" + root + "/)");
        }
        return normalised.substring(root.length() + 1);
    }

    /** Sync tasks in gitops-engine's order, namespaces moved before the first resource in them (sync_tasks.go adjustDeps). */
    private List<Task> tasks(List<ObjectNode> objects, String destination) {
        List<Task> tasks = new ArrayList<>();
        for (ObjectNode object : objects) {
            ObjectRef ref = ObjectRef.of(object);
            if (ref.namespace().isEmpty() && !ApiKinds.clusterScoped(ref.group(), ref.kind()) && !destination.isEmpty()) {
                ref = new ObjectRef(ref.group(), ref.kind(), destination, ref.name());
                object = object.deepCopy();
                ((ObjectNode) object.path("metadata")).put("namespace", destination);
            }
            String hook = Json.annotation(object, "argocd.argoproj.io/hook");
            int wave = parseWave(Json.annotation(object, "argocd.argoproj.io/sync-wave"));
            tasks.add(new Task(object, ref, KindOrder.phase(hook), wave));
        }
        tasks.sort(Comparator.comparingInt(Task::phase).thenComparingInt(Task::wave).thenComparingInt(t -> KindOrder.of(t.ref().kind()))
                .thenComparing(t -> t.ref().name()));
        List<Task> ordered = new ArrayList<>(tasks);
        Map<String, Integer> firstUse = new TreeMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Task task = ordered.get(i);
            if (task.ref().groupKind().equals("/Namespace")) {
                Integer index = firstUse.get(task.ref().name());
                if (index != null) {
                    Task user = ordered.get(index);
                    ordered.remove(i);
                    ordered.add(index, new Task(task.object(), task.ref(), user.phase(), user.wave()));
                    int at = index;
                    firstUse.replaceAll((ns, first) -> first >= at ? first + 1 : first);
                }
            } else if (!task.ref().namespace().isEmpty()) {
                firstUse.putIfAbsent(task.ref().namespace(), i);
            }
        }
        return ordered;
    }

    /** {@code argocd.argoproj.io/sync-wave}: an integer, 0 when absent (gitops-engine pkg/sync/syncwaves). */
    private static int parseWave(String text) {
        try {
            return text.isBlank() ? 0 : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Stop stop(String app, int wave, ObjectRef ref, String message) {
        return stop(app, wave, ref, message, Cause.PULSE_BUG);
    }

    private Stop stop(String app, int wave, ObjectRef ref, String message, Cause cause) {
        return new Stop(new Failure(state.cluster.name(), app, wave, ref, message, cause));
    }
}
