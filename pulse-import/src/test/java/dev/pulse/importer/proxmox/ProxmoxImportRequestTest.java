package dev.pulse.importer.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's whole import ({@link ProxmoxImport#execute}), as pulse:import-proxmox calls it: read, import, write. */
@DisplayName("Proxmox import: one request, read to written")
class ProxmoxImportRequestTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path repo;

    /** The seed-001 workstation's config, with the sno-workstation fleet's catalog (it defines role 'desktop') when {@code fleet} says so. */
    private ProxmoxImport.Request workstation(Optional<Path> roles, Optional<Path> fleet) throws Exception {
        Path configs = ProxmoxImportTest.data("workstation");
        return new ProxmoxImport.Request(configs, Optional.of(configs.resolve("lspci.txt")), roles, fleet, "workstation", "workstation",
                "https://nas.example.com/{disk}.raw", Optional.empty(), Optional.empty(), Optional.empty(), 0, repo.resolve("import/fleet-import.yaml"));
    }

    private static Optional<Path> snoWorkstation() {
        return Optional.of(Path.of(System.getProperty("pulse.examples")).resolve("sno-workstation/fleet.yaml"));
    }

    private Optional<Path> rolesFile(String text) throws Exception {
        return Optional.of(Files.writeString(repo.resolve("roles.yaml"), text));
    }

    /** The diagnostics the request fails with; and nothing was written. */
    private java.util.List<Diagnostic> failure(ProxmoxImport.Request request) {
        FleetException failure = org.assertj.core.api.Assertions.catchThrowableOfType(FleetException.class, () -> ProxmoxImport.execute(request));
        assertThat(failure).as("a FleetException").isNotNull();
        assertThat(request.output()).doesNotExist();
        assertThat(request.reportFile()).doesNotExist();
        return failure.diagnostics();
    }

    @Test
    @DisplayName("writes the fragment and <name>.report.txt beside it (creating the folder) and returns what it wrote")
    void writesFragmentAndReport() throws Exception {
        ProxmoxImport.Written written = ProxmoxImport.execute(workstation(Optional.empty(), Optional.empty()));
        assertThat(written.fragment()).isEqualTo(repo.resolve("import/fleet-import.yaml"));
        assertThat(written.report()).isEqualTo(repo.resolve("import/fleet-import.report.txt"));
        assertThat(Files.readString(written.fragment())).isEqualTo(written.result().fragment());
        assertThat(Files.readAllLines(written.report())).isEqualTo(written.result().report());
        assertThat(written.vmCount()).isEqualTo(1);
        assertThat(written.result().report().get(0)).isEqualTo("catalog: the built-in roles, devices and hardware profiles");
    }

    @Test
    @DisplayName("the report's name drops .yaml or .yml; other names keep theirs")
    void reportFileName() throws Exception {
        ProxmoxImport.Request request = workstation(Optional.empty(), Optional.empty());
        assertThat(request.reportFile()).isEqualTo(repo.resolve("import/fleet-import.report.txt"));
        ProxmoxImport.Request yml = new ProxmoxImport.Request(request.configs(), request.lspci(), request.roles(), request.fleet(), request.cluster(),
                request.host(), request.diskUrl(), request.isoUrl(), request.certConfigMap(), request.secretRef(), 0, repo.resolve("x.yml"));
        assertThat(yml.reportFile()).isEqualTo(repo.resolve("x.report.txt"));
    }

    @Test
    @DisplayName("the catalog is the fleet's, loaded through Pulse#validate: its own role 'desktop' matches by the roles file")
    void catalogOfTheFleet() throws Exception {
        ProxmoxImport.Written written = ProxmoxImport.execute(workstation(rolesFile("200: desktop\n"), snoWorkstation()));
        assertThat(written.result().vms()).singleElement().satisfies(vm -> assertThat(vm.role()).isEqualTo("desktop"));
        assertThat(written.result().report().get(0)).startsWith("catalog: the roles, devices and hardware profiles of ").contains("sno-workstation");
        assertThat(written.result().report()).contains("VM 200 (fedora35): role desktop from the roles file",
                "hardware profile: ryzen-3950x-rtx3080 matches the host's GPUs {rtx-3080=1} and NIC ports {}");
    }

    @Test
    @DisplayName("a fleet file that does not exist: the built-in catalog, and the report says so")
    void missingFleetMeansBuiltins() throws Exception {
        ProxmoxImport.Written written = ProxmoxImport.execute(workstation(Optional.empty(), Optional.of(repo.resolve("fleet.yaml"))));
        assertThat(written.result().report().get(0)).isEqualTo("catalog: the built-in roles, devices and hardware profiles (no fleet file at "
                + repo.resolve("fleet.yaml") + ")");
        JsonNode fragment = YAML.readTree(written.result().fragment());
        assertThat(fragment.at("/clusters/0/vms/0/role").asText()).isEqualTo(ProxmoxImport.GENERATED_ROLE);
    }

    @Test
    @DisplayName("a fleet with errors fails the import with the fleet's diagnostics")
    void fleetWithErrors() throws Exception {
        Path fleet = Files.writeString(repo.resolve("fleet.yaml"), "fleet: x\nclusterz: []\n");
        assertThat(failure(workstation(Optional.empty(), Optional.of(fleet)))).anySatisfy(d -> assertThat(d.format()).startsWith("fleet.yaml:"));
    }

    @Test
    @DisplayName("a configs folder that does not exist is a PULSE-IO diagnostic, not an exception of the file system")
    void missingFolder() throws Exception {
        ProxmoxImport.Request request = workstation(Optional.empty(), Optional.empty());
        ProxmoxImport.Request missing = new ProxmoxImport.Request(repo.resolve("qemu-server"), Optional.of(repo.resolve("lspci.txt")), Optional.empty(),
                Optional.empty(), "c", "h", "https://x/{disk}", Optional.empty(), Optional.empty(), Optional.empty(), 0, request.output());
        assertThat(failure(missing)).extracting(Diagnostic::id).containsExactly("PULSE-IO", "PULSE-IO");
    }

    @Nested
    @DisplayName("the roles file, read within the YAML limits")
    class Roles {

        @Test
        @DisplayName("VM id: role name, comments allowed; an empty file overrides nothing")
        void good() throws Exception {
            ProxmoxImport.Written written = ProxmoxImport.execute(workstation(rolesFile("# VM id: role\n200: control\n201: desktop # not on this host\n"),
                    Optional.empty()));
            assertThat(written.result().vms()).singleElement().satisfies(vm -> assertThat(vm.role()).isEqualTo("control"));
            ProxmoxImport.Written empty = ProxmoxImport.execute(workstation(rolesFile("# nothing to override yet\n"), Optional.empty()));
            assertThat(empty.result().vms()).singleElement().satisfies(vm -> assertThat(vm.role()).isEqualTo(ProxmoxImport.GENERATED_ROLE));
        }

        @Test
        @DisplayName("a key that is not a VM id: an error at its line:col that says what to write")
        void badKey() throws Exception {
            assertThat(failure(workstation(rolesFile("200: desktop\nabc: desktop\n"), Optional.empty()))).singleElement().satisfies(d -> {
                assertThat(d.format()).startsWith("roles.yaml:2:1: error: 'abc' is not a Proxmox VM id [PULSE-PROXMOX-SYNTAX]");
                assertThat(d.hint()).contains("'200: desktop'");
            });
        }

        @Test
        @DisplayName("a VM mapped to a list, a number or nothing: errors at each entry, all at once, with the config's own errors")
        void notARoleName() throws Exception {
            java.util.List<Diagnostic> diagnostics = failure(workstation(rolesFile("200: [desktop, control]\n201: 7\n202:\n"), Optional.empty()));
            assertThat(diagnostics).extracting(Diagnostic::format).satisfiesExactly(
                    d -> assertThat(d).startsWith("roles.yaml:1:1: error: VM 200 is mapped to a list, not a role name [PULSE-PROXMOX-SYNTAX]")
                            .contains("'200: desktop'"),
                    d -> assertThat(d).startsWith("roles.yaml:2:1: error: VM 201 is mapped to an integer '7', not a role name"),
                    d -> assertThat(d).startsWith("roles.yaml:3:1: error: VM 202 is mapped to nothing, not a role name"));
        }

        @Test
        @DisplayName("not a mapping at all")
        void notAMapping() throws Exception {
            assertThat(failure(workstation(rolesFile("- 200: desktop\n"), Optional.empty()))).singleElement()
                    .satisfies(d -> assertThat(d.format()).startsWith("roles.yaml:1:1: error: a roles file maps VM ids to role names, not a list"));
        }

        @Test
        @DisplayName("a billion-laughs file stops at the alias budget (PULSE-YAML-ALIAS), without expanding it")
        void billionLaughs() throws Exception {
            StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            for (char c = 'b'; c <= 'i'; c++) {
                String previous = "*" + (char) (c - 1);
                bomb.append(c).append(": &").append(c).append(" [").append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
            }
            bomb.append("200: desktop\n");
            assertThat(failure(workstation(rolesFile(bomb.toString()), Optional.empty()))).extracting(Diagnostic::id).containsExactly("PULSE-YAML-ALIAS");
        }

        @Test
        @DisplayName("too deep, too large and duplicated keys are refused like in fleet.yaml")
        void limits() throws Exception {
            String deep = "200: " + "[".repeat(100) + "]".repeat(100) + "\n";
            assertThat(failure(workstation(rolesFile(deep), Optional.empty()))).extracting(Diagnostic::id).containsExactly("PULSE-YAML-DEPTH");
            assertThat(failure(workstation(rolesFile("200: desktop\n200: control\n"), Optional.empty()))).extracting(Diagnostic::id)
                    .containsExactly("PULSE-YAML-DUPLICATE-KEY");
            Path huge = repo.resolve("roles.yaml");
            try (var channel = java.nio.channels.FileChannel.open(huge, java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[] {'#'}), 17L * 1024 * 1024); // sparse: 17 MiB on paper, one block on disk
            }
            assertThat(failure(workstation(Optional.of(huge), Optional.empty()))).extracting(Diagnostic::id).containsExactly("PULSE-YAML-SIZE");
        }

        @Test
        @DisplayName("a roles file that is not there is a PULSE-IO diagnostic")
        void missing() throws Exception {
            assertThat(failure(workstation(Optional.of(repo.resolve("nope.yaml")), Optional.empty()))).singleElement()
                    .satisfies(d -> assertThat(d.format()).startsWith("nope.yaml:1:1: error: cannot read").contains("[PULSE-IO]"));
        }
    }

    @Test
    @DisplayName("configs that are not UTF-8 are a located PULSE-YAML-ENCODING error, not a MalformedInputException")
    void notUtf8() throws Exception {
        Path configs = Files.createDirectories(repo.resolve("qemu-server"));
        Files.write(configs.resolve("300.conf"), "name: caf\u00e9\ncores: 2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ProxmoxImport.Request request = new ProxmoxImport.Request(configs, Optional.empty(), Optional.empty(), Optional.empty(), "c", "h", "https://x/{disk}",
                Optional.empty(), Optional.empty(), Optional.empty(), 0, repo.resolve("fleet-import.yaml"));
        assertThat(failure(request)).singleElement().satisfies(d -> assertThat(d.format()).startsWith("300.conf:1:10: error: byte 0xE9 is not UTF-8"));
    }

    @Test
    @DisplayName("an import that fails names every problem at once and writes nothing")
    void allAtOnce() throws Exception {
        ProxmoxImport.Request request = new ProxmoxImport.Request(ProxmoxImportTest.data("bad"), Optional.of(ProxmoxImportTest.data("bad").resolve("lspci.txt")),
                rolesFile("abc: desktop\n"), Optional.empty(), "c", "h", "https://x/{disk}", Optional.empty(), Optional.empty(), Optional.empty(), 0,
                repo.resolve("fleet-import.yaml"));
        assertThatThrownBy(() -> ProxmoxImport.execute(request)).isInstanceOf(FleetException.class)
                .hasMessageContaining("roles.yaml:1:1: error: 'abc' is not a Proxmox VM id")
                .hasMessageContaining("300.conf:2:1: error: not a 'key: value' line")
                .hasMessageContaining("5 errors");
        assertThat(request.output()).doesNotExist();
    }
}
