package dev.pulse.render.argocd;

import dev.pulse.model.ResolvedCluster;
import dev.pulse.model.Fleet;
import dev.pulse.render.layer.Layer;
import dev.pulse.render.layer.Resources;
import dev.pulse.render.layer.SyncWaves;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;

/**
 * Builds the Argo CD Applications: one per cluster and layer under {@code apps/<cluster>/}, and the root
 * Application (app of apps) under {@code bootstrap/} that syncs them. Every Application syncs
 * automatically, prunes what the model dropped, heals drift, and retries with backoff, since CRDs and
 * rebooting nodes take minutes to come up.
 */
public final class Applications {

    /** Argo CD's own cluster, where Application objects live. */
    public static final String IN_CLUSTER = "https://kubernetes.default.svc";

    private static final Application.Retry RETRY = new Application.Retry(10, new Application.Backoff("30s", 2, "10m"));

    /**
     * Layers that wait for nodes (MachineConfig rollouts reboot one node at a time; SR-IOV firmware changes reboot
     * too; the SR-IOV webhook refuses policies until node states exist) retry without a limit, since no count
     * outlasts every fleet's reboots: Argo CD reads a negative limit as unlimited (argo-cd
     * docs/operator-manual/application.yaml; controller/appcontroller.go). Failures still show on the Application.
     */
    private static final Application.Retry RETRY_UNTIL_NODES_SETTLE = new Application.Retry(-1, new Application.Backoff("30s", 2, "5m"));

    private static final Application.SyncPolicy SYNC_POLICY = new Application.SyncPolicy(new Application.Automated(true, true), List.of(), RETRY);

    private Applications() {}

    /** The Application that syncs {@code overlays/<cluster>/<layer>} to the cluster, in its layer's wave. */
    public static HasMetadata layer(Fleet fleet, ResolvedCluster cluster, SyncWaves.Entry entry) {
        String layer = entry.layer().name();
        int wave = entry.wave();
        List<Layer.IgnoredDifference> ignored = entry.layer().ignoredDifferences();
        Application.Retry retry = entry.waitsForNodes() ? RETRY_UNTIL_NODES_SETTLE : RETRY;
        ObjectMeta metadata = Resources.metadata(fleet.argocd().namespace(), cluster.name() + "-" + layer, fleet.name(),
                Map.of("pulse.dev/cluster", cluster.name(), "pulse.dev/layer", layer));
        metadata.setAnnotations(Map.of(SyncWaves.WAVE_ANNOTATION, Integer.toString(wave)));
        return Resources.custom(Application.API_VERSION, Application.KIND, metadata, new Application.Spec(
                fleet.argocd().project(),
                source(fleet, "overlays/" + cluster.name() + "/" + layer),
                new Application.Destination(cluster.server(), null),
                new Application.SyncPolicy(SYNC_POLICY.automated(), ignored.isEmpty() ? List.of() : List.of("RespectIgnoreDifferences=true"), retry),
                ignored.stream().map(i -> new Application.IgnoreDifferences(i.group(), i.kind(), i.jsonPointers())).toList()));
    }

    /** The root Application of a cluster: syncs {@code apps/<cluster>} into Argo CD's namespace. */
    public static HasMetadata root(Fleet fleet, ResolvedCluster cluster) {
        ObjectMeta metadata = Resources.metadata(fleet.argocd().namespace(), cluster.name() + "-apps", fleet.name(),
                Map.of("pulse.dev/cluster", cluster.name()));
        return Resources.custom(Application.API_VERSION, Application.KIND, metadata, new Application.Spec(
                fleet.argocd().project(),
                source(fleet, "apps/" + cluster.name()),
                new Application.Destination(IN_CLUSTER, fleet.argocd().namespace()),
                SYNC_POLICY, List.of()));
    }

    private static Application.Source source(Fleet fleet, String pathInTree) {
        String root = fleet.git().path();
        String path = root.isEmpty() || root.equals(".") ? pathInTree : stripSlashes(root) + "/" + pathInTree;
        return new Application.Source(fleet.git().repoURL(), fleet.git().targetRevision(), path);
    }

    private static String stripSlashes(String path) {
        String stripped = path;
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped.startsWith("./") ? stripped.substring(2) : stripped;
    }
}
