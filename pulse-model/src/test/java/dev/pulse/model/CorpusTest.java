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
 * {@code corpus/good/<case>.yaml} must load without an error and with exactly the warnings and notes its
 * {@code <case>.expected} lists (none without one). A case may also be a folder {@code <case>/} holding a
 * {@code fleet.yaml}, loaded from disk with the {@code profiles/} and {@code templates/} beside it. All load over
 * {@code corpus/catalog.yaml}.
 */
@DisplayName("Corpus: bad fleets fail with exactly their expected diagnostics, good fleets load")
class CorpusTest {

    /** Small enough that a corpus file can pass them (PULSE-YAML-SIZE, -DEPTH, -ALIAS) without being huge. */
    static final YamlLimits LIMITS = new YamlLimits(8 * 1024, 32, 10_000);

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
            return files.filter(f -> f.toString().endsWith(".yaml") || Files.isRegularFile(f.resolve("fleet.yaml"))).sorted().toList().stream();
        }
    }

    /** {@code <case>.expected} beside the case's file or folder. */
    static Path expectedOf(Path testCase) {
        return testCase.resolveSibling(testCase.getFileName().toString().replaceFirst("\\.yaml$", "") + ".expected");
    }

    static FleetLoader loader() {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/catalog.yaml")) {
            Catalog catalog = FleetLoader.readCatalog(List.of(new NamedContent("catalog.yaml", in.readAllBytes())), LIMITS);
            return new FleetLoader(catalog, LIMITS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ID line:col} of every diagnostic of loading {@code file} (a case folder: its fleet.yaml). */
    static List<String> diagnostics(Path file) throws IOException {
        return load(file).stream().map(CorpusTest::line).toList();
    }

    /** Every diagnostic of loading the case, errors or (when it loaded) warnings and notes. */
    private static List<Diagnostic> load(Path file) throws IOException {
        try {
            dev.pulse.model.resolve.Resolver.Resolution result = Files.isDirectory(file) ? loader().load(file.resolve("fleet.yaml"))
                    : loader().load(new NamedContent(file.getFileName().toString(), Files.readAllBytes(file)), List.of());
            return result.warnings();
        } catch (FleetException e) {
            return e.diagnostics();
        }
    }

    /** The non-comment lines of {@code <case>.expected}, or none when there is no such file. */
    static List<String> expected(Path testCase) throws IOException {
        Path expectedFile = expectedOf(testCase);
        return !Files.isRegularFile(expectedFile) ? List.of()
                : Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    private static String line(Diagnostic d) {
        return d.id() + " " + d.location().line() + ":" + d.location().column();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void badFleetFailsWithItsExpectedDiagnostics(Path file) throws IOException {
        List<String> actual = diagnostics(file);
        if (!Files.isRegularFile(expectedOf(file))) {
            fail("no " + expectedOf(file).getFileName() + "; the diagnostics are:\n" + String.join("\n", actual));
        }
        List<String> expected = expected(file);
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(expected).as("a bad case has at least one diagnostic").isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("good")
    void goodFleetLoadsWithItsExpectedWarnings(Path file) throws IOException {
        List<Diagnostic> diagnostics = load(file);
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            fail(file.getFileName() + " should load:\n" + String.join("\n", diagnostics.stream().map(Diagnostic::format).toList()));
        }
        assertThat(diagnostics.stream().map(CorpusTest::line).toList()).as("warnings and notes, as " + expectedOf(file).getFileName() + " lists them")
                .containsExactlyElementsOf(expected(file));
    }
}
