package dev.pulse.render.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.render.Pulse;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 20: README's walkthrough works on the bundled example exactly as written. */
@DisplayName("README walkthrough on pulse-studio")
class WalkthroughTest {

    @Test
    @DisplayName("inference to 6 GPUs: refused while unreal-01 holds two, rendered once it is retired with its disk kept")
    void walkthrough(@TempDir Path repo) throws IOException {
        Path studio = Examples.all().stream().filter(p -> p.getFileName().toString().equals("pulse-studio")).findFirst().orElseThrow();
        Files.copy(studio.resolve("fleet.yaml"), repo.resolve("fleet.yaml"));
        Path deploy = repo.resolve("deploy");
        Pulse pulse = new Pulse();
        new TreeWriter(deploy).write(pulse.render(pulse.render(repo.resolve("fleet.yaml")), deploy).rendering().tree(), false);

        String model = Files.readString(repo.resolve("fleet.yaml"));
        String grown = model.replace("clusters:\n", "roles:\n  - name: inference\n    gpus: 6\n\nclusters:\n");
        Files.writeString(repo.resolve("fleet.yaml"), grown);
        assertThatThrownBy(() -> pulse.validate(repo.resolve("fleet.yaml"))).isInstanceOf(FleetException.class)
                .hasMessageContaining("fleet.yaml:38:5: note: role 'inference' overrides the one defined at builtin:roles.yaml:16:5 field by field: "
                        + "gpus 4 → 6; keeps description, resources, guest [PULSE-OVERRIDE]")
                .hasMessageContaining("fleet.yaml:83:53: error: vm 'inference-01' asks for 6 GPUs (role 'inference') but host 'gpu-01' has 4 left");

        String retired = grown.replace("- {name: unreal-01, role: unreal, host: gpu-01, disk:", "- {name: unreal-01, role: unreal, host: gpu-01, retired: keep-disks, disk:");
        assertThat(retired).isNotEqualTo(grown);
        Files.writeString(repo.resolve("fleet.yaml"), retired);
        assertThat(pulse.validate(repo.resolve("fleet.yaml")).warnings()).allMatch(Diagnostic::isNote);
        Pulse.Result result = pulse.render(pulse.render(repo.resolve("fleet.yaml")), deploy);
        assertThat(result.impact().deletions()).containsExactly("studio/unreal-01 (VirtualMachine only: its disks are DataVolumes of their own)");
        assertThat(result.impact().vmRestarts()).containsExactly("studio/inference-01 restarts to apply its new spec");
        assertThat(result.rendering().tree().files()).containsKey("base/workloads/datavolume-unreal-01-rootdisk.yaml")
                .doesNotContainKey("base/workloads/virtualmachine-unreal-01.yaml");
        assertThat(new String(result.rendering().tree().files().get("SUMMARY.md"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("| inference-01 | inference | gpu-01 | 6 | - | 32 dedicated | 128Gi (1Gi pages) |", "| unreal-01 | kept (Prune=false) |");
    }
}
