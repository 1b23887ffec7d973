package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.simulation.SimulationResult.Cause;
import dev.pulse.render.simulation.SimulationResult.Failure;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The simulation is not vacuous: each mutation of a converging tree breaks one contract, and the simulation stops
 * at the Application, wave and object where a real sync would, with the platform's message.
 */
@DisplayName("breaking one contract of a converging tree")
class MutationTest {

    private static final String HCO = "base/virtualization/hyperconverged.yaml";
    private static final String VM = "base/workloads/virtualmachine-optik-01.yaml";
    private static final String RULE = "base/node-labels/nodefeaturerule.yaml";

    private static Failure stop(ConvergingTree tree) {
        Optional<Failure> failure = tree.simulate().failure();
        assertThat(failure).as("the mutated tree must not converge").isPresent();
        return failure.get();
    }

    private static void assertStop(Failure failure, String application, int wave, String object, String message) {
        assertThat(failure.application()).as(failure.format()).isEqualTo(application);
        assertThat(failure.wave()).as(failure.format()).isEqualTo(wave);
        assertThat(failure.object().toString()).as(failure.format()).isEqualTo(object);
        assertThat(failure.message()).as(failure.format()).contains(message);
    }

    @Nested
    @DisplayName("a CR needs its CRD")
    class Crds {

        @Test
        @DisplayName("without the NMState instance, no NodeNetworkConfigurationPolicy CRD: stuck at networks")
        void noNmstate() {
            Failure failure = stop(new ConvergingTree().remove("base/virtualization/nmstate.yaml"));
            assertStop(failure, "lab-networks", 0, "NodeNetworkConfigurationPolicy g493-zb1-rtx6000ada-host-networks",
                    "no CustomResourceDefinition serves nmstate.io/NodeNetworkConfigurationPolicy yet");
            assertThat(failure.message()).contains("the NMState operator, once the NMState named nmstate is reconciled");
            assertThat(failure.cause()).isEqualTo(Cause.PULSE_BUG);
        }

        @Test
        @DisplayName("an NMState with another name is never reconciled")
        void nmstateName() {
            Failure failure = stop(new ConvergingTree().edit("base/virtualization/nmstate.yaml", "name: nmstate", "name: nmstate-instance"));
            assertStop(failure, "lab-virtualization", 0, "NMState nmstate-instance", "reconciles only the NMState named nmstate");
        }

        @Test
        @DisplayName("a Subscription without an OperatorGroup installs CRDs but no operator: HyperConverged never Healthy")
        void noOperatorGroup() {
            Failure failure = stop(new ConvergingTree().remove("base/operators/operatorgroup-openshift-cnv.yaml"));
            assertStop(failure, "lab-virtualization", 0, "HyperConverged openshift-cnv/kubevirt-hyperconverged",
                    "csv created in namespace with no operatorgroups (openshift-cnv)");
        }
    }

    @Nested
    @DisplayName("a wave passes only on a health check that waits")
    class HealthChecks {

        @Test
        @DisplayName("without the NMState check, Argo CD does not wait for its CRDs: the NNCP races")
        void noNmstateCheck() {
            ConvergingTree tree = new ConvergingTree();
            tree.checks.remove("nmstate.io/NMState");
            Failure failure = stop(tree);
            assertStop(failure, "lab-networks", 0, "NodeNetworkConfigurationPolicy g493-zb1-rtx6000ada-host-networks",
                    "Argo CD has no health check for nmstate.io/NMState, so it does not wait for NMState nmstate");
        }

        @Test
        @DisplayName("without the Application check, the app of apps does not wait for the operators")
        void noApplicationCheck() {
            ConvergingTree tree = new ConvergingTree();
            tree.checks.remove("argoproj.io/Application");
            Failure failure = stop(tree);
            assertStop(failure, "lab-node-labels", 0, "NodeFeatureDiscovery openshift-nfd/nfd-instance",
                    "the app of apps does not wait for Application lab-operators: Argo CD has no health check for argoproj.io/Application");
        }

