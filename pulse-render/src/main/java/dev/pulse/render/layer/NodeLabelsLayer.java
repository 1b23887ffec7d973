package dev.pulse.render.layer;

import dev.pulse.model.HardwareProfile;
import dev.pulse.model.HostLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Wave 1: host labels, before anything selects on them.
 * <ul>
 *   <li>NodeFeatureDiscovery {@code nfd-instance}: NFD applies NodeFeatureRule labels only once its operand
 *       (nfd-master) runs (kubernetes-sigs/node-feature-discovery {@code pkg/nfd-master}); the GPU Operator needs
 *       NFD's PCI labels too.</li>
 *   <li>NodeFeatureRule {@code pulse-hosts} (cluster-scoped, {@code nfd.k8s-sigs.io} CRD {@code scope: Cluster}):
 *       one rule per hardware profile, matching its hosts by node name, setting {@link HostLabels#of}. Machine-pool
 *       hosts carry these labels from their pool (a rule checks), so the rule leaves them out.</li>
 * </ul>
 * MachineConfigPools (host-config), SR-IOV policies and NMState policies (networks) and the GPU Operator
 * select on these labels; the SR-IOV webhook refuses a policy whose nodeSelector matches no node yet
 * (sriov-network-operator {@code pkg/webhook/validate.go}), so they come first, and the health check of the NFD
 * instance holds the later waves until it runs.
 */
public final class NodeLabelsLayer implements Layer {

    @Override
    public String name() {
        return "node-labels";
    }

    @Override
    public List<HasMetadata> objects(ClusterView cluster) {
        List<HasMetadata> objects = new ArrayList<>();
        if (!cluster.labelsHosts() || !cluster.installs("nfd")) {
            return objects;
        }
        String fleet = cluster.fleet().name();
        objects.add(Resources.custom("nfd.openshift.io/v1", "NodeFeatureDiscovery", Resources.metadata("openshift-nfd", "nfd-instance", fleet, Map.of()),
                Map.of("operand", Map.of("servicePort", 12000))));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (HardwareProfile profile : cluster.profiles()) {
            List<String> nodes = cluster.hosts().stream()
                    .filter(host -> host.profile().equals(profile) && host.machinePool().isEmpty())
                    .map(host -> host.name()).toList();
            if (!nodes.isEmpty()) {
                rules.add(Map.of(
                        "name", "pulse-" + profile.name(),
                        "labels", HostLabels.of(profile),
                        "matchFeatures", List.of(Map.of("feature", "system.name",
                                "matchExpressions", Map.of("nodename", Map.of("op", "In", "value", nodes))))));
            }
        }
        cluster.cluster().storage().backend().filter(backend -> backend.type() == dev.pulse.model.StorageBackend.Type.ODF).ifPresent(backend -> rules.add(Map.of(
                "name", "pulse-odf-storage",
                "labels", Map.of(StorageLayer.ODF_NODE_LABEL, ""),
                "matchFeatures", List.of(Map.of("feature", "system.name",
                        "matchExpressions", Map.of("nodename", Map.of("op", "In", "value", backend.hosts())))))));
        if (!rules.isEmpty()) {
            objects.add(Resources.custom("nfd.k8s-sigs.io/v1alpha1", "NodeFeatureRule", Resources.metadata(null, "pulse-hosts", fleet, Map.of()),
                    Map.of("rules", rules)));
        }
        return objects;
    }
}
