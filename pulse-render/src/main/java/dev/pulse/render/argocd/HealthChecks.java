package dev.pulse.render.argocd;

import dev.pulse.model.ResolvedCluster;
import dev.pulse.model.Fleet;
import dev.pulse.render.layer.Resources;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The ArgoCD instance settings Pulse's sync order depends on: Lua health checks for kinds Argo CD cannot
 * judge by itself, written as {@code bootstrap/argocd/health-checks.yaml} (an {@code argoproj.io/v1beta1} ArgoCD
 * resource for the OpenShift GitOps operator; apply it once, with the root Applications).
 * <ul>
 *   <li>{@code Application}: removed from Argo CD's defaults in v1.8; without it sync waves of the app of apps
 *       do not wait for child Applications.</li>
 *   <li>{@code HyperConverged}, {@code ClusterPolicy}: no built-in check, so later waves would start while
 *       KubeVirt or the GPU stack is still coming up.</li>
 *   <li>{@code NodeNetworkConfigurationPolicy}: VMs on bridge networks need the bridges first; stricter than Argo CD's
 *       own check, which lets a policy that matches no node pass.</li>
 *   <li>{@code NMState}, {@code NodeFeatureDiscovery}, {@code PerformanceProfile}: operator instances whose work
 *       later waves need (NNCP CRDs, node labels, isolated CPUs and huge pages).</li>
 *   <li>{@code MachineConfigPool}: host configuration is done only when every node of the pool rebooted into it.</li>
 * </ul>
 * <ul>
 *   <li>{@code OpenStack}, {@code OpenStackControlPlane}, {@code OpenStackDataPlaneNodeSet},
 *       {@code OpenStackDataPlaneDeployment}: openstack-k8s-operators report a lib-common {@code Ready} condition
 *       (docs/assemblies/ref_data-plane-conditions-and-states.adoc); without a check Argo CD calls them Healthy at
 *       once, and the data plane would start before the control plane is up.</li>
 *   <li>{@code LVMCluster}, {@code LocalVolume}: the storage layer's instances; workloads wait until their class can
 *       bind. ODF's {@code StorageCluster} keeps Argo CD's built-in check (argoproj/argo-cd
 *       {@code resource_customizations/ocs.openshift.io/StorageCluster}), which already waits for Available.</li>
 * </ul>
 * SriovNetworkNodePolicy has no status to judge (progress shows on per-node SriovNetworkNodeState, which
 * Argo CD does not manage), so it gets no check.
 */
public final class HealthChecks {

    /** Group, kind and Lua resource of each check. */
    private static final List<List<String>> CHECKS = List.of(
            List.of("argoproj.io", "Application", "application.lua"),
            List.of("core.openstack.org", "OpenStackControlPlane", "openstack-ready.lua"),
            List.of("dataplane.openstack.org", "OpenStackDataPlaneDeployment", "openstack-ready.lua"),
            List.of("dataplane.openstack.org", "OpenStackDataPlaneNodeSet", "openstack-ready.lua"),
            List.of("hco.kubevirt.io", "HyperConverged", "hyperconverged.lua"),
            List.of("local.storage.openshift.io", "LocalVolume", "conditions.lua"),
            List.of("lvm.topolvm.io", "LVMCluster", "lvmcluster.lua"),
            List.of("machineconfiguration.openshift.io", "MachineConfigPool", "machineconfigpool.lua"),
            List.of("nfd.openshift.io", "NodeFeatureDiscovery", "conditions.lua"),
            List.of("nmstate.io", "NMState", "conditions.lua"),
            List.of("nmstate.io", "NodeNetworkConfigurationPolicy", "nodenetworkconfigurationpolicy.lua"),
            List.of("nvidia.com", "ClusterPolicy", "clusterpolicy.lua"),
            List.of("operator.openstack.org", "OpenStack", "openstack-ready.lua"),
            List.of("performance.openshift.io", "PerformanceProfile", "conditions.lua"));

    private HealthChecks() {}

    /** The ArgoCD resource carrying the checks. */
    public static HasMetadata argoCd(Fleet fleet) {
        boolean openstack = fleet.clusters().stream().anyMatch(dev.pulse.model.ResolvedCluster::isRhoso);
        List<Map<String, String>> checks = CHECKS.stream()
                // the OpenStack kinds only where a cluster has them, so other fleets' instances stay as they were
                .filter(check -> openstack || !check.get(0).endsWith(".openstack.org"))
                .map(check -> Map.of("group", check.get(0), "kind", check.get(1), "check", lua(check.get(2))))
                .toList();
        return Resources.custom("argoproj.io/v1beta1", "ArgoCD", Resources.metadata(fleet.argocd().namespace(), fleet.argocd().instance(), fleet.name(),
                Map.of()), Map.of("resourceHealthChecks", checks));
    }

    private static String lua(String resource) {
        try (InputStream in = HealthChecks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing health check resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
