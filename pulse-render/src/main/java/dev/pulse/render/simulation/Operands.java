package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The operators' own custom resources (operands): when the operator runs and the instance is one it
 * reconciles, it reports ready and may install more kinds.
 */
final class Operands {

    /**
     * Kinds virt-operator and cdi-operator create once HCO deploys them (kubevirt/kubevirt
     * pkg/virt-operator/resource/generate/components/crds.go; kubevirt/containerized-data-importer pkg/operator/resources).
     */
    static final List<String> HCO_INSTALLS = List.of("kubevirt.io/VirtualMachine", "kubevirt.io/VirtualMachineInstance",
            "kubevirt.io/VirtualMachineInstanceMigration", "kubevirt.io/VirtualMachineInstanceReplicaSet", "kubevirt.io/VirtualMachineInstancePreset",
            "pool.kubevirt.io/VirtualMachinePool", "snapshot.kubevirt.io/VirtualMachineSnapshot", "snapshot.kubevirt.io/VirtualMachineRestore",
            "snapshot.kubevirt.io/VirtualMachineSnapshotContent", "export.kubevirt.io/VirtualMachineExport", "clone.kubevirt.io/VirtualMachineClone",
            "migrations.kubevirt.io/MigrationPolicy", "instancetype.kubevirt.io/VirtualMachineInstancetype",
            "instancetype.kubevirt.io/VirtualMachineClusterInstancetype", "instancetype.kubevirt.io/VirtualMachinePreference",
            "instancetype.kubevirt.io/VirtualMachineClusterPreference", "cdi.kubevirt.io/DataVolume", "cdi.kubevirt.io/DataSource",
            "cdi.kubevirt.io/DataImportCron", "cdi.kubevirt.io/StorageProfile", "cdi.kubevirt.io/CDIConfig", "cdi.kubevirt.io/ObjectTransfer",
            "cdi.kubevirt.io/VolumeImportSource", "cdi.kubevirt.io/VolumeUploadSource", "cdi.kubevirt.io/VolumeCloneSource");

    /** Kinds the NMState handler's deployment brings (openshift/kubernetes-nmstate controllers/operator/nmstate_controller.go applies bindata/kubernetes-nmstate/crds). */
    static final List<String> NMSTATE_INSTALLS = List.of("nmstate.io/NodeNetworkConfigurationPolicy", "nmstate.io/NodeNetworkState",
            "nmstate.io/NodeNetworkConfigurationEnactment");

    static final String HCO_NAME = "kubevirt-hyperconverged";
    static final String NMSTATE_NAME = "nmstate";
    static final String SRIOV_CONFIG_NAME = "default";

    private Operands() {}

    static Optional<String> installerOf(String group, String kind) {
        String groupKind = group + "/" + kind;
        if (HCO_INSTALLS.contains(groupKind)) {
            return Optional.of("OpenShift Virtualization, once HyperConverged " + HCO_NAME + " is reconciled");
        }
        if (NMSTATE_INSTALLS.contains(groupKind)) {
            return Optional.of("the NMState operator, once the NMState named " + NMSTATE_NAME + " is reconciled");
        }
        return Optional.empty();
    }

    /** Why the operator of {@code pkg} does not reconcile objects in {@code namespace} ("" for cluster-scoped ones), if it does not. */
    static Optional<String> operatorMissing(ClusterState state, String pkg, String namespace) {
        String running = state.operators.get(pkg);
        if (running == null) {
            String why = state.notRunning.get(pkg);
            return Optional.of(why != null ? "the " + pkg + " operator does not run: " + why : "no Subscription installs the " + pkg + " operator");
        }
        if (!namespace.isEmpty() && !namespace.equals(running)) {
            return Optional.of("the " + pkg + " operator runs in " + running + " and watches only that namespace, not " + namespace);
        }
        return Optional.empty();
    }