        @Test
        @DisplayName("a check that calls an unreconciled object Healthy is as bad as none")
        void laxCheck() {
            ConvergingTree tree = new ConvergingTree();
            tree.checks.put("nmstate.io/NMState", "return {status = \"Healthy\", message = \"\"}");
            Failure failure = stop(tree);
            assertThat(failure.message()).as(failure.format()).contains("calls NMState nmstate Healthy before it is reconciled");
        }
    }

    @Nested
    @DisplayName("Argo CD writes only what its roles allow")
    class Rbac {

        @Test
        @DisplayName("without bootstrap's grant, cluster-scoped NodeFeatureRules are forbidden")
        void noGrant() {
            Failure failure = stop(new ConvergingTree().remove("bootstrap/argocd/rbac.yaml"));
            assertStop(failure, "lab-node-labels", 1, "NodeFeatureRule pulse-hosts",
                    "nodefeaturerules.nfd.k8s-sigs.io \"pulse-hosts\" is forbidden: User \"system:serviceaccount:openshift-gitops:openshift-gitops-argocd-application-controller\""
                            + " cannot create resource \"nodefeaturerules\" in API group \"nfd.k8s-sigs.io\" at the cluster scope");
        }

        @Test
        @DisplayName("a namespace without the managed-by label gives no rights in it")
        void unmanagedNamespace() {
            Failure failure = stop(new ConvergingTree().edit("base/operators/namespace-openshift-cnv.yaml", "labels: {" + ConvergingTree.MANAGED + "}", "labels: {}"));
            assertStop(failure, "lab-virtualization", 0, "HyperConverged openshift-cnv/kubevirt-hyperconverged",
                    "cannot create resource \"hyperconvergeds\" in API group \"hco.kubevirt.io\" in the namespace \"openshift-cnv\"");
        }
    }

    @Nested
    @DisplayName("a selector needs its label")
    class Labels {

        @Test
        @DisplayName("without the NFD rule's hardware-profile label the SR-IOV webhook finds no node")
        void noProfileLabel() {
            Failure failure = stop(new ConvergingTree().edit(RULE, "        pulse.dev/hardware-profile: g493-zb1-rtx6000ada\n", ""));
            assertStop(failure, "lab-networks", 0, "SriovNetworkNodePolicy openshift-sriov-network-operator/connectx-6-vm",
                    "no matched node is selected by the nodeSelector in CR connectx-6-vm");
        }

        @Test
        @DisplayName("without the SR-IOV label the config daemon does not run, so the webhook sees no NIC")
        void noSriovLabel() {
            Failure failure = stop(new ConvergingTree().edit(RULE, "        pulse.dev/sriov: \"true\"\n", ""));
            assertStop(failure, "lab-networks", 0, "SriovNetworkNodePolicy openshift-sriov-network-operator/connectx-6-vm",
                    "no supported NIC is selected by the nicSelector in CR connectx-6-vm");
        }

        @Test
        @DisplayName("a MachineConfig for another pool never reaches the (Intel) host: no IOMMU, no GPU for the VM")
        void wrongRole() {
            assertThat(ConvergingTree.intel().simulate().failure()).isEmpty();
            Failure failure = stop(ConvergingTree.intel().edit("base/host-config/machineconfig.yaml", "role: g493-zb1-rtx6000ada", "role: gpu"));
            assertStop(failure, "lab-workloads", 0, "VirtualMachine lab-vms/optik-01",
                    "the IOMMU is off: no MachineConfig with kernel argument intel_iommu=on reaches the node (pool g493-zb1-rtx6000ada)");
        }

        @Test
        @DisplayName("a cluster-scoped kind with a namespace is a Pulse bug")
        void clusterScopedWithNamespace() {
            Failure failure = stop(new ConvergingTree().edit(RULE, "  name: pulse-hosts\n", "  name: pulse-hosts\n  namespace: openshift-nfd\n"));
            assertStop(failure, "lab-node-labels", 1, "NodeFeatureRule openshift-nfd/pulse-hosts", "NodeFeatureRule is cluster-scoped");
        }
    }

