package dev.pulse.render.simulation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the API server knows about kinds, independently of how Pulse renders them: whether a kind is
 * cluster-scoped, which kinds exist on OpenShift from the start, and a kind's resource name (for RBAC).
 * Scopes are those of the upstream CRDs and Kubernetes types: e.g. NodeFeatureRule is cluster-scoped
 * (kubernetes-sigs/node-feature-discovery deployment/base/nfd-crds/nfd-api-crds.yaml, {@code scope: Cluster}),
 * NodeFeatureDiscovery namespaced (openshift/cluster-nfd-operator config/crd), HyperConverged namespaced
 * (kubevirt/hyperconverged-cluster-operator deploy/crds), ClusterPolicy cluster-scoped (NVIDIA/gpu-operator
 * bundle manifests), NMState and NodeNetworkConfigurationPolicy cluster-scoped (nmstate/kubernetes-nmstate
 * api/v1), PerformanceProfile cluster-scoped (openshift/cluster-node-tuning-operator).
 */
final class ApiKinds {

    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "/Namespace", "/Node", "/PersistentVolume", "/ComponentStatus",
            "storage.k8s.io/StorageClass", "storage.k8s.io/CSIDriver", "storage.k8s.io/VolumeAttachment",
            "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
            "apiextensions.k8s.io/CustomResourceDefinition", "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
            "admissionregistration.k8s.io/MutatingWebhookConfiguration", "scheduling.k8s.io/PriorityClass",
            "machineconfiguration.openshift.io/MachineConfig", "machineconfiguration.openshift.io/MachineConfigPool",
            "machineconfiguration.openshift.io/KubeletConfig", "machineconfiguration.openshift.io/ContainerRuntimeConfig",
            "performance.openshift.io/PerformanceProfile", "config.openshift.io/ClusterVersion",
            "nfd.k8s-sigs.io/NodeFeatureRule", "nfd.k8s-sigs.io/NodeFeatureGroup",
            "nmstate.io/NMState", "nmstate.io/NodeNetworkConfigurationPolicy", "nmstate.io/NodeNetworkState",
            "nmstate.io/NodeNetworkConfigurationEnactment",
            "nvidia.com/ClusterPolicy", "nvidia.com/NVIDIADriver",
            "instancetype.kubevirt.io/VirtualMachineClusterInstancetype", "instancetype.kubevirt.io/VirtualMachineClusterPreference",
            "migrations.kubevirt.io/MigrationPolicy", "cdi.kubevirt.io/CDI", "cdi.kubevirt.io/CDIConfig", "cdi.kubevirt.io/StorageProfile",
            "operators.coreos.com/Operator", "operators.coreos.com/OLMConfig", "local.storage.openshift.io/LocalVolumeDiscoveryResult",
            "lvm.topolvm.io/LogicalVolume", "metallb.io/Community");

    /**
     * Groups served on OpenShift before anything is installed: Kubernetes, OpenShift's own operators (MCO,
     * Node Tuning Operator's PerformanceProfile), Multus' NetworkAttachmentDefinition (cluster network operator),
     * and Argo CD's kinds (OpenShift GitOps is installed before bootstrap/ is applied).
     */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "rbac.authorization.k8s.io", "storage.k8s.io",
            "apiextensions.k8s.io", "admissionregistration.k8s.io", "networking.k8s.io", "policy", "scheduling.k8s.io", "coordination.k8s.io",
            "machineconfiguration.openshift.io", "performance.openshift.io", "config.openshift.io", "operator.openshift.io",
            "k8s.cni.cncf.io", "argoproj.io", "operators.coreos.com", "security.openshift.io", "route.openshift.io");

    /** Resource names that are not the lower-case kind plus "s"/"es"/"ies". */
    private static final Map<String, String> IRREGULAR_PLURALS = Map.of("Endpoints", "endpoints", "NetworkAttachmentDefinition",
            "network-attachment-definitions");

    private ApiKinds() {}

    static boolean clusterScoped(String group, String kind) {
        return CLUSTER_SCOPED.contains(group + "/" + kind);
    }

    /** Whether the kind is served without any operator: OpenShift's own and core kinds. */
    static boolean builtIn(String group, String kind) {
        return BUILT_IN_GROUPS.contains(group);
    }

    /** The resource (plural) name RBAC rules name, e.g. {@code nodenetworkconfigurationpolicies}. */
    static String resource(String kind) {
        String irregular = IRREGULAR_PLURALS.get(kind);
        if (irregular != null) {
            return irregular;
        }
        String lower = kind.toLowerCase(Locale.ROOT);
        if (lower.endsWith("y") && !lower.endsWith("ay") && !lower.endsWith("ey") && !lower.endsWith("oy")) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
            return lower + "es";
        }
        return lower + "s";
    }

    /** Who installs the CRD of a kind that is not built in, for messages. */
    static Optional<String> installedBy(String group, String kind) {
        Optional<String> olm = Olm.packageServing(group, kind).map(pkg -> "OLM, for a Subscription to package " + pkg);
        if (olm.isPresent()) {
            return olm;
        }
        return Operands.installerOf(group, kind).or(() -> OpenStackOperands.installerOf(group, kind));
    }
}
