package dev.pulse.render.argocd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.model.Fleet;
import dev.pulse.render.layer.Kinds;
import dev.pulse.render.layer.Resources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the Argo CD instance's application controller needs to write the tree. OpenShift GitOps gives the
 * default instance's controller a cluster role that reads everything but writes only a short allow-list (OLM,
 * RBAC, storage, MachineConfigs, namespaces, PVs, PVCs, ConfigMaps: redhat-developer/gitops-operator
 * {@code controllers/argocd/openshift/openshift.go} policyRulesForClusterConfig), and namespaced rights only in
 * namespaces labelled {@code argocd.argoproj.io/managed-by}; so PerformanceProfiles, NodeFeatureRules, NNCPs,
 * ClusterPolicies, HyperConverged, SR-IOV objects, NADs and VirtualMachines would fail with {@code forbidden}.
 * Pulse renders, for {@code bootstrap/argocd/}, a ClusterRole granting exactly the (group, resource) pairs the
 * tree writes on Argo CD's own cluster, bound to the controller's service account
 * {@code <instance>-argocd-application-controller} (argocd-operator {@code controllers/argocd/service_account.go},
 * {@code common/defaults.go} ArgoCDApplicationControllerComponent).
 * Clusters Argo CD reaches through a cluster Secret use that Secret's credentials instead.
 */
public final class ControllerRbac {

    private static final List<String> VERBS = List.of("create", "delete", "get", "list", "patch", "update", "watch");

    private ControllerRbac() {}

    /** The controller's service account name, as argocd-operator derives it from the instance name. */
    public static String serviceAccount(Fleet fleet) {
        return fleet.argocd().instance() + "-argocd-application-controller";
    }

    /** The ClusterRole's and ClusterRoleBinding's name. */
    public static String name(Fleet fleet) {
        return "pulse-" + fleet.name() + "-argocd-controller";
    }

    /**
     * The ClusterRole and its binding for {@code objects} (what the layers write on Argo CD's own cluster);
     * nothing when there are none.
     */
    public static List<HasMetadata> forObjects(Fleet fleet, Collection<ObjectNode> objects) {
        SortedMap<String, SortedSet<String>> resources = new TreeMap<>();
        for (ObjectNode object : objects) {
            Kinds.Kind kind = Kinds.of(object.path("apiVersion").asText(), object.path("kind").asText());
            resources.computeIfAbsent(kind.group(), group -> new TreeSet<>()).add(kind.resource());
        }
        if (resources.isEmpty()) {
            return List.of();
        }
        List<PolicyRule> rules = new ArrayList<>();
        resources.forEach((group, names) -> rules.add(new PolicyRuleBuilder().withApiGroups(group).withResources(List.copyOf(names)).withVerbs(VERBS).build()));
        String name = name(fleet);
        return List.of(
                new ClusterRoleBuilder().withApiVersion("rbac.authorization.k8s.io/v1").withKind("ClusterRole")
                        .withMetadata(Resources.metadata(null, name, fleet.name(), Map.of())).withRules(rules).build(),
                new ClusterRoleBindingBuilder().withApiVersion("rbac.authorization.k8s.io/v1").withKind("ClusterRoleBinding")
                        .withMetadata(Resources.metadata(null, name, fleet.name(), Map.of()))
                        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(name).endRoleRef()
                        .addNewSubject().withKind("ServiceAccount").withName(serviceAccount(fleet)).withNamespace(fleet.argocd().namespace()).endSubject()
                        .build());
    }
}