    @Nested
    @DisplayName("admission")
    class Webhooks {

        @Test
        @DisplayName("a GPU HyperConverged does not permit is refused by virt-api")
        void notPermitted() {
            Failure failure = stop(new ConvergingTree().edit(HCO,
                    "      - {pciDeviceSelector: \"10DE:26B1\", resourceName: nvidia.com/AD102GL_RTX_6000_ADA_GENERATION, externalResourceProvider: true}\n", ""));
            assertStop(failure, "lab-workloads", 0, "VirtualMachine lab-vms/optik-01",
                    "GPU nvidia.com/AD102GL_RTX_6000_ADA_GENERATION is not permitted in permittedHostDevices configuration");
        }

        @Test
        @DisplayName("inline user data over 2048 bytes is refused by virt-api")
        void userDataTooLong() {
            Failure failure = stop(new ConvergingTree().edit(VM, "packages: [qemu-guest-agent]\n",
                    "packages: [qemu-guest-agent]\n" + ("                  # " + "x".repeat(60) + "\n").repeat(40)));
            assertStop(failure, "lab-workloads", 0, "VirtualMachine lab-vms/optik-01",
                    "spec.template.spec.volumes[1].cloudInitNoCloud userdata exceeds 2048 byte limit. Should use UserDataSecretRef for larger data.");
        }

        @Test
        @DisplayName("user data in a Secret must name a Secret that exists")
        void userDataSecret() {
            Failure failure = stop(new ConvergingTree().edit(VM, "userData: |\n              #cloud-config\n              packages: [qemu-guest-agent]\n",
                    "userDataSecretRef: {name: optik-01-cloudinit}\n"));
            assertStop(failure, "lab-workloads", 0, "VirtualMachine lab-vms/optik-01", "Secret lab-vms/optik-01-cloudinit not found");
        }
    }

    @Nested
    @DisplayName("a VM needs what it asks for on a node it may run on")
    class Scheduling {

        @Test
        @DisplayName("passthrough GPUs are advertised only with sandbox workloads on")
        void noSandbox() {
            Failure failure = stop(new ConvergingTree().edit("base/virtualization/clusterpolicy.yaml", "sandboxWorkloads: {enabled: true", "sandboxWorkloads: {enabled: false"));
            assertStop(failure, "lab-workloads", 0, "VirtualMachine lab-vms/optik-01", "sandboxWorkloads.enabled is not true");
        }

        @Test
        @DisplayName("a bridge NIC needs the bridge NMState made on the node")
        void noBridge() {
            Failure failure = stop(new ConvergingTree().edit("base/networks/nncp.yaml", "name: br1", "name: br2"));
            assertStop(failure, "lab-workloads", 0, "VirtualMachine lab-vms/optik-01", "bridge.network.kubevirt.io/br1: 1 asked, 0 free of 0");
        }

        @Test
        @DisplayName("more huge pages than the PerformanceProfile gives: the model asks too much")
        void hugepages() {
            ConvergingTree tree = new ConvergingTree();
            String second = tree.files.get(VM).replace("optik-01", "optik-02");
            tree.files.put("base/workloads/virtualmachine-optik-02.yaml", second.replace("guest: 64Gi", "guest: 200Gi"));
            tree.edit("base/workloads/kustomization.yaml", "  - virtualmachine-optik-01.yaml\n", "  - virtualmachine-optik-01.yaml\n  - virtualmachine-optik-02.yaml\n");
            Failure failure = stop(tree);
            assertStop(failure, "lab-workloads", 0, "VirtualMachine lab-vms/optik-02", "hugepages-1Gi");
            assertThat(failure.cause()).isEqualTo(Cause.USER_INPUT);
        }
    }
}
