package dev.pulse.importer.proxmox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.profiles.BuiltinProfiles;
import dev.pulse.render.Pulse;
import dev.pulse.render.judge.SchemaJudgeTest;
import dev.pulse.render.tree.Rendering;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The schema judge over fleets imported from Proxmox: every rendered document validates strictly (VMs with disks, identity, Windows). */
@DisplayName("Schema judge: fleets imported from Proxmox")
class ImportedFleetSchemaTest {

    private static final ObjectMapper YAML = new YAMLMapper();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lab", "studio"})
    @DisplayName("every document of the imported fleet validates")
    void everyDocumentValidates(String folder, @TempDir Path repo) throws Exception {
        Path configs = Path.of(ImportedFleetSchemaTest.class.getResource("/proxmox/" + folder).toURI());
        ProxmoxImport.Result result = new ProxmoxImport(BuiltinProfiles.catalog()).importFolder(configs, Optional.of(configs.resolve("lspci.txt")),
                new ProxmoxImport.Settings(folder, "host-01", "https://export.example.com/proxmox/{vmid}/disk-{n}.qcow2", Map.of(),
                        Optional.of("https://export.example.com/iso/{iso}"), Optional.of("export-ca"), Optional.of("export-auth"), 0));
        Path fleet = repo.resolve("fleet.yaml");
        Files.writeString(fleet, "fleet: imported\ngit: {repoURL: https://git.example.com/imported.git}\n" + result.fragment());
        Rendering rendering = new Pulse().render(fleet);
        List<String> problems = new ArrayList<>();
        int vms = 0;
        for (Map.Entry<String, byte[]> file : rendering.tree().files().entrySet()) {
            if (!file.getKey().endsWith(".yaml") || file.getKey().endsWith("kustomization.yaml")) {
                continue;
            }
            var document = YAML.readTree(file.getValue());
            vms += document.path("kind").asText().equals("VirtualMachine") ? 1 : 0;
            problems.addAll(SchemaJudgeTest.validate(file.getKey(), document));
        }
        assertThat(problems).isEmpty();
        assertThat(vms).isEqualTo(result.vms().size());
    }
}
