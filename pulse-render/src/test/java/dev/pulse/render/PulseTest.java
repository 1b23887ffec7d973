package dev.pulse.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.model.diag.FleetException;
import dev.pulse.model.resolve.Resolver.Resolution;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The front door as a library user calls it: validate, render, write, check, plan - no Maven involved. */
@DisplayName("Pulse facade: spec -> resolve -> render -> write / check / plan")
class PulseTest {

    private static final String FLEET = TestFleets.HEAD + """
            clusters:
              - name: lab
                storage: {class: ocs-storagecluster-ceph-rbd-virtualization, accessMode: ReadWriteMany}
                hosts: [{name: gpu-01, profile: g493-zb1-rtx6000ada}]
                vms:
                  - {name: unreal-01, role: unreal, host: gpu-01, disk: {import: {url: "https://images.example.com/unreal.qcow2"}, size: 100Gi}}
            """;

    @TempDir
    Path repo;

    private Path fleetFile() throws IOException {
        Path file = repo.resolve("fleet.yaml");
        Files.writeString(file, FLEET, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    @DisplayName("write renders into an empty folder, a second write changes nothing, check finds it up to date, plan converges")
    void writeCheckPlan() throws IOException {
        Pulse pulse = new Pulse();
        Resolution resolved = pulse.validate(fleetFile());
        Path deploy = repo.resolve("deploy");

        Pulse.Written first = pulse.write(pulse.render(resolved), deploy, Pulse.WriteOptions.DEFAULT);
        assertThat(first.written()).isTrue();
        assertThat(first.simulation().converges()).isTrue();
        assertThat(first.report().orElseThrow().written()).isEqualTo(first.result().rendering().tree().size());
        assertThat(deploy.resolve("SUMMARY.md")).isRegularFile();

        Pulse.Written second = pulse.write(pulse.render(resolved), deploy, Pulse.WriteOptions.DEFAULT);
        assertThat(second.report().orElseThrow().written()).isZero();
        assertThat(pulse.check(pulse.render(resolved), deploy, 100).upToDate()).isTrue();
        assertThat(pulse.plan(resolved, deploy).converges()).isTrue();
    }

    @Test
    @DisplayName("check shows a hand edit as a diff of the file, and writes nothing")
    void checkShowsTheDiff() throws IOException {
        Pulse pulse = new Pulse();
        Path deploy = repo.resolve("deploy");
        Rendering rendering = pulse.render(fleetFile());
        pulse.write(rendering, deploy, Pulse.WriteOptions.DEFAULT);
        Path app = deploy.resolve("apps/lab/workloads.yaml");
        String edited = Files.readString(app).replace("selfHeal: true", "selfHeal: false");
        Files.writeString(app, edited);

        Pulse.Checked checked = pulse.check(pulse.render(fleetFile()), deploy, 100);

        assertThat(checked.upToDate()).isFalse();
        assertThat(checked.diff()).contains("apps/lab/workloads.yaml");
        assertThat(Files.readString(app)).isEqualTo(edited);
        assertThatThrownBy(() -> pulse.write(pulse.render(fleetFile()), deploy, Pulse.WriteOptions.DEFAULT))
                .isInstanceOf(TreeWriter.RefusedException.class).hasMessageContaining("apps/lab/workloads.yaml");
    }

    @Test
    @DisplayName("a model with errors is refused before any folder is touched, with every diagnostic")
    void errorsBeforeWriting() throws IOException {
        Files.writeString(fleetFile(), FLEET.replace("role: unreal", "role: unrael"));
        assertThatThrownBy(() -> new Pulse().render(repo.resolve("fleet.yaml"))).isInstanceOf(FleetException.class)
                .hasMessageContaining("fleet.yaml:").hasMessageContaining("PULSE-REF");
        assertThat(repo.resolve("deploy")).doesNotExist();
    }
}
