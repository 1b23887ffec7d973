package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.TestFleets;
import dev.pulse.render.tree.Rendering;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A cluster Argo CD reaches through a cluster Secret (its {@code server} is not Argo CD's own) is written with
 * that Secret's credentials; Pulse renders no RBAC for it, and the simulation assumes them rather than judging
 * the tree by the local controller's rights (the benchmark's remote GPU clusters were refused before).
 */
@DisplayName("a remote cluster")
class RemoteClusterTest {

    @Test
    @DisplayName("converges with the cluster Secret's credentials assumed, and no ClusterRole rendered for it")
    void remoteGpuCluster() {
        Rendering rendering = TestFleets.render("""
                clusters:
                  - name: far
                    server: https://api.far.example.com:6443
                    storage: {class: rbd, accessMode: ReadWriteMany, size: 20Gi}
                    networks: [{name: cameras, type: sriov, nic: connectx-6}]
                    hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}]
                    vms:
                      - {name: optik-01, role: optik, host: gpu-01, guestVars: {cameraAddress: 10.0.0.1/24}}
                """);
        assertThat(rendering.tree().files().keySet()).noneMatch(path -> path.startsWith("bootstrap/argocd/clusterrole"));
        SimulationResult result = new Simulation(SharedHealth.health()).run(rendering.tree(), rendering.fleet());
        assertThat(result.failure().map(SimulationResult.Failure::format)).isEmpty();
        assertThat(result.assumed()).anyMatch(line -> line.startsWith("Argo CD cluster Secret for https://api.far.example.com:6443"));
    }
}
