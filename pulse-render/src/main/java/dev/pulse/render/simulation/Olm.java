package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operator Lifecycle Manager: a Subscription to a package makes OLM resolve its bundle from the catalog, and
 * the InstallPlan creates the bundle's owned CRDs; the operator runs only when its namespace has exactly one
 * OperatorGroup (operator-framework/operator-lifecycle-manager pkg/controller/operators/olm/operator.go:
 * "csv created in namespace with no operatorgroups", "csv created in namespace with multiple operatorgroups").
 * Owned CRDs per bundle below are those of the bundles' ClusterServiceVersions (spec.customresourcedefinitions.owned);
 * KubeVirt's and CDI's own kinds are not in the HCO bundle: virt-operator and cdi-operator create them once the
 * HyperConverged is reconciled ({@link Operands}).
 */
final class Olm {

    /** A bundle: the catalog that serves it and the group/Kinds of its owned CRDs. */
    record Bundle(String catalog, List<String> ownedCrds) {}

    static final Map<String, Bundle> PACKAGES = Map.ofEntries(
            // openstack-k8s-operators/openstack-operator config/manifests/bases/openstack-operator.clusterserviceversion.yaml;
            // the service operators' kinds come from its OpenStack CR (OpenStackOperands)
            Map.entry("openstack-operator", new Bundle("redhat-operators", List.of("operator.openstack.org/OpenStack",
                    "core.openstack.org/OpenStackControlPlane", "core.openstack.org/OpenStackVersion", "client.openstack.org/OpenStackClient",
                    "backup.openstack.org/OpenStackBackupConfig", "dataplane.openstack.org/OpenStackDataPlaneNodeSet",
                    "dataplane.openstack.org/OpenStackDataPlaneDeployment", "dataplane.openstack.org/OpenStackDataPlaneService"))),
            // cert-manager Operator for Red Hat OpenShift: the olm.providedAPIs of openstack-k8s-operators/architecture
            // lib/olm-deps/cert_manager_operatorgroup.yaml
            Map.entry("openshift-cert-manager-operator", new Bundle("redhat-operators", List.of("operator.openshift.io/CertManager",
                    "cert-manager.io/Certificate", "cert-manager.io/CertificateRequest", "cert-manager.io/ClusterIssuer", "cert-manager.io/Issuer",
                    "acme.cert-manager.io/Challenge", "acme.cert-manager.io/Order"))),
            // kubevirt/hyperconverged-cluster-operator deploy/olm-catalog: HyperConverged plus the component operators' configs
            Map.entry("kubevirt-hyperconverged", new Bundle("redhat-operators", List.of("hco.kubevirt.io/HyperConverged", "kubevirt.io/KubeVirt",
                    "cdi.kubevirt.io/CDI", "networkaddonsoperator.network.kubevirt.io/NetworkAddonsConfig", "ssp.kubevirt.io/SSP",
                    "hostpathprovisioner.kubevirt.io/HostPathProvisioner", "aaq.kubevirt.io/AAQ"))),
            // NVIDIA/gpu-operator bundle/manifests
            Map.entry("gpu-operator-certified", new Bundle("certified-operators", List.of("nvidia.com/ClusterPolicy", "nvidia.com/NVIDIADriver"))),
            // k8snetworkplumbingwg/sriov-network-operator bundle/manifests
            Map.entry("sriov-network-operator", new Bundle("redhat-operators", List.of("sriovnetwork.openshift.io/SriovNetworkNodePolicy",
                    "sriovnetwork.openshift.io/SriovNetwork", "sriovnetwork.openshift.io/SriovIBNetwork", "sriovnetwork.openshift.io/OVSNetwork",
                    "sriovnetwork.openshift.io/SriovOperatorConfig", "sriovnetwork.openshift.io/SriovNetworkNodeState",
                    "sriovnetwork.openshift.io/SriovNetworkPoolConfig"))),
            // openshift/cluster-nfd-operator bundle/manifests
            Map.entry("nfd", new Bundle("redhat-operators", List.of("nfd.openshift.io/NodeFeatureDiscovery", "nfd.k8s-sigs.io/NodeFeatureRule",
                    "nfd.k8s-sigs.io/NodeFeature", "nfd.k8s-sigs.io/NodeFeatureGroup"))),
            // openshift/kubernetes-nmstate manifests: the operator bundle owns NMState only; the handler's CRDs come later
            Map.entry("kubernetes-nmstate-operator", new Bundle("redhat-operators", List.of("nmstate.io/NMState"))),
            // openshift/lvm-operator bundle/manifests
            Map.entry("lvms-operator", new Bundle("redhat-operators", List.of("lvm.topolvm.io/LVMCluster", "lvm.topolvm.io/LVMVolumeGroup",
                    "lvm.topolvm.io/LVMVolumeGroupNodeStatus", "lvm.topolvm.io/LogicalVolume"))),
            // openshift/local-storage-operator
            Map.entry("local-storage-operator", new Bundle("redhat-operators", List.of("local.storage.openshift.io/LocalVolume",
                    "local.storage.openshift.io/LocalVolumeSet", "local.storage.openshift.io/LocalVolumeDiscovery"))),
            // red-hat-storage/odf-operator (dependencies install ocs-operator's StorageCluster)
            Map.entry("odf-operator", new Bundle("redhat-operators", List.of("odf.openshift.io/StorageSystem", "ocs.openshift.io/StorageCluster"))),
            // metallb/metallb-operator
            Map.entry("metallb-operator", new Bundle("redhat-operators", List.of("metallb.io/MetalLB", "metallb.io/IPAddressPool", "metallb.io/L2Advertisement"))));