    /** NMState, HyperConverged, NodeFeatureDiscovery, SriovOperatorConfig, SriovNetwork and the NADs they make. */
    static void reconcile(ClusterState state) {
        // openshift/kubernetes-nmstate controllers/operator/nmstate_controller.go: only the instance named "nmstate" is deployed.
        for (ObjectNode nmstate : state.liveOf("nmstate.io", "NMState")) {
            ObjectRef ref = ObjectRef.of(nmstate);
            Optional<String> missing = operatorMissing(state, "kubernetes-nmstate-operator", "");
            if (missing.isPresent()) {
                state.setStatus(ref, Json.object(), false, missing.get());
            } else if (!ref.name().equals(NMSTATE_NAME)) {
                state.setStatus(ref, Json.object(), false, "the NMState operator reconciles only the NMState named " + NMSTATE_NAME + ", not " + ref.name());
            } else {
                NMSTATE_INSTALLS.forEach(crd -> state.crds.putIfAbsent(crd, ref));
                state.setStatus(ref, conditions(true), true, "");
            }
        }
        // kubevirt/hyperconverged-cluster-operator: the HyperConverged must be named kubevirt-hyperconverged, in the operator's namespace.
        for (ObjectNode hco : state.liveOf("hco.kubevirt.io", "HyperConverged")) {
            ObjectRef ref = ObjectRef.of(hco);
            Optional<String> missing = operatorMissing(state, "kubevirt-hyperconverged", ref.namespace());
            if (missing.isPresent()) {
                state.setStatus(ref, Json.object(), false, missing.get());
            } else if (!ref.name().equals(HCO_NAME)) {
                state.setStatus(ref, Json.object(), false, "HCO reconciles only the HyperConverged named " + HCO_NAME);
            } else {
                HCO_INSTALLS.forEach(crd -> state.crds.putIfAbsent(crd, ref));
                ObjectNode status = Json.object();
                status.set("conditions", Json.array().add(Json.condition("ReconcileComplete", true, "ReconcileCompleted", "Reconcile completed successfully"))
                        .add(Json.condition("Available", true, "ReconcileCompleted", "Reconcile completed successfully"))
                        .add(Json.condition("Progressing", false, "ReconcileCompleted", "Reconcile completed successfully"))
                        .add(Json.condition("Degraded", false, "ReconcileCompleted", "Reconcile completed successfully"))
                        .add(Json.condition("Upgradeable", true, "ReconcileCompleted", "Reconcile completed successfully")));
                status.put("observedGeneration", 1);
                state.setStatus(ref, status, true, "");
            }
        }
        // openshift/cluster-nfd-operator: the operator watches its own namespace and deploys nfd-master/worker for the instance.
        for (ObjectNode nfd : state.liveOf("nfd.openshift.io", "NodeFeatureDiscovery")) {
            ObjectRef ref = ObjectRef.of(nfd);
            Optional<String> missing = operatorMissing(state, "nfd", ref.namespace());
            if (missing.isPresent()) {
                state.setStatus(ref, Json.object(), false, missing.get());
            } else {
                state.setStatus(ref, conditions(true), true, "");
            }
        }
        sriov(state);
        for (ObjectNode nad : state.liveOf("k8s.cni.cncf.io", "NetworkAttachmentDefinition")) {
            state.attachments.put(Json.text(nad, "metadata", "namespace") + "/" + Json.text(nad, "metadata", "name"),
                    Json.annotation(nad, "k8s.v1.cni.cncf.io/resourceName"));
        }
    }

