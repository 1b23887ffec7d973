package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.simulation.SimulationResult.Failure;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Contracts of the sync itself, each on the hand-made tree with one change. */
@DisplayName("Argo CD sync contracts")
class ContractsTest {

    private static Failure stop(ConvergingTree tree) {
        return tree.simulate().failure().orElseThrow(() -> new AssertionError("the changed tree must not converge"));
    }

    @Nested
    @DisplayName("without Argo CD's Lua scripts (what pulse:render and pulse:validate use by default)")
    class Approximated {

        private static SimulationResult approximate(ConvergingTree tree) {
            return new Simulation(ArgoCdHealth.none()).run(tree.tree(), tree.fleet());
        }

        @Test
        @DisplayName("the tree converges, with the same plan as with the scripts")
        void converges() {
            SimulationResult approximated = approximate(new ConvergingTree());
            assertThat(approximated.failure()).isEmpty();
            assertThat(approximated.clusters().get(0).plan()).isEqualTo(new ConvergingTree().simulate().clusters().get(0).plan());
        }

        @Test
        @DisplayName("a broken contract still stops it in the same place")
        void stops() {
            Failure failure = approximate(new ConvergingTree().remove("base/virtualization/nmstate.yaml")).failure().orElseThrow();
            assertThat(failure.application()).isEqualTo("lab-networks");
            assertThat(failure.message()).contains("no CustomResourceDefinition serves nmstate.io/NodeNetworkConfigurationPolicy");
        }
    }

    @Nested
    @DisplayName("ordering")
    class Ordering {

        @Test
        @DisplayName("a Namespace in a later wave is applied with the first resource in it (gitops-engine adjustDeps)")
        void namespaceFirst() {
            ConvergingTree tree = new ConvergingTree().edit("base/operators/namespace-openshift-cnv.yaml", "metadata:\n", "metadata:\n  annotations: {argocd.argoproj.io/sync-wave: \"5\"}\n");
            SimulationResult result = tree.simulate();
            assertThat(result.failure()).isEmpty();
            List<String> wave1 = result.clusters().get(0).plan().get(1).waves().get(1).objects();
            assertThat(wave1.get(wave1.indexOf("OperatorGroup openshift-cnv/openshift-cnv") - 1)).isEqualTo("Namespace openshift-cnv");
            assertThat(result.clusters().get(0).plan().get(1).waves().get(0).objects()).doesNotContain("Namespace openshift-cnv");
        }

        @Test
        @DisplayName("a CR whose CRD comes from an Application in the same app-of-apps wave races it")
        void sameRootWave() {
            ConvergingTree tree = new ConvergingTree().edit("apps/lab/node-labels.yaml", "argocd.argoproj.io/sync-wave: \"1\"", "argocd.argoproj.io/sync-wave: \"0\"");
            Failure failure = stop(tree);
            assertThat(failure.application()).isEqualTo("lab-node-labels");
            assertThat(failure.message()).contains("which the app of apps syncs in the same wave (0), so nothing orders the two");
        }

        @Test
        @DisplayName("a custom resource before its operator's Subscription is stuck")
        void beforeTheOperator() {
            ConvergingTree tree = new ConvergingTree().edit("apps/lab/node-labels.yaml", "argocd.argoproj.io/sync-wave: \"1\"", "argocd.argoproj.io/sync-wave: \"-1\"");
            Failure failure = stop(tree);
            assertThat(failure.format()).contains("Application lab-node-labels, wave 0, NodeFeatureDiscovery openshift-nfd/nfd-instance",
                    "it is installed by OLM, for a Subscription to package nfd");
        }
    }

    @Nested
    @DisplayName("Applications")
    class Applications {

        @Test
        @DisplayName("only Applications in the instance's namespace are synced")
        void namespace() {
            Failure failure = stop(new ConvergingTree().edit("apps/lab/workloads.yaml", "namespace: openshift-gitops", "namespace: lab-vms"));
            assertThat(failure.message()).contains("watches Applications in its own namespace only, not in lab-vms");
        }

