package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.model.Fleet;
import dev.pulse.model.diag.FleetException;
import dev.pulse.render.Renderer;
import dev.pulse.render.TestFleets;
import dev.pulse.render.tree.Rendering;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("200 seeded random valid fleets")
class RandomFleetsTest {

    static final int FLEETS = 200;

    private static Rendering render(long seed) {
        String text = RandomFleets.fleet(seed);
        try {
            Fleet fleet = TestFleets.load(text);
            return new Renderer("fleet.yaml").render(fleet, List.of());
        } catch (FleetException e) {
            throw new AssertionError("seed " + seed + " is not a valid fleet (fix RandomFleets):\n" + e.getMessage() + "\n" + text, e);
        }
    }

    @Test
    @DisplayName("are valid and render")
    void valid() {
        for (long seed = 0; seed < FLEETS; seed++) {
            assertThat(render(seed).tree().size()).isPositive();
        }
    }

    @Test
    @DisplayName("converge in the sync simulation (under 60 s)")
    void converge() {
        Simulation simulation = new Simulation(SharedHealth.health());
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        long simulating = 0;
        for (long seed = 0; seed < FLEETS; seed++) {
            Rendering rendering = render(seed);
            long at = seed;
            long before = System.nanoTime();
            simulation.run(rendering.tree(), rendering.fleet()).failure().ifPresent(f -> failures.add("seed " + at + ": " + f.format()));
            simulating += System.nanoTime() - before;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("rendered and simulated " + FLEETS + " random fleets in " + millis + " ms, " + simulating / 1_000_000 + " ms of it simulating");
        assertThat(failures.stream().limit(10).toList()).as(failures.size() + " of " + FLEETS + " fleets do not converge; the first ten").isEmpty();
        assertThat(millis).isLessThan(60_000);
    }
}
