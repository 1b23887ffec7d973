package dev.pulse.importer.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.Pulse;
import dev.pulse.render.simulation.SharedHealth;
import dev.pulse.render.simulation.Simulation;
import dev.pulse.render.simulation.SimulationResult;
import dev.pulse.render.tree.Rendering;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A fleet imported from Proxmox and merged without edits converges: every Application Healthy, every VM running. */
@DisplayName("fleets imported from Proxmox converge in the sync simulation")
class ImportedFleetConvergesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lab", "studio"})
    void converges(String folder, @TempDir Path repo) throws Exception {
        Path configs = Path.of(ImportedFleetConvergesTest.class.getResource("/proxmox/" + folder).toURI());
        ProxmoxImport.Result result = new ProxmoxImport(BuiltinProfiles.catalog()).importFolder(configs, Optional.of(configs.resolve("lspci.txt")),
                new ProxmoxImport.Settings(folder, "host-01", "https://export.example.com/proxmox/{vmid}/disk-{n}.qcow2", Map.of(),
                        Optional.of("https://export.example.com/iso/{iso}"), Optional.empty(), Optional.empty(), 0));
        Path fleet = repo.resolve("fleet.yaml");
        Files.writeString(fleet, "fleet: imported\ngit: {repoURL: https://git.example.com/imported.git}\n" + result.fragment());
        Rendering rendering = new Pulse().render(fleet);
        SimulationResult simulation = new Simulation(SharedHealth.health()).run(rendering.tree(), rendering.fleet());
        assertThat(simulation.failure().map(SimulationResult.Failure::format)).as(folder + " converges").isEmpty();
    }
}
