package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.render.simulation.SimulationResult.ApplicationPlan;
import dev.pulse.render.simulation.SimulationResult.Failure;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("sync simulation on a hand-made tree")
class SimulationTest {

    @Nested
    @DisplayName("a tree that converges")
    class Converging {

        private final SimulationResult result = new ConvergingTree().simulate();

        @Test
        @DisplayName("converges")
        void converges() {
            assertThat(result.failure().map(Failure::format)).isEmpty();
            assertThat(result.converges()).isTrue();
        }

        @Test
        @DisplayName("plans the root first, then each layer Application in sync-wave order")
        void plansInOrder() {
            List<ApplicationPlan> plan = result.clusters().get(0).plan();
            assertThat(plan).extracting(ApplicationPlan::name).containsExactly("lab-apps", "lab-operators", "lab-node-labels", "lab-host-config",
                    "lab-virtualization", "lab-networks", "lab-workloads");
            assertThat(plan).extracting(ApplicationPlan::syncWave).containsExactly(-1, 0, 1, 2, 3, 4, 5);
        }

        @Test
        @DisplayName("orders resources by wave and kind, and says what each wave waits for")
        void waves() {
            ApplicationPlan operators = result.clusters().get(0).plan().get(1);
            assertThat(operators.waves()).hasSize(3);
            assertThat(operators.waves().get(0).objects()).allMatch(object -> object.startsWith("Namespace "));
            assertThat(operators.waves().get(2).waitsFor()).anyMatch(wait -> wait.startsWith("Subscription openshift-cnv/kubevirt-hyperconverged"));
        }

        @Test
        @DisplayName("names the nodes each Application reboots")
        void reboots() {
            List<ApplicationPlan> plan = result.clusters().get(0).plan();
            assertThat(plan.get(3).reboots()).containsExactly("gpu-01 (100-g493-zb1-rtx6000ada-iommu, 50-performance-pulse-g493-zb1-rtx6000ada)");
            assertThat(plan.get(5).reboots()).containsExactly("gpu-01 (SR-IOV connectx-6 numVfs=8)");
            assertThat(plan.get(6).reboots()).isEmpty();
        }

        @Test
        @DisplayName("lists the user-provided prerequisites it assumed")
        void assumed() {
            assertThat(result.assumed()).contains("Secret lab-vms/lab-ssh (named by the model's access settings)",
                    "StorageClass fast-rwx (named by the model's storage settings)");
        }

        @Test
        @DisplayName("writes the plan as a SUMMARY.md section")
        void markdown() {
            String md = SyncPlanMarkdown.of(result);
            assertThat(md).contains("## Sync plan (simulated)", "### Cluster lab", "| 0 | lab-operators | 5 Subscription | - |",
                    "| 2 | lab-host-config | 1 MachineConfigPool, 1 PerformanceProfile | gpu-01 (100-g493-zb1-rtx6000ada-iommu, 50-performance-pulse-g493-zb1-rtx6000ada) |",
                    "Converges: every Application Healthy, every VM running.");
        }

        @Test
        @DisplayName("gives the same answer every run")
        void deterministic() {
            assertThat(new ConvergingTree().simulate()).isEqualTo(result);
        }
    }

    @Nested
    @DisplayName("vGPU")
    class Vgpu {

        @Test
        @DisplayName("the vGPU device manager creates framebuffer / type size devices per card: two L4 as L4-6Q run eight VMs")
        void eightFit() {
            assertThat(ConvergingTree.vgpu().moreVms(7).simulate().failure().map(Failure::format)).isEmpty();
        }

        @Test
        @DisplayName("a ninth does not fit: the model asks for more than the hosts have")
        void nineDoNot() {
            Failure failure = ConvergingTree.vgpu().moreVms(8).simulate().failure().orElseThrow();
            assertThat(failure.object().name()).isEqualTo("optik-09");
            assertThat(failure.message()).contains("nvidia.com/NVIDIA_L4-6Q: 1 asked, 0 free of 8");
            assertThat(failure.cause()).isEqualTo(SimulationResult.Cause.USER_INPUT);
        }

        @Test
        @DisplayName("without the vGPU device manager no mediated device exists")
        void noDeviceManager() {
            Failure failure = ConvergingTree.vgpu().edit("base/virtualization/clusterpolicy.yaml", "vgpuDeviceManager: {enabled: true}", "vgpuDeviceManager: {enabled: false}")
                    .simulate().failure().orElseThrow();
            assertThat(failure.application()).isEqualTo("lab-workloads");
            assertThat(failure.message()).contains("vgpuManager.enabled and vgpuDeviceManager.enabled must both be true");
        }
    }

    @Nested
    @DisplayName("a halted VM")
    class Halted {

        @Test
        @DisplayName("is Suspended as intended in the last wave: the tree converges")
        void lastWave() {
            ConvergingTree tree = new ConvergingTree().edit("base/workloads/virtualmachine-optik-01.yaml", "runStrategy: Always", "runStrategy: Halted");
            assertThat(tree.simulate().failure().map(Failure::format)).isEmpty();
        }

        @Test
        @DisplayName("blocks the sync when a later wave waits for it")
        void earlierWave() {
            ConvergingTree tree = new ConvergingTree().edit("base/workloads/virtualmachine-optik-01.yaml", "runStrategy: Always", "runStrategy: Halted")
                    .edit("base/workloads/virtualmachine-optik-01.yaml", "annotations: {", "annotations: {argocd.argoproj.io/sync-wave: \"-1\", ");
            tree.files.put("base/workloads/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: later, namespace: lab-vms}\n");
            tree.edit("base/workloads/kustomization.yaml", "resources:\n", "resources:\n  - secret.yaml\n");
            Failure failure = tree.simulate().failure().orElseThrow();
            assertThat(failure.message()).contains("is Suspended (Stopped) as intended, but Argo CD waits for it");
        }
    }
}
