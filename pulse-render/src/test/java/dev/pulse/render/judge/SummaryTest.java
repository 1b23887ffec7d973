package dev.pulse.render.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.model.Cluster;
import dev.pulse.model.Fleet;
import dev.pulse.model.GpuSlot;
import dev.pulse.render.Pulse;
import dev.pulse.render.review.Summary;
import dev.pulse.render.tree.Rendering;
import dev.pulse.render.tree.TreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SUMMARY.md says what the model says: its numbers are checked against the model, not against a golden file. */
@DisplayName("SUMMARY.md: numbers match the model; impact lists reboots")
class SummaryTest {

    static Stream<Path> examples() {
        return Examples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void numbersMatchTheModel(Path example) {
        Rendering rendering = Examples.render(example);
        Fleet fleet = rendering.fleet();
        String summary = rendering.tree().text(Summary.PATH);
        int vms = fleet.clusters().stream().mapToInt(c -> c.vms().size()).sum();
        assertThat(summary).contains(fleet.clusters().size() + " cluster(s), ", vms + " VM(s).");
        for (dev.pulse.model.ResolvedCluster cluster : fleet.clusters()) {
            assertThat(summary).contains("## Cluster " + cluster.name());
            for (dev.pulse.model.ResolvedHost host : cluster.hosts()) {
                for (GpuSlot slot : host.profile().gpus()) {
                    int used = cluster.vms().stream().filter(vm -> vm.host().filter(host.name()::equals).isPresent())
                            .mapToInt(vm -> vm.role().gpus()).sum();
                    Matcher row = Pattern.compile("\\| " + Pattern.quote(host.name()) + " \\| [^|]+ \\| " + Pattern.quote(slot.model()) + " \\S+: (\\d+) / (\\d+)")
                            .matcher(summary);
                    assertThat(row.find()).as("host row of " + host.name()).isTrue();
                    assertThat(Integer.parseInt(row.group(1))).as("GPUs used on " + host.name()).isEqualTo(used);
                    assertThat(Integer.parseInt(row.group(2))).as("GPUs of " + host.name()).isEqualTo(slot.count());
                }
            }
            cluster.vms().forEach(vm -> assertThat(summary).contains("| " + vm.name() + " | " + vm.role().name() + " | " + vm.host().orElse("any")
                    + " | " + vm.role().gpus() + " | "));
            assertThat(summary).contains("```mermaid\nflowchart LR\n  c_" + cluster.name().replace('-', '_'));
        }
    }

    @Test
    @DisplayName("changing the hosts' CPU vendor lists the pool's reboot; rendering again keeps the summary")
    void rebootListed(@TempDir Path repo) throws IOException {
        Path studio = Examples.all().stream().filter(p -> p.getFileName().toString().equals("pulse-studio")).findFirst().orElseThrow();
        Files.copy(studio.resolve("fleet.yaml"), repo.resolve("fleet.yaml"));
        Path deploy = repo.resolve("deploy");
        Pulse pulse = new Pulse();
        new TreeWriter(deploy).write(pulse.render(pulse.render(repo.resolve("fleet.yaml")), deploy).rendering().tree(), false);
        assertThat(Files.readString(deploy.resolve(Summary.PATH))).contains("First render into this folder");

        Files.writeString(repo.resolve("fleet.yaml"), Files.readString(repo.resolve("fleet.yaml")).replaceFirst("    hostNetworks:", "    cpu: {vendor: intel}\n    hostNetworks:"));
        Rendering changed = pulse.render(pulse.render(repo.resolve("fleet.yaml")), deploy).rendering();
        new TreeWriter(deploy).write(changed.tree(), false);
        String summary = Files.readString(deploy.resolve(Summary.PATH));
        assertThat(summary).contains("**Nodes that reboot:**", "- studio: every node of pool g493-zb1-rtx6000ada reboots (MachineConfig 100-g493-zb1-rtx6000ada-iommu changed)");

        TreeWriter.Report again = new TreeWriter(deploy).write(pulse.render(pulse.render(repo.resolve("fleet.yaml")), deploy).rendering().tree(), false);
        assertThat(again.written()).as("an unchanged model rewrites nothing, SUMMARY.md included").isZero();
        assertThat(Files.readString(deploy.resolve(Summary.PATH))).isEqualTo(summary);
    }
}