        @Test
        @DisplayName("the source must be the fleet's repository, inside the rendered folder")
        void source() {
            assertThat(stop(new ConvergingTree().edit("apps/lab/workloads.yaml", "repoURL: https://git.example.com/fleet.git", "repoURL: https://elsewhere.example.com/x.git"))
                    .message()).contains("is not the fleet's repository");
            assertThat(stop(new ConvergingTree().edit("apps/lab/workloads.yaml", "path: deploy/overlays", "path: other/overlays")).message())
                    .contains("is outside the rendered tree (deploy/)");
        }

        @Test
        @DisplayName("an Application without automated sync is never synced")
        void automated() {
            Failure failure = stop(new ConvergingTree().edit("apps/lab/networks.yaml", "    automated: {prune: true, selfHeal: true}\n", ""));
            assertThat(failure.format()).contains("Application lab-networks", "has no spec.syncPolicy.automated");
        }

        @Test
        @DisplayName("a CR whose CRD its own wave installs needs a retry")
        void retry() {
            ConvergingTree tree = new ConvergingTree().edit("base/virtualization/nmstate.yaml", "metadata:\n", "metadata:\n  labels: {}\n");
            // NMState and the NNCP in one wave: the first apply of the NNCP fails, the retry passes.
            tree.files.put("base/virtualization/nncp.yaml", tree.files.remove("base/networks/nncp.yaml"));
            tree.edit("base/networks/kustomization.yaml", "  - nncp.yaml\n", "").edit("base/virtualization/kustomization.yaml", "resources:\n", "resources:\n  - nncp.yaml\n");
            assertThat(tree.simulate().failure()).isEmpty();
            Failure failure = stop(tree.edit("apps/lab/virtualization.yaml", "    retry: {limit: 10, backoff: {duration: 30s, factor: 2, maxDuration: 10m}}\n", ""));
            assertThat(failure.format()).contains("NodeNetworkConfigurationPolicy", "the Application has no spec.syncPolicy.retry");
        }

        @Test
        @DisplayName("a tree it cannot read is a failure with a message, not a crash")
        void unreadable() {
            Failure failure = stop(new ConvergingTree().edit("base/workloads/virtualmachine-optik-01.yaml", "guest: 64Gi", "guest: lots"));
            assertThat(failure.message()).startsWith("the simulation cannot read this tree: java.lang.NumberFormatException");
        }

        @Test
        @DisplayName("Kustomize features beyond plain resource lists are refused, not guessed")
        void kustomize() {
            Failure failure = stop(new ConvergingTree().edit("overlays/lab/workloads/kustomization.yaml", "resources:", "namePrefix: x-\nresources:"));
            assertThat(failure.message()).contains("the simulation builds plain resource lists only, not 'namePrefix'");
        }
    }

    @Nested
    @DisplayName("OLM")
    class Olm {

        @Test
        @DisplayName("a package from the wrong catalog never resolves")
        void wrongCatalog() {
            Failure failure = stop(new ConvergingTree().edit("base/operators/subscription-nfd.yaml", "source: redhat-operators", "source: community-operators"));
            assertThat(failure.format()).contains("Application lab-operators, wave 2, Subscription openshift-nfd/nfd", "Degraded");
        }
    }

    @Nested
    @DisplayName("RBAC")
    class Rbac {

        @Test
        @DisplayName("cluster-admin bound to the controller allows everything")
        void clusterAdmin() {
            ConvergingTree tree = new ConvergingTree().edit("bootstrap/argocd/rbac.yaml", "kind: ClusterRole, name: pulse-argocd-controller", "kind: ClusterRole, name: cluster-admin");
            assertThat(tree.simulate().failure()).isEmpty();
        }

        @Test
        @DisplayName("a grant to another service account does not count")
        void otherSubject() {
            ConvergingTree tree = new ConvergingTree().edit("bootstrap/argocd/rbac.yaml", "name: openshift-gitops-argocd-application-controller", "name: argocd-application-controller");
            assertThat(stop(tree).message()).contains("cannot create resource \"nodefeaturerules\"");
        }
    }
}
