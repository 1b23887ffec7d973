package dev.pulse.render.judge;

import static org.assertj.core.api.Assertions.fail;

import dev.pulse.render.Pulse;
import dev.pulse.render.tree.Rendering;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled example config repos — every {@code it/src/it/<name>/} with a {@code fleet.yaml} and a
 * committed {@code deploy/} — found through the {@code pulse.examples} property the build sets; a new
 * example is judged without touching any test. (IT scenarios that render into a fresh folder have no
 * committed {@code deploy/}.)
 */
final class Examples {

    private Examples() {}

    /** Folder of every example that has a fleet.yaml, sorted. */
    static List<Path> all() {
        Path root = Path.of(requiredProperty("pulse.examples", "the it/src/it folder of this repository"));
        if (!Files.isDirectory(root)) {
            fail("pulse.examples points at " + root + ", which is not a folder");
        }
        try (Stream<Path> entries = Files.list(root)) {
            List<Path> examples = entries.filter(dir -> Files.isRegularFile(dir.resolve("fleet.yaml")) && Files.isDirectory(dir.resolve("deploy")))
                    .sorted().toList();
            if (examples.isEmpty()) {
                fail("no example fleet under " + root);
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example rendered for its committed deploy/ folder (SUMMARY.md's impact compares with it). */
    static Rendering render(Path example) {
        try {
            Pulse pulse = new Pulse();
            return pulse.render(pulse.render(example.resolve("fleet.yaml")), example.resolve("deploy")).rendering();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A system property the build must set; its absence fails the test (a judge never skips). */
    static String requiredProperty(String name, String what) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.contains("${")) {
            fail("system property " + name + " is not set: run the tests through Maven (./mvnw verify), or pass -D" + name + "=<" + what + ">");
        }
        return value;
    }
}
