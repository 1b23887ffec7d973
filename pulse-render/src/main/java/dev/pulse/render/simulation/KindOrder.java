package dev.pulse.render.simulation;

import java.util.List;

/**
 * The order Argo CD applies a wave's resources in: argoproj/gitops-engine pkg/sync/sync_tasks.go sorts tasks by
 * phase, then wave, then {@code kindOrder} (Helm's install order; kinds not listed, custom resources among
 * them, come after every listed kind), then name.
 */
final class KindOrder {

    /** gitops-engine pkg/sync/sync_tasks.go kindOrder, in its order. */
    static final List<String> KINDS = List.of("Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
            "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition",
            "ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service",
            "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
            "IngressClass", "Ingress", "APIService");

    private KindOrder() {}

    /** Negative for listed kinds (earlier first), 0 for the rest, as gitops-engine numbers them. */
    static int of(String kind) {
        int index = KINDS.indexOf(kind);
        return index < 0 ? 0 : index - KINDS.size();
    }

    /** The sync phase of a resource from its hook annotation: PreSync -1, Sync 0, PostSync 1 (sync_tasks.go syncPhaseOrder). */
    static int phase(String hook) {
        return switch (hook) {
            case "PreSync" -> -1;
            case "PostSync" -> 1;
            case "SyncFail" -> 2;
            default -> 0;
        };
    }
}
