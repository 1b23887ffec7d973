package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.model.Fleet;
import dev.pulse.render.Renderer;
import dev.pulse.render.TestFleets;
import dev.pulse.render.simulation.SimulationResult.ApplicationPlan;
import dev.pulse.render.simulation.SimulationResult.Failure;
import dev.pulse.render.tree.Tree;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("sync simulation of an RHOSO tree")
class RhosoSimulationTest {

    private static final String FLEET = """
            hardwareProfiles: [{name: l4s, cpu: {vendor: intel}, gpus: [{model: l4, count: 2}]}]
            roles: [{name: g1, gpus: 1, resources: {cpu: {cores: 4}, memory: 16Gi}}]
            clusters:
              - name: os
                platform: rhoso
                storage: {class: lvms-vg1}
                rhoso:
                  networks: [{name: ctlplane, cidr: 10.0.0.0/24, dnsDomain: c.example.com, allocationStart: 10.0.0.10, allocationEnd: 10.0.0.99}]
                  flavors: [g1]
                hosts: [{name: cmp-0, profile: l4s, ctlplaneIP: 10.0.0.5}]
            """;

    private final Fleet fleet = TestFleets.load(FLEET);
    private final Tree tree = new Renderer("fleet.yaml").render(fleet, List.of()).tree();

    private SimulationResult simulate(Tree tree) {
        return new Simulation(SharedHealth.health()).run(tree, fleet);
    }

    /** The tree with {@code from} replaced by {@code to} in the one file whose path ends with {@code suffix}. */
    private Tree mutated(String suffix, String from, String to) {
        Tree copy = new Tree();
        for (Map.Entry<String, byte[]> file : tree.files().entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            if (file.getKey().endsWith(suffix)) {
                assertThat(text).as(file.getKey()).contains(from);
                text = text.replace(from, to);
            }
            copy.put(file.getKey(), text.getBytes(StandardCharsets.UTF_8));
        }
        return copy;
    }

    @Test
    @DisplayName("converges: operators, control plane, data plane (rebooting the EDPM node into its kernel arguments), flavors")
    void converges() {
        SimulationResult result = simulate(tree);
        assertThat(result.failure().map(Failure::format)).isEmpty();
        List<ApplicationPlan> plan = result.clusters().get(0).plan();
        assertThat(plan).extracting(ApplicationPlan::name).containsExactly("os-apps", "os-openstack-operators", "os-openstack-control-plane",
                "os-openstack-data-plane", "os-openstack-flavors");
        assertThat(plan.get(3).reboots()).containsExactly("cmp-0 (EDPM kernel arguments intel_iommu=on iommu=pt vfio-pci.ids=10de:27b8 rd.driver.pre=vfio-pci)");
        assertThat(result.assumed()).contains("Secret openstack/osp-secret (the service passwords the model names)");
    }

    @Test
    @DisplayName("without the OpenStack CR the control plane never gets Ready")
    void noOpenStackCr() {
        Failure failure = simulate(mutated("base/openstack-operators/kustomization.yaml", "  - openstack-openstack.yaml\n", "")).failure().orElseThrow();
        assertThat(failure.application()).as(failure.format()).isEqualTo("os-openstack-control-plane");
        assertThat(failure.message()).as(failure.format()).contains("NetConfig");
    }

    @Test
    @DisplayName("a NodeSet naming a service that does not exist stops the data plane")
    void missingService() {
        Failure failure = simulate(mutated("openstackdataplanenodeset-l4s.yaml", "- nova-l4s", "- nova-gpu")).failure().orElseThrow();
        assertThat(failure.application()).as(failure.format()).isEqualTo("os-openstack-data-plane");
        assertThat(failure.message()).as(failure.format()).contains("OpenStackDataPlaneService nova-gpu does not exist in openstack");
    }

    @Test
    @DisplayName("a nova service mounting a ConfigMap that does not exist stops the data plane")
    void missingConfigMap() {
        Failure failure = simulate(mutated("openstackdataplaneservice-nova-l4s.yaml", "name: nova-compute-l4s", "name: nova-compute-other"))
                .failure().orElseThrow();
        assertThat(failure.message()).as(failure.format()).contains("mounts ConfigMap nova-compute-other");
    }
}
