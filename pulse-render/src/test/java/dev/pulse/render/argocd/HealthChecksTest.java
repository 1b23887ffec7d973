package dev.pulse.render.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.render.TestFleets;
import dev.pulse.render.yaml.YamlWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pulse's own health checks, run by the same Lua interpreter the simulation uses, on the statuses the
 * operators really write (each case names the upstream file its shape comes from). A wave must not pass early.
 */
@DisplayName("Pulse's Lua health checks")
class HealthChecksTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Map<String, String> CHECKS = new HashMap<>();

    @BeforeAll
    static void checks() {
        JsonNode argocd = YamlWriter.tree(HealthChecks.argoCd(TestFleets.load("clusters: [{name: c}]\n")));
        for (JsonNode check : argocd.at("/spec/resourceHealthChecks")) {
            CHECKS.put(check.path("group").asText() + "/" + check.path("kind").asText(), check.path("check").asText());
        }
    }

    private static String status(String kind, String yaml) throws Exception {
        return dev.pulse.render.simulation.LuaHealthAccess.status(CHECKS.get(kind), kind, YAML.readTree(yaml));
    }

    @Test
    @DisplayName("NNCP that matches no node is Progressing, in both nmstate forms (Available=True/NoMatchingNode before v0.85, Ignored=True after)")
    void nncpNoMatchingNode() throws Exception {
        String kind = "nmstate.io/NodeNetworkConfigurationPolicy";
        assertThat(status(kind, """
                status:
                  conditions:
                    - {type: Degraded, status: "False", reason: NoMatchingNode}
                    - {type: Available, status: "True", reason: NoMatchingNode, message: Policy does not match any node}
                    - {type: Progressing, status: "False", reason: ConfigurationProgressing}
                """)).isEqualTo("Progressing");
        assertThat(status(kind, """
                status:
                  conditions:
                    - {type: Available, status: "False", reason: NoMatchingNode}
                    - {type: Ignored, status: "True", reason: NoMatchingNode}
                """)).isEqualTo("Progressing");
        assertThat(status(kind, """
                status:
                  conditions:
                    - {type: Available, status: "True", reason: SuccessfullyConfigured, message: 1/1 nodes successfully configured}
                """)).isEqualTo("Healthy");
    }

    @Test
    @DisplayName("LVMCluster is Healthy only when state Ready and ready (lvm-operator lvmcluster_types.go); Failed/Degraded fail the wave")
    void lvmCluster() throws Exception {
        String kind = "lvm.topolvm.io/LVMCluster";
        assertThat(status(kind, "metadata: {name: lvmcluster}\n")).isEqualTo("Progressing");
        assertThat(status(kind, """
                status:
                  state: Progressing
                  ready: false
                  conditions:
                    - {type: ResourcesAvailable, status: "True", reason: ResourcesAvailable}
                    - {type: VolumeGroupsReady, status: "False", reason: VGReadinessInProgress, message: waiting for volume groups}
                """)).isEqualTo("Progressing");
        assertThat(status(kind, """
                status:
                  state: Failed
                  ready: false
                  conditions: [{type: VolumeGroupsReady, status: "False", reason: VGsFailed, message: "no available devices on node workstation"}]
                """)).isEqualTo("Degraded");
        assertThat(status(kind, "status: {state: Ready, ready: false}\n")).isEqualTo("Progressing");
        assertThat(status(kind, """
                status:
                  state: Ready
                  ready: true
                  conditions: [{type: ResourcesAvailable, status: "True"}, {type: VolumeGroupsReady, status: "True"}]
                """)).isEqualTo("Healthy");
    }

    @Test
    @DisplayName("LocalVolume is Healthy once Available (local-storage-operator), Progressing before")
    void localVolume() throws Exception {
        String kind = "local.storage.openshift.io/LocalVolume";
        assertThat(status(kind, "spec: {}\n")).isEqualTo("Progressing");
        assertThat(status(kind, """
                status:
                  conditions: [{type: Available, status: "True", message: Ready}]
                """)).isEqualTo("Healthy");
    }

    @Test
    @DisplayName("ClusterPolicy with Error=True is Degraded (gpu-operator internal/conditions/clusterpolicy.go), ready is Healthy")
    void clusterPolicy() throws Exception {
        String kind = "nvidia.com/ClusterPolicy";
        assertThat(status(kind, """
                status:
                  state: notReady
                  conditions:
                    - {type: Ready, status: "False", reason: Error}
                    - {type: Error, status: "True", reason: OperandNotReady, message: driver not ready}
                """)).isEqualTo("Degraded");
        assertThat(status(kind, "status: {state: notReady}\n")).isEqualTo("Progressing");
        assertThat(status(kind, """
                status:
                  state: ready
                  conditions: [{type: Ready, status: "True", reason: Reconciled}, {type: Error, status: "False", reason: Ready}]
                """)).isEqualTo("Healthy");
    }

    @Test
    @DisplayName("MachineConfigPool: no node yet, or nodes still updating, is Progressing; every node on the current config is Healthy")
    void machineConfigPool() throws Exception {
        String kind = "machineconfiguration.openshift.io/MachineConfigPool";
        assertThat(status(kind, "spec: {}\n")).isEqualTo("Progressing");
        assertThat(status(kind, """
                spec: {configuration: {name: rendered-gpu-1}}
                status: {machineCount: 0, updatedMachineCount: 0, configuration: {name: rendered-gpu-1},
                         conditions: [{type: Updated, status: "True"}]}
                """)).as("a pool whose nodes NFD has not labelled yet").isEqualTo("Progressing");
        assertThat(status(kind, """
                spec: {configuration: {name: rendered-gpu-2}}
                status: {machineCount: 2, updatedMachineCount: 1, configuration: {name: rendered-gpu-1},
                         conditions: [{type: Updating, status: "True"}, {type: Updated, status: "False"}]}
                """)).isEqualTo("Progressing");
        assertThat(status(kind, """
                spec: {configuration: {name: rendered-gpu-2}}
                status: {machineCount: 2, updatedMachineCount: 2, configuration: {name: rendered-gpu-1},
                         conditions: [{type: Updated, status: "True"}]}
                """)).as("status still describes the previous rendered config").isEqualTo("Progressing");
        assertThat(status(kind, """
                spec: {configuration: {name: rendered-gpu-2}}
                status: {machineCount: 2, updatedMachineCount: 2, configuration: {name: rendered-gpu-2},
                         conditions: [{type: Updated, status: "True"}]}
                """)).isEqualTo("Healthy");
        assertThat(status(kind, """
                status: {machineCount: 2, conditions: [{type: NodeDegraded, status: "True", message: node gpu-01 failed}]}
                """)).isEqualTo("Degraded");
    }

    @Test
    @DisplayName("NMState, NodeFeatureDiscovery and PerformanceProfile: Healthy once Available and settled; Degraded fails the wave")
    void conditionKinds() throws Exception {
        for (String kind : new String[] {"nmstate.io/NMState", "nfd.openshift.io/NodeFeatureDiscovery", "performance.openshift.io/PerformanceProfile"}) {
            assertThat(status(kind, "metadata: {name: x}\n")).as(kind).isEqualTo("Progressing");
            assertThat(status(kind, """
                    status:
                      conditions:
                        - {type: Available, status: "False", reason: Deploying}
                        - {type: Progressing, status: "True", reason: Deploying}
                    """)).as(kind).isEqualTo("Progressing");
            assertThat(status(kind, """
                    status:
                      conditions:
                        - {type: Available, status: "True", reason: SuccessfullyDeployed}
                        - {type: Progressing, status: "False"}
                        - {type: Degraded, status: "False"}
                    """)).as(kind).isEqualTo("Healthy");
            assertThat(status(kind, """
                    status:
                      conditions: [{type: Degraded, status: "True", reason: InternalError, message: boom}]
                    """)).as(kind).isEqualTo("Degraded");
        }
    }

    @Test
    @DisplayName("OpenStack kinds (lib-common conditions): Ready=True is Healthy, Ready=False with severity Error is Degraded, the rest and a stale generation Progressing")
    void openstackReady() throws Exception {
        JsonNode argocd = YamlWriter.tree(HealthChecks.argoCd(TestFleets.load("""
                clusters:
                  - name: os
                    platform: rhoso
                    storage: {class: lvms-vg1}
                    rhoso: {networks: [{name: ctlplane, cidr: 10.0.0.0/24, dnsDomain: c.example.com, allocationStart: 10.0.0.10, allocationEnd: 10.0.0.99}]}
                """)));
        Map<String, String> checks = new HashMap<>();
        argocd.at("/spec/resourceHealthChecks").forEach(check -> checks.put(check.path("group").asText() + "/" + check.path("kind").asText(), check.path("check").asText()));
        assertThat(CHECKS).as("fleets without RHOSO keep their instance as it was").doesNotContainKey("core.openstack.org/OpenStackControlPlane");
        for (String kind : new String[] {"operator.openstack.org/OpenStack", "core.openstack.org/OpenStackControlPlane",
                "dataplane.openstack.org/OpenStackDataPlaneNodeSet", "dataplane.openstack.org/OpenStackDataPlaneDeployment"}) {
            String script = checks.get(kind);
            assertThat(script).as(kind).isNotNull();
            java.util.function.Function<String, String> status = yaml -> {
                try {
                    return dev.pulse.render.simulation.LuaHealthAccess.status(script, kind, YAML.readTree(yaml));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            assertThat(status.apply("metadata: {name: x, generation: 1}\n")).as(kind).isEqualTo("Progressing");
            assertThat(status.apply("""
                    metadata: {name: x, generation: 1}
                    status:
                      observedGeneration: 1
                      conditions:
                        - {type: Ready, status: "False", severity: Info, reason: Requested, message: Deployment in progress}
                    """)).as(kind).isEqualTo("Progressing");
            assertThat(status.apply("""
                    metadata: {name: x, generation: 1}
                    status:
                      observedGeneration: 1
                      conditions:
                        - {type: Ready, status: "False", severity: Error, reason: Error, message: "Deployment error occurred in nova service"}
                    """)).as(kind).isEqualTo("Degraded");
            assertThat(status.apply("""
                    metadata: {name: x, generation: 2}
                    status:
                      observedGeneration: 1
                      conditions: [{type: Ready, status: "True", reason: Ready, message: Setup complete}]
                    """)).as(kind + " whose status describes an older spec").isEqualTo("Progressing");
            assertThat(status.apply("""
                    metadata: {name: x, generation: 2}
                    status:
                      observedGeneration: 2
                      conditions: [{type: Ready, status: "True", reason: Ready, message: Setup complete}]
                    """)).as(kind).isEqualTo("Healthy");
        }
    }
}
