package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.TestFleets;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.Tree;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Storage backends in the sync simulation: workloads wait for the class the backend makes, and the backend for its nodes. */
@DisplayName("sync simulation: storage backends")
class StorageSimulationTest {

    private static final String LVMS = """
            clusters:
              - name: edge
                topology: single-node
                storage: {backend: lvms, disks: [{host: edge-01, paths: [/dev/disk/by-id/nvme-x]}]}
                hosts: [{name: edge-01, profile: g493-zb1-rtx6000ada}]
                vms: [{name: v, role: control, disk: {import: {url: "https://example.com/v.qcow2"}}}]
            """;

    private static final String ODF = """
            hardwareProfiles: [{name: storage-node, cpu: {vendor: intel}}]
            clusters:
              - name: c
                storage:
                  backend: odf
                  disks:
                    - {host: s1, paths: [/dev/sdb]}
                    - {host: s2, paths: [/dev/sdb]}
                    - {host: s3, paths: [/dev/sdb]}
                hosts: [{name: s1, profile: storage-node}, {name: s2, profile: storage-node}, {name: s3, profile: storage-node}]
                vms: [{name: v, role: control, disk: {import: {url: "https://example.com/v.qcow2"}}}]
            """;

    private static SimulationResult simulate(Rendering rendering) {
        return new Simulation(SharedHealth.health()).run(rendering.tree(), rendering.fleet());
    }

    /** The rendering with {@code from} replaced by {@code to} in {@code path}. */
    private static Rendering edit(Rendering rendering, String path, String from, String to) {
        String text = rendering.tree().text(path);
        assertThat(text).contains(from);
        Tree tree = new Tree();
        rendering.tree().files().forEach((file, content) -> tree.put(file, file.equals(path) ? text.replace(from, to).getBytes(StandardCharsets.UTF_8) : content));
        return new Rendering(rendering.fleet(), tree, rendering.layers(), rendering.warnings());
    }

    @Test
    @DisplayName("LVM Storage: converges, the VM's class is made by the LVMCluster, not assumed")
    void lvmsConverges() {
        SimulationResult result = simulate(TestFleets.render(LVMS));
        assertThat(result.failure().map(SimulationResult.Failure::format)).isEmpty();
        assertThat(result.assumed()).noneMatch(assumed -> assumed.contains("StorageClass lvms-vg1"));
        assertThat(result.assumed()).anyMatch(assumed -> assumed.startsWith("the disks LVMCluster lvmcluster names"));
    }

    @Test
    @DisplayName("an LVMCluster whose device class selects no node never gets ready: the storage wave stops, workloads never start")
    void lvmsNoNode() {
        Rendering rendering = edit(TestFleets.render(LVMS), "base/storage/lvmcluster-lvmcluster.yaml", "- edge-01", "- edge-02");
        Optional<SimulationResult.Failure> failure = simulate(rendering).failure();
        assertThat(failure).isPresent();
        assertThat(failure.get().application()).isEqualTo("edge-storage");
        assertThat(failure.get().message()).contains("device class vg1 selects no node");
    }

    @Test
    @DisplayName("ODF: converges once the three storage hosts carry the ODF label and the local block class exists")
    void odfConverges() {
        SimulationResult result = simulate(TestFleets.render(ODF));
        assertThat(result.failure().map(SimulationResult.Failure::format)).isEmpty();
        assertThat(result.assumed()).noneMatch(assumed -> assumed.contains("StorageClass ocs-storagecluster-ceph-rbd-virtualization"));
    }

    @Test
    @DisplayName("ODF without the node label rule: the StorageCluster finds no storage nodes and the storage wave stops")
    void odfWithoutLabels() {
        Rendering rendering = edit(TestFleets.render(ODF), "base/node-labels/nodefeaturerule-pulse-hosts.yaml",
                "cluster.ocs.openshift.io/openshift-storage", "example.com/not-odf");
        Optional<SimulationResult.Failure> failure = simulate(rendering).failure();
        assertThat(failure).isPresent();
        assertThat(failure.get().application()).isEqualTo("c-storage");
        assertThat(failure.get().object().toString()).contains("StorageCluster");
    }
}
