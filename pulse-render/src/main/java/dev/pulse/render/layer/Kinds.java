package dev.pulse.render.layer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind Pulse writes, with what the API server knows of it and the YAML does not say: its resource
 * name (for RBAC rules) and whether it lives in a namespace. Cluster-scoped kinds must be written without
 * a namespace, and the Argo CD controller needs a rule for each (group, resource) the tree writes.
 */
public final class Kinds {

    /**
     * One kind.
     *
     * @param group API group, {@code ""} for core
     * @param kind kind
     * @param resource the plural resource name RBAC rules use
     * @param namespaced whether objects of the kind live in a namespace
     */
    public record Kind(String group, String kind, String resource, boolean namespaced) {}

    // Scopes and plurals as each CRD declares them: Kubernetes core/rbac API; operator-framework/api
    // (OperatorGroup, Subscription: Namespaced); openshift/api machineconfiguration/v1 (MachineConfig,
    // MachineConfigPool: Cluster); cluster-node-tuning-operator manifests/20-performance-profile.crd.yaml
    // (Cluster); node-feature-discovery deployment/base/nfd-crds (NodeFeatureRule: Cluster);
    // cluster-nfd-operator config/crd/bases (NodeFeatureDiscovery: Namespaced); hyperconverged-cluster-operator
    // config/crd/bases (Namespaced); NVIDIA gpu-operator bundle (ClusterPolicy: Cluster); sriov-network-operator
    // config/crd/bases (all Namespaced); kubernetes-nmstate deploy/crds (NMState, NNCP: Cluster);
    // network-attachment-definition-client (Namespaced); kubevirt (VirtualMachine: Namespaced); argocd-operator
    // and argo-cd CRDs (Namespaced); openstack-operator config/crd/bases and bindata/crds (OpenStack,
    // OpenStackControlPlane, OpenStackDataPlaneNodeSet/Deployment/Service, NetConfig: all Namespaced).
    private static final List<Kind> ALL = List.of(
            new Kind("", "Namespace", "namespaces", false),
            new Kind("", "PersistentVolume", "persistentvolumes", false),
            new Kind("", "PersistentVolumeClaim", "persistentvolumeclaims", true),
            new Kind("", "Secret", "secrets", true),
            new Kind("", "ConfigMap", "configmaps", true),
            new Kind("batch", "Job", "jobs", true),
            new Kind("operator.openstack.org", "OpenStack", "openstacks", true),
            new Kind("core.openstack.org", "OpenStackControlPlane", "openstackcontrolplanes", true),
            new Kind("network.openstack.org", "NetConfig", "netconfigs", true),
            new Kind("dataplane.openstack.org", "OpenStackDataPlaneNodeSet", "openstackdataplanenodesets", true),
            new Kind("dataplane.openstack.org", "OpenStackDataPlaneDeployment", "openstackdataplanedeployments", true),
            new Kind("dataplane.openstack.org", "OpenStackDataPlaneService", "openstackdataplaneservices", true),
            new Kind("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", false),
            new Kind("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", false),
            new Kind("operators.coreos.com", "OperatorGroup", "operatorgroups", true),
            new Kind("operators.coreos.com", "Subscription", "subscriptions", true),
            new Kind("machineconfiguration.openshift.io", "MachineConfig", "machineconfigs", false),
            new Kind("machineconfiguration.openshift.io", "MachineConfigPool", "machineconfigpools", false),
            new Kind("performance.openshift.io", "PerformanceProfile", "performanceprofiles", false),
            new Kind("nfd.k8s-sigs.io", "NodeFeatureRule", "nodefeaturerules", false),
            new Kind("nfd.openshift.io", "NodeFeatureDiscovery", "nodefeaturediscoveries", true),
            new Kind("hco.kubevirt.io", "HyperConverged", "hyperconvergeds", true),
            new Kind("nvidia.com", "ClusterPolicy", "clusterpolicies", false),
            new Kind("sriovnetwork.openshift.io", "SriovOperatorConfig", "sriovoperatorconfigs", true),
            new Kind("sriovnetwork.openshift.io", "SriovNetworkNodePolicy", "sriovnetworknodepolicies", true),
            new Kind("sriovnetwork.openshift.io", "SriovNetwork", "sriovnetworks", true),
            new Kind("nmstate.io", "NMState", "nmstates", false),
            new Kind("nmstate.io", "NodeNetworkConfigurationPolicy", "nodenetworkconfigurationpolicies", false),
            new Kind("k8s.cni.cncf.io", "NetworkAttachmentDefinition", "network-attachment-definitions", true),
            new Kind("kubevirt.io", "VirtualMachine", "virtualmachines", true),
            // openshift/lvm-operator config/crd/bases/lvm.topolvm.io_lvmclusters.yaml, openshift/local-storage-operator
            // config/manifests (localvolumes), red-hat-storage/ocs-operator config/crd/bases/ocs.openshift.io_storageclusters.yaml:
            // all Namespaced
            new Kind("lvm.topolvm.io", "LVMCluster", "lvmclusters", true),
            new Kind("local.storage.openshift.io", "LocalVolume", "localvolumes", true),
            new Kind("ocs.openshift.io", "StorageCluster", "storageclusters", true),
            new Kind("cdi.kubevirt.io", "DataVolume", "datavolumes", true),
            new Kind("argoproj.io", "Application", "applications", true),
            new Kind("argoproj.io", "ArgoCD", "argocds", true));

    private static final Map<String, Kind> BY_KEY = ALL.stream().collect(Collectors.toMap(k -> key(k.group(), k.kind()), Function.identity()));

    private Kinds() {}

    /**
     * The kind of an object with {@code apiVersion} and {@code kind}.
     *
     * @throws IllegalStateException for a kind not listed here: a layer that writes a new kind must add it
     */
    public static Kind of(String apiVersion, String kind) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        Kind known = BY_KEY.get(key(group, kind));
        if (known == null) {
            throw new IllegalStateException("Pulse writes " + apiVersion + " " + kind + " but dev.pulse.render.layer.Kinds does not list it");
        }
        return known;
    }

    private static String key(String group, String kind) {
        return group + "/" + kind;
    }
}
