package dev.pulse.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.model.Catalog;
import dev.pulse.model.Fleet;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.Role;
import dev.pulse.model.Source;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.yaml.YamlLimits;
import dev.pulse.profiles.BuiltinProfiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("FleetSpecWriter: a spec written as fleet.yaml loads back into an equal spec")
class FleetSpecWriterTest {

    /** pulse-model's corpus and the example ITs, read from the source tree (tests run in the module's folder). */
    private static final Path CORPUS = Path.of("../pulse-model/src/test/resources/corpus");
    private static final Path EXAMPLES = Path.of("../it/src/it");

    static Stream<Path> corpusFleets() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve("good"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static Stream<Path> exampleFleets() throws IOException {
        try (Stream<Path> folders = Files.list(EXAMPLES)) {
            return folders.map(folder -> folder.resolve("fleet.yaml")).filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    private static Catalog corpusCatalog() throws IOException {
        return FleetLoader.readCatalog(List.of(new NamedContent("catalog.yaml", Files.readAllBytes(CORPUS.resolve("catalog.yaml")))), YamlLimits.DEFAULT);
    }

    private static FleetSpec load(Catalog base, String label, byte[] content) {
        return new FleetLoader(base, YamlLimits.DEFAULT).load(new NamedContent(label, content), List.of()).fleet().spec();
    }

    /** Writes {@code spec}, loads the text over {@code base} and holds the two specs equal but for where things were written. */
    private static String roundTrip(Catalog base, FleetSpec spec) {
        String text = new FleetSpecWriter(base).write("Written by FleetSpecWriterTest.", spec);
        FleetSpec again = load(base, spec.origin(), text.getBytes(StandardCharsets.UTF_8));
        assertThat(again).as(text).usingRecursiveComparison().ignoringFieldsOfTypes(Source.class).ignoringFields("catalog.sources").isEqualTo(spec);
        return text;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFleets")
    void corpusFleetsRoundTrip(Path fleet) throws IOException {
        Catalog base = corpusCatalog();
        roundTrip(base, load(base, fleet.getFileName().toString(), Files.readAllBytes(fleet)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleFleets")
    void exampleFleetsRoundTrip(Path fleet) throws IOException {
        Catalog base = BuiltinProfiles.catalog();
        roundTrip(base, load(base, "fleet.yaml", Files.readAllBytes(fleet)));
    }

    @Test
    void theCorpusAndTheExamplesAreAllThere() throws IOException {
        assertThat(corpusFleets().count()).isGreaterThanOrEqualTo(7);
        assertThat(exampleFleets().count()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void onlyTheSpecsOwnCatalogEntriesAreWrittenAndOverridesAsTheirDifference() throws IOException {
        Catalog base = corpusCatalog();
        String text = roundTrip(base, load(base, "catalog-override.yaml",
                Files.readAllBytes(CORPUS.resolve("good/catalog-override.yaml"))));

        assertThat(text).contains("roles:\n  - name: small\n    resources:\n      memory: 8Gi\n").doesNotContain("devices:").doesNotContain("hardwareProfiles:");
    }

    @Test
    void defaultsAreLeftOutAndKeysFollowTheSchema() {
        FleetSpec spec = Fleet.builder().name("pulse").git("git@example.com:pulse.git")
                .role(r -> r.name("web").gpus(1))
                .cluster(c -> c.name("lab").host("box-1", "plain").vm(v -> v.name("a").role("web"))).build();

        String text = new FleetSpecWriter(Catalog.EMPTY).write("", spec);

        assertThat(text).isEqualTo("""
                fleet: pulse
                git:
                  repoURL: git@example.com:pulse.git
                clusters:
                  - name: lab
                    hosts:
                      - name: box-1
                        profile: plain
                    vms:
                      - name: a
                        role: web
                roles:
                  - name: web
                    gpus: 1
                """);
    }

    @Test
    void whatFleetYamlCannotSayFailsNamingTheField() {
        Catalog base = new Catalog(new java.util.TreeMap<>(), new java.util.TreeMap<>(),
                new java.util.TreeMap<>(java.util.Map.of("web", Role.builder().name("web").guestVar("site", "a").build())), new java.util.TreeMap<>());
        FleetSpec spec = Fleet.builder().name("pulse").git("g").catalog(base).role(Role.builder().name("web").build()).build();

        assertThatThrownBy(() -> new FleetSpecWriter(base).write("", spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role 'web' guestVars").hasMessageContaining("site");
    }
}