    /**
     * SR-IOV Network Operator (k8snetworkplumbingwg/sriov-network-operator): it reconciles only the
     * SriovOperatorConfig named {@code default} in its namespace, and creates that one itself at start-up when
     * absent (main.go createDefaultOperatorConfig); SriovNetworks in its namespace become
     * NetworkAttachmentDefinitions in {@code networkNamespace} requesting {@code openshift.io/<resourceName>}
     * (controllers/sriovnetwork_controller.go).
     */
    private static void sriov(ClusterState state) {
        String namespace = state.operators.get("sriov-network-operator");
        for (ObjectNode config : state.liveOf("sriovnetwork.openshift.io", "SriovOperatorConfig")) {
            ObjectRef ref = ObjectRef.of(config);
            Optional<String> missing = operatorMissing(state, "sriov-network-operator", ref.namespace());
            if (missing.isPresent() || !ref.name().equals(SRIOV_CONFIG_NAME)) {
                state.setStatus(ref, Json.object(), false, missing.orElse("the SR-IOV operator reconciles only the SriovOperatorConfig named default"));
                continue;
            }
            ObjectNode status = Json.object();
            boolean webhook = !config.path("spec").path("enableOperatorWebhook").isBoolean() || config.path("spec").path("enableOperatorWebhook").asBoolean();
            status.put("operatorWebhook", webhook ? "Enabled" : "Disabled");
            state.setStatus(ref, status, true, "");
            state.sriovWebhook = webhook;
        }
        if (namespace == null) {
            return;
        }
        if (state.get("sriovnetwork.openshift.io", "SriovOperatorConfig", namespace, SRIOV_CONFIG_NAME).isEmpty()) {
            state.sriovWebhook = true; // the operator's own default config enables the webhook
        }
        for (ObjectNode network : state.liveOf("sriovnetwork.openshift.io", "SriovNetwork")) {
            ObjectRef ref = ObjectRef.of(network);
            if (!ref.namespace().equals(namespace)) {
                state.setStatus(ref, Json.object(), false, "the SR-IOV operator watches only " + namespace);
                continue;
            }
            String target = Json.text(network, "spec", "networkNamespace");
            target = target.isEmpty() ? namespace : target;
            state.attachments.put(target + "/" + ref.name(), "openshift.io/" + Json.text(network, "spec", "resourceName"));
            state.reconciled.add(ref);
        }
    }

    /**
     * NVIDIA GPU Operator: the first ClusterPolicy by name is the one reconciled, the others are {@code ignored}
     * (NVIDIA/gpu-operator controllers/clusterpolicy_controller.go); it deploys operands to GPU nodes, which it
     * recognises by NFD's {@code feature.node.kubernetes.io/pci-10de.present} label (controllers/state_manager.go),
     * and reports {@code status.state: ready} once they run.
     */
    static void clusterPolicy(ClusterState state) {
        List<ObjectNode> policies = state.liveOf("nvidia.com", "ClusterPolicy").stream()
                .sorted(Comparator.comparing(policy -> Json.text(policy, "metadata", "name"))).toList();
        boolean fleetHasNvidia = state.nodes.values().stream().flatMap(node -> node.functions.stream()).anyMatch(f -> f.id().startsWith("10de:"));
        for (int i = 0; i < policies.size(); i++) {
            ObjectRef ref = ObjectRef.of(policies.get(i));
            ObjectNode status = Json.object();
            Optional<String> missing = operatorMissing(state, "gpu-operator-certified", "");
            if (missing.isPresent()) {
                state.setStatus(ref, status, false, missing.get());
            } else if (i > 0) {
                status.put("state", "ignored");
                state.setStatus(ref, status, false, "the GPU Operator reconciles one ClusterPolicy; " + ref.name() + " is ignored");
            } else if (fleetHasNvidia && state.nodes.values().stream().noneMatch(node -> "true".equals(node.labels.get(Devices.NVIDIA_PCI_LABEL)))) {
                status.put("state", "notReady");
                state.setStatus(ref, status, false, "the GPU Operator finds no GPU node: no node is labelled " + Devices.NVIDIA_PCI_LABEL
                        + "=true (NFD labels PCI devices once its NodeFeatureDiscovery instance runs)");
            } else {
                status.put("state", "ready");
                state.setStatus(ref, status, true, "");
            }
        }
    }

    /** Available, not progressing, not degraded: how operator-sdk operands report being done. */
    static ObjectNode conditions(boolean available) {
        ObjectNode status = Json.object();
        status.set("conditions", Json.array().add(Json.condition("Available", available, available ? "AsExpected" : "Pending", ""))
                .add(Json.condition("Upgradeable", true, "AsExpected", ""))
                .add(Json.condition("Progressing", !available, available ? "AsExpected" : "Pending", ""))
                .add(Json.condition("Degraded", false, "AsExpected", "")));
        status.put("observedGeneration", 1);
        return status;
    }
}
