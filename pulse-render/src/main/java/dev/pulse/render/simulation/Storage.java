package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Storage backends' instances and the classes they make.
 * <ul>
 *   <li>LVMCluster (openshift/lvm-operator, in the operator's namespace): each device class gets a volume group on the
 *       nodes its nodeSelector matches; {@code status.state: Ready}, {@code ready: true} once every such node has it
 *       (internal/controllers/lvmcluster/lvmcluster_controller.go), then StorageClass {@code lvms-<deviceClass>}
 *       (internal/controllers/constants StorageClassPrefix). A device class matching no node never gets ready.</li>
 *   <li>LocalVolume (openshift/local-storage-operator, in the operator's namespace): the diskmaker runs on the nodes
 *       its nodeSelector matches and the operator reports {@code Available}; each storageClassDevices entry's class is
 *       created (pkg/controllers/localvolume).</li>
 *   <li>StorageCluster (red-hat-storage/ocs-operator, installed with odf-operator, in openshift-storage): it places
 *       Ceph on nodes labelled {@code cluster.ocs.openshift.io/openshift-storage} and needs three of them for replica 3
 *       (controllers/storagecluster: "Not enough nodes found"); its device sets need their data class; once
 *       {@code Available} it makes the {@code <name>-ceph-rbd}, {@code -ceph-rbd-virtualization} and {@code -cephfs}
 *       classes (controllers/storagecluster/storageclasses.go).</li>
 * </ul>
 * Disks themselves are not modelled: the simulation assumes the paths the model names exist and are empty.
 */
final class Storage {

    static final String ODF_LABEL = "cluster.ocs.openshift.io/openshift-storage";

    private Storage() {}

    static void reconcile(ClusterState state) {
        for (ObjectNode cluster : state.liveOf("lvm.topolvm.io", "LVMCluster")) {
            ObjectRef ref = ObjectRef.of(cluster);
            Optional<String> missing = Operands.operatorMissing(state, "lvms-operator", ref.namespace());
            if (missing.isPresent()) {
                state.setStatus(ref, Json.object(), false, missing.get());
                continue;
            }
            Optional<String> unmatched = Optional.empty();
            for (JsonNode deviceClass : cluster.path("spec").path("storage").path("deviceClasses")) {
                if (matchedNodes(state, deviceClass.path("nodeSelector")).isEmpty()) {
                    unmatched = Optional.of("device class " + deviceClass.path("name").asText() + " selects no node");
                }
            }
            ObjectNode status = Json.object();
            if (unmatched.isPresent()) {
                status.put("state", "Progressing");
                status.put("ready", false);
                state.setStatus(ref, status, false, unmatched.get());
                continue;
            }
            status.put("state", "Ready");
            status.put("ready", true);
            status.set("conditions", Json.array().add(Json.condition("ResourcesAvailable", true, "ResourcesAvailable", ""))
                    .add(Json.condition("VolumeGroupsReady", true, "VGsReady", "")));
            state.setStatus(ref, status, true, "");
            state.assumed.add("the disks LVMCluster " + ref.name() + " names, empty, on its nodes");
            for (JsonNode deviceClass : cluster.path("spec").path("storage").path("deviceClasses")) {
                state.storageClasses.put("lvms-" + deviceClass.path("name").asText(), "lvms-operator");
            }
        }
        for (ObjectNode volume : state.liveOf("local.storage.openshift.io", "LocalVolume")) {
            ObjectRef ref = ObjectRef.of(volume);
            Optional<String> missing = Operands.operatorMissing(state, "local-storage-operator", ref.namespace());
            if (missing.isPresent()) {
                state.setStatus(ref, Json.object(), false, missing.get());
                continue;
            }
            if (matchedNodes(state, volume.path("spec").path("nodeSelector")).isEmpty()) {
                state.setStatus(ref, Json.object(), false, "its nodeSelector selects no node");
                continue;
            }
            ObjectNode status = Json.object();
            status.set("conditions", Json.array().add(Json.condition("Available", true, "Ready", "Ready")));
            state.setStatus(ref, status, true, "");
            state.assumed.add("the disks LocalVolume " + ref.name() + " names, empty, on its nodes");
            for (JsonNode devices : volume.path("spec").path("storageClassDevices")) {
                state.storageClasses.put(devices.path("storageClassName").asText(), "local-storage-operator");
            }
        }
        for (ObjectNode cluster : state.liveOf("ocs.openshift.io", "StorageCluster")) {
            ObjectRef ref = ObjectRef.of(cluster);
            Optional<String> missing = Operands.operatorMissing(state, "odf-operator", ref.namespace());
            ObjectNode status = Json.object();
            if (missing.isPresent()) {
                state.setStatus(ref, status, false, missing.get());
                continue;
            }
            long labelled = state.nodes.values().stream().filter(node -> node.labels.containsKey(ODF_LABEL)).count();
            Optional<String> dataClassMissing = Optional.empty();
            for (JsonNode set : cluster.path("spec").path("storageDeviceSets")) {
                String dataClass = set.path("dataPVCTemplate").path("spec").path("storageClassName").asText("");
                if (!dataClass.isEmpty() && !state.storageClasses.containsKey(dataClass)) {
                    dataClassMissing = Optional.of("device set " + set.path("name").asText() + " needs StorageClass " + dataClass + ", which does not exist");
                }
            }
            if (labelled < 3 || dataClassMissing.isPresent()) {
                String why = labelled < 3 ? "Not enough nodes found: expected 3 labelled " + ODF_LABEL + ", found " + labelled : dataClassMissing.get();
                status.set("conditions", Json.array().add(Json.condition("Progressing", true, "Init", why)));
                state.setStatus(ref, status, false, why);
                continue;
            }
            status.set("conditions", Json.array().add(Json.condition("Available", true, "ReconcileCompleted", "Reconcile completed successfully"))
                    .add(Json.condition("Progressing", false, "ReconcileCompleted", "Reconcile completed successfully"))
                    .add(Json.condition("Degraded", false, "ReconcileCompleted", "Reconcile completed successfully")));
            state.setStatus(ref, status, true, "");
            String name = ref.name();
            for (String suffix : List.of("-ceph-rbd", "-ceph-rbd-virtualization", "-cephfs")) {
                state.storageClasses.put(name + suffix, "odf-operator");
            }
        }
    }

    /** Nodes a {@code NodeSelector} (nodeSelectorTerms, ORed) matches; an absent selector matches every node. */
    private static List<Node> matchedNodes(ClusterState state, JsonNode selector) {
        if (selector.isMissingNode() || selector.path("nodeSelectorTerms").isEmpty()) {
            return List.copyOf(state.nodes.values());
        }
        return state.nodes.values().stream().filter(node -> {
            for (JsonNode term : selector.path("nodeSelectorTerms")) {
                if (Selectors.matches(term, node.labels)) {
                    return true;
                }
            }
            return false;
        }).toList();
    }
}
