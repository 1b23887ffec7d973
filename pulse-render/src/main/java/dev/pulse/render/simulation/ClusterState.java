package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.model.ResolvedCluster;
import dev.pulse.model.Fleet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One simulated cluster: the objects applied so far, and what the modelled controllers made of them
 * ({@link Controllers#settle} recomputes that part from the applied objects, in dependency order).
 */
final class ClusterState {

    /** Where an object was applied: an Application, the root's wave that synced it, and its own resource wave. */
    record Step(String application, int rootWave, int wave) {}

    final Fleet fleet;
    final ResolvedCluster cluster;
    final String argocdNamespace;
    final String controllerUser;

    /** Applied objects, by reference with the namespace as the API server stores it. */
    final SortedMap<ObjectRef, ObjectNode> live = new TreeMap<>();
    final Map<ObjectRef, Step> appliedAt = new HashMap<>();
    /** CRD producers Argo CD did not wait for, with the reason. */
    final Map<ObjectRef, String> unawaited = new HashMap<>();
    /** User-provided prerequisites the simulation assumed present. */
    final TreeSet<String> assumed = new TreeSet<>();

    // Recomputed by every settle.
    /** group/Kind of each served custom kind to the object whose reconciliation installed it. */
    final Map<String, ObjectRef> crds = new HashMap<>();
    /** OLM package to the namespace its operator runs in (installed with an OperatorGroup). */
    final Map<String, String> operators = new TreeMap<>();
    /** OLM package to why its operator does not run although it is subscribed. */
    final Map<String, String> notRunning = new TreeMap<>();
    /** Spec fields controllers write themselves (MCO's spec.configuration), merged into what Argo CD observes. */
    final Map<ObjectRef, ObjectNode> specWrites = new HashMap<>();
    /** Status the controllers wrote. */
    final Map<ObjectRef, ObjectNode> status = new HashMap<>();
    /** Objects a controller has not finished, and why. */
    final Map<ObjectRef, String> waiting = new HashMap<>();
    /** Operands a controller reconciled (ready). */
    final TreeSet<ObjectRef> reconciled = new TreeSet<>();
    /** VMs that only lack free capacity: the model asks for more than its hosts have. */
    final TreeSet<ObjectRef> capacityOnly = new TreeSet<>();
    /** The nodes by name (the scheduler tries them in this order). */
    final Map<String, Node> nodes = new TreeMap<>();
    /** NetworkAttachmentDefinitions that exist, namespace/name to the resource they request (may be ""). */
    final Map<String, String> attachments = new TreeMap<>();
    /** Webhook-enabled operands: SR-IOV policy validation is on. */
    boolean sriovWebhook;
    /** StorageClasses a storage operator made (name to the operator), once its instance is ready. */
    final Map<String, String> storageClasses = new TreeMap<>();

    ClusterState(Fleet fleet, ResolvedCluster cluster) {
        this.fleet = fleet;
        this.cluster = cluster;
        this.argocdNamespace = fleet.argocd().namespace();
        this.controllerUser = "system:serviceaccount:" + argocdNamespace + ":" + controllerServiceAccount(fleet);
    }

    /** The application controller's service account of the configured Argo CD instance (argocd-operator naming). */
    static String controllerServiceAccount(Fleet fleet) {
        return fleet.argocd().instance() + "-argocd-application-controller";
    }

    void resetDerived() {
        crds.clear();
        operators.clear();
        notRunning.clear();
        status.clear();
        specWrites.clear();
        waiting.clear();
        reconciled.clear();
        capacityOnly.clear();
        attachments.clear();
        storageClasses.clear();
        sriovWebhook = false;
        nodes.values().forEach(Node::reset);
    }

    List<ObjectNode> liveOf(String group, String kind) {
        List<ObjectNode> objects = new ArrayList<>();
        live.forEach((ref, object) -> {
            if (ref.group().equals(group) && ref.kind().equals(kind)) {
                objects.add(object);
            }
        });
        return objects;
    }

    Optional<ObjectNode> get(String group, String kind, String namespace, String name) {
        return Optional.ofNullable(live.get(new ObjectRef(group, kind, namespace, name)));
    }

    boolean served(String group, String kind) {
        return ApiKinds.builtIn(group, kind) || crds.containsKey(group + "/" + kind);
    }

    void setStatus(ObjectRef ref, ObjectNode objectStatus, boolean ready, String why) {
        status.put(ref, objectStatus);
        if (ready) {
            reconciled.add(ref);
        } else {
            waiting.put(ref, why);
        }
    }

    /** The live object with the controllers' status, as Argo CD sees it. */
    ObjectNode observed(ObjectRef ref) {
        ObjectNode object = live.get(ref).deepCopy();
        ObjectNode metadata = (ObjectNode) object.path("metadata");
        metadata.put("generation", 1);
        ObjectNode written = specWrites.get(ref);
        if (written != null) {
            ObjectNode spec = object.path("spec") instanceof ObjectNode existing ? existing : object.putObject("spec");
            spec.setAll(written);
        }
        ObjectNode objectStatus = status.get(ref);
        if (objectStatus != null) {
            object.set("status", objectStatus);
        }
        return object;
    }

    /** The object as just applied: no controller has written a status yet. */
    ObjectNode unreconciled(ObjectRef ref) {
        ObjectNode object = live.get(ref).deepCopy();
        ((ObjectNode) object.path("metadata")).put("generation", 1);
        object.remove("status");
        return object;
    }
}
