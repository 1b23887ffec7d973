package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the Argo CD application controller may write (Kubernetes RBAC, k8s.io/kubernetes
 * plugin/pkg/auth/authorizer/rbac): the OpenShift GitOps cluster-config ClusterRole, admin rights in its own
 * namespace and in namespaces labelled {@code argocd.argoproj.io/managed-by: <argocd namespace>}
 * (argoproj-labs/argocd-operator controllers/argocd/policyrule.go policyRuleForApplicationController), and what
 * bootstrap/ binds to its service account. Clusters reached through a cluster Secret use that Secret's credentials.
 */
final class Rbac {

    /** One policy rule; {@code namespace} empty when it applies cluster-wide. */
    record Rule(List<String> groups, List<String> resources, List<String> verbs, String namespace) {
        boolean allows(String group, String resource, String verb, String inNamespace) {
            return (namespace.isEmpty() || namespace.equals(inNamespace)) && (groups.contains("*") || groups.contains(group))
                    && (resources.contains("*") || resources.contains(resource)) && (verbs.contains("*") || verbs.contains(verb));
        }
    }

    static final String MANAGED_BY = "argocd.argoproj.io/managed-by";

    /**
     * The write part of redhat-developer/gitops-operator controllers/argocd/openshift/openshift.go
     * policyRulesForClusterConfig (the rest reads everything): the default instance's controller ClusterRole.
     */
    static final List<Rule> OPENSHIFT_GITOPS_CLUSTER_CONFIG = List.of(
            rule(List.of("operators.coreos.com"), List.of("*")),
            rule(List.of("operator.openshift.io"), List.of("*")),
            rule(List.of("user.openshift.io"), List.of("*")),
            rule(List.of("config.openshift.io"), List.of("*")),
            rule(List.of("console.openshift.io"), List.of("*")),
            rule(List.of(""), List.of("namespaces", "persistentvolumeclaims", "persistentvolumes", "configmaps")),
            rule(List.of("rbac.authorization.k8s.io"), List.of("*")),
            rule(List.of("storage.k8s.io"), List.of("*")),
            rule(List.of("machine.openshift.io"), List.of("*")),
            rule(List.of("machineconfiguration.openshift.io"), List.of("*")),
            rule(List.of("compliance.openshift.io"), List.of("scansettingbindings")));

    private final List<Rule> granted;

    private Rbac(List<Rule> granted) {
        this.granted = granted;
    }

    private static Rule rule(List<String> groups, List<String> resources) {
        return new Rule(groups, resources, List.of("*"), "");
    }

    /** The grants: defaults plus what the bootstrap objects bind to the controller's service account. */
    static Rbac of(ClusterState state, List<ObjectNode> bootstrap) {
        if (!state.cluster.server().equals(dev.pulse.render.argocd.Applications.IN_CLUSTER)) {
            // A cluster Argo CD reaches through a cluster Secret is written with that Secret's credentials, not its
            // own service account (argo-cd docs/operator-manual/declarative-setup.md "Clusters"; `argocd cluster add`
            // binds argocd-manager to cluster-admin). Pulse cannot see them: they are the user's, assumed sufficient.
            state.assumed.add("Argo CD cluster Secret for " + state.cluster.server() + " whose credentials may write every object the tree puts there");
            return new Rbac(List.of(new Rule(List.of("*"), List.of("*"), List.of("*"), "")));
        }
        List<Rule> rules = new ArrayList<>(OPENSHIFT_GITOPS_CLUSTER_CONFIG);
        String serviceAccount = ClusterState.controllerServiceAccount(state.fleet);
        for (ObjectNode binding : bootstrap) {
            String kind = binding.path("kind").asText();
            if (!Json.group(binding).equals("rbac.authorization.k8s.io") || !(kind.equals("ClusterRoleBinding") || kind.equals("RoleBinding"))) {
                continue;
            }
            boolean toController = false;
            for (JsonNode subject : binding.path("subjects")) {
                toController |= subject.path("kind").asText().equals("ServiceAccount") && subject.path("name").asText().equals(serviceAccount)
                        && subject.path("namespace").asText(kind.equals("RoleBinding") ? Json.text(binding, "metadata", "namespace") : "").equals(state.argocdNamespace);
            }
            if (!toController) {
                continue;
            }
            String namespace = kind.equals("RoleBinding") ? Json.text(binding, "metadata", "namespace") : "";
            String roleKind = Json.text(binding, "roleRef", "kind");
            String roleName = Json.text(binding, "roleRef", "name");
            if (roleKind.equals("ClusterRole") && roleName.equals("cluster-admin")) {
                rules.add(new Rule(List.of("*"), List.of("*"), List.of("*"), namespace));
                continue;
            }
            for (ObjectNode role : bootstrap) {
                boolean same = role.path("kind").asText().equals(roleKind) && Json.text(role, "metadata", "name").equals(roleName)
                        && (roleKind.equals("ClusterRole") || Json.text(role, "metadata", "namespace").equals(namespace));
                if (same) {
                    for (JsonNode rule : role.path("rules")) {
                        rules.add(new Rule(Json.texts(rule, "apiGroups"), Json.texts(rule, "resources"), Json.texts(rule, "verbs"), namespace));
                    }
                }
            }
        }
        return new Rbac(List.copyOf(rules));
    }

    /**
     * Whether the controller may create and patch the object, else the API server's refusal
     * (k8s.io/apiserver pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage).
     */
    Optional<String> forbidden(ClusterState state, ObjectRef ref, String namespace) {
        String resource = ApiKinds.resource(ref.kind());
        boolean managed = !namespace.isEmpty() && (namespace.equals(state.argocdNamespace) || state.get("", "Namespace", "", namespace)
                .map(ns -> Json.strings(ns, "metadata", "labels")).map(labels -> state.argocdNamespace.equals(labels.get(MANAGED_BY))).orElse(false));
        for (String verb : List.of("create", "patch")) {
            boolean allowed = managed || granted.stream().anyMatch(rule -> rule.allows(ref.group(), resource, verb, namespace));
            if (!allowed) {
                String qualified = ref.group().isEmpty() ? resource : resource + "." + ref.group();
                return Optional.of(qualified + " \"" + ref.name() + "\" is forbidden: User \"" + state.controllerUser + "\" cannot " + verb + " resource \""
                        + resource + "\" in API group \"" + ref.group() + "\"" + (namespace.isEmpty() ? " at the cluster scope" : " in the namespace \"" + namespace + "\""));
            }
        }
        return Optional.empty();
    }
}
