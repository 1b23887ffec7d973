package dev.pulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.yaml.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: each {@code corpus/bad/<case>.yaml} must fail with exactly the diagnostics listed
 * in {@code <case>.expected} ({@code ID line:col} per line, sorted as Pulse prints them), and each
 * {@code corpus/good/<case>.yaml} must load without an error. All load over {@code corpus/catalog.yaml}.
 */
@DisplayName("Corpus: bad fleets fail with exactly their expected diagnostics, good fleets load")
class CorpusTest {

    static final YamlLimits LIMITS = new YamlLimits(64 * 1024, 32, 10_000);

    static Path corpus(String folder) {
        try {
            return Path.of(CorpusTest.class.getResource("/corpus/" + folder).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> bad() throws IOException {
        return cases("bad");
    }

    static Stream<Path> good() throws IOException {
        return cases("good");
    }

    private static Stream<Path> cases(String folder) throws IOException {
        try (Stream<Path> files = Files.list(corpus(folder))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static FleetLoader loader() {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/catalog.yaml")) {
            Catalog catalog = FleetLoader.readCatalog(List.of(new NamedContent("catalog.yaml", in.readAllBytes())), LIMITS);
            return new FleetLoader(catalog, LIMITS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ID line:col} of every diagnostic of loading {@code file}, or empty when it loaded. */
    static List<String> diagnostics(Path file) throws IOException {
        try {
            return loader().load(new NamedContent(file.getFileName().toString(), Files.readAllBytes(file)), List.of()).warnings().stream()
                    .map(CorpusTest::line).toList();
        } catch (FleetException e) {
            return e.diagnostics().stream().map(CorpusTest::line).toList();
        }
    }

    private static String line(Diagnostic d) {
        return d.id() + " " + d.location().line() + ":" + d.location().column();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void badFleetFailsWithItsExpectedDiagnostics(Path file) throws IOException {
        Path expectedFile = file.resolveSibling(file.getFileName().toString().replace(".yaml", ".expected"));
        List<String> actual = diagnostics(file);
        if (!Files.isRegularFile(expectedFile)) {
            fail("no " + expectedFile.getFileName() + "; the diagnostics are:\n" + String.join("\n", actual));
        }
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(expected).as("a bad case has at least one diagnostic").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void goodFleetLoads(Path file) throws IOException {
        try {
            loader().load(new NamedContent(file.getFileName().toString(), Files.readAllBytes(file)), List.of());
        } catch (FleetException e) {
            fail(file.getFileName() + " should load:\n" + e.getMessage());
        }
    }
}