    private Olm() {}

    static Optional<String> packageServing(String group, String kind) {
        String groupKind = group + "/" + kind;
        return PACKAGES.entrySet().stream().filter(e -> e.getValue().ownedCrds().contains(groupKind)).map(Map.Entry::getKey).sorted().findFirst();
    }

    /** Resolves every Subscription: owned CRDs appear, the operator runs where an OperatorGroup allows it. */
    static void reconcile(ClusterState state) {
        for (ObjectNode subscription : state.liveOf("operators.coreos.com", "Subscription")) {
            ObjectRef ref = ObjectRef.of(subscription);
            String pkg = Json.text(subscription, "spec", "name");
            String source = Json.text(subscription, "spec", "source");
            Bundle bundle = PACKAGES.get(pkg);
            ObjectNode status = Json.object();
            if (bundle == null) {
                status.set("conditions", Json.array().add(Json.condition("ResolutionFailed", true, "ConstraintsNotSatisfiable",
                        "no operator found in package " + pkg + " (unknown to the simulation's catalog table)")));
                state.setStatus(ref, status, false, "package " + pkg + " is not in the simulation's OLM table (Olm.PACKAGES)");
                continue;
            }
            if (!bundle.catalog().equals(source)) {
                status.set("conditions", Json.array().add(Json.condition("ResolutionFailed", true, "ConstraintsNotSatisfiable",
                        "no operators found from catalog " + source + " in namespace openshift-marketplace referenced by subscription " + ref.name())));
                state.setStatus(ref, status, false, "package " + pkg + " is served by catalog " + bundle.catalog() + ", not " + source);
                continue;
            }
            state.assumed.add("CatalogSource " + source + " in openshift-marketplace (OpenShift's default catalogs)");
            long groups = state.liveOf("operators.coreos.com", "OperatorGroup").stream()
                    .filter(group -> Json.text(group, "metadata", "namespace").equals(ref.namespace())).count();
            bundle.ownedCrds().forEach(crd -> state.crds.putIfAbsent(crd, ref));
            status.set("conditions", Json.array().add(Json.condition("CatalogSourcesUnhealthy", false, "AllCatalogSourcesHealthy", "all available catalogsources are healthy")));
            status.put("state", "AtLatestKnown");
            status.put("installedCSV", pkg + ".v0.0.0-simulated");
            status.put("currentCSV", pkg + ".v0.0.0-simulated");
            state.setStatus(ref, status, true, "");
            if (groups == 1) {
                state.operators.put(pkg, ref.namespace());
            } else {
                // The InstallPlan still creates the CRDs; the CSV fails and no operator pod runs.
                state.notRunning.put(pkg, groups == 0 ? "csv created in namespace with no operatorgroups (" + ref.namespace() + ")"
                        : "csv created in namespace with multiple operatorgroups (" + ref.namespace() + ")");
            }
        }
    }
}
