package dev.pulse.render.layer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.TestFleets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.openshift.api.model.operatorhub.v1.OperatorGroup;
import io.fabric8.openshift.api.model.operatorhub.v1alpha1.Subscription;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("operators layer")
class OperatorsLayerTest {

    private static List<HasMetadata> objects(String clusterYaml) {
        return new OperatorsLayer().objects(TestFleets.cluster(clusterYaml));
    }

    private static List<String> subscriptions(List<HasMetadata> objects) {
        return objects.stream().filter(Subscription.class::isInstance).map(o -> ((Subscription) o).getSpec().getName()).toList();
    }

    @Test
    @DisplayName("a GPU + SR-IOV host installs virtualization, GPU Operator, SR-IOV and NFD, each with Namespace, OperatorGroup, Subscription")
    void gpuAndSriovHost() {
        List<HasMetadata> objects = objects("clusters: [{name: c1, hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}]}]\n");
        assertThat(subscriptions(objects)).containsExactly("gpu-operator-certified", "nfd", "sriov-network-operator", "kubevirt-hyperconverged");
        assertThat(objects).hasSize(12);
        OperatorGroup cnv = objects.stream().filter(OperatorGroup.class::isInstance).map(OperatorGroup.class::cast)
                .filter(og -> og.getMetadata().getNamespace().equals("openshift-cnv")).findFirst().orElseThrow();
        assertThat(cnv.getSpec().getTargetNamespaces()).containsExactly("openshift-cnv");
        Subscription gpu = objects.stream().filter(Subscription.class::isInstance).map(Subscription.class::cast).findFirst().orElseThrow();
        assertThat(gpu.getMetadata().getNamespace()).isEqualTo("nvidia-gpu-operator");
        assertThat(gpu.getSpec().getSource()).isEqualTo("certified-operators");
        assertThat(gpu.getSpec().getSourceNamespace()).isEqualTo("openshift-marketplace");
        assertThat(gpu.getSpec().getInstallPlanApproval()).isEqualTo("Automatic");
    }

    @Test
    @DisplayName("a cluster without GPUs or NICs installs only OpenShift Virtualization")
    void plainCluster() {
        assertThat(subscriptions(objects("clusters: [{name: c1}]\n"))).containsExactly("kubevirt-hyperconverged");
    }

    @Test
    @DisplayName("without the GPU Operator, GPUs still bring NFD but not the GPU Operator")
    void gpuOperatorOff() {
        assertThat(subscriptions(objects("""
                hardwareProfiles: [{name: ws, cpu: {vendor: amd}, gpus: [{model: rtx-3080, count: 1}]}]
                clusters: [{name: c1, topology: single-node, gpuOperator: false, hosts: [{name: ws, profile: ws}]}]
                """))).containsExactly("nfd", "kubevirt-hyperconverged");
    }

    @Test
    @DisplayName("per-cluster overrides: channel, source, manual approval, startingCSV, forcing an operator on or off")
    void overrides() {
        List<HasMetadata> objects = objects("""
                clusters:
                  - name: c1
                    hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}]
                    operators:
                      gpu-operator: {channel: v24.9, source: my-mirror, sourceNamespace: mirrors, manualApproval: true, startingCSV: gpu-operator-certified.v24.9.1}
                      nmstate: {enabled: true}
                      nfd: {enabled: false}
                """);
        assertThat(subscriptions(objects)).containsExactly("gpu-operator-certified", "kubernetes-nmstate-operator", "sriov-network-operator",
                "kubevirt-hyperconverged");
        Subscription gpu = (Subscription) objects.stream().filter(Subscription.class::isInstance).findFirst().orElseThrow();
        assertThat(gpu.getSpec().getChannel()).isEqualTo("v24.9");
        assertThat(gpu.getSpec().getSource()).isEqualTo("my-mirror");
        assertThat(gpu.getSpec().getSourceNamespace()).isEqualTo("mirrors");
        assertThat(gpu.getSpec().getInstallPlanApproval()).isEqualTo("Manual");
        assertThat(gpu.getSpec().getStartingCSV()).isEqualTo("gpu-operator-certified.v24.9.1");
    }
}
