package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pulse.render.Pulse;
import dev.pulse.render.tree.Rendering;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every bundled example (it/src/it/<name>/fleet.yaml, property {@code pulse.examples}) converges: Argo CD and the
 * modelled operators reach a state where every Application is Healthy and every VM runs.
 */
@DisplayName("every example converges in the sync simulation")
class ExamplesConvergeTest {

    @TestFactory
    Stream<DynamicTest> everyExampleConverges() throws IOException {
        String value = System.getProperty("pulse.examples");
        if (value == null || value.isBlank() || value.contains("${")) {
            fail("system property pulse.examples is not set: run the tests through Maven (./mvnw verify)");
        }
        Path root = Path.of(value);
        Simulation simulation = new Simulation(SharedHealth.health());
        try (Stream<Path> entries = Files.list(root)) {
            var examples = entries.filter(dir -> Files.isRegularFile(dir.resolve("fleet.yaml"))).sorted().toList();
            assertThat(examples).as("examples under " + root).isNotEmpty();
            return examples.stream().map(example -> DynamicTest.dynamicTest(example.getFileName().toString(), () -> {
                Rendering rendering = new Pulse().render(example.resolve("fleet.yaml"));
                SimulationResult result = simulation.run(rendering.tree(), rendering.fleet());
                assertThat(result.failure().map(SimulationResult.Failure::format)).as(example.getFileName() + " converges").isEmpty();
            }));
        }
    }
}
