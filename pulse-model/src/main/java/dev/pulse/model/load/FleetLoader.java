package dev.pulse.model.load;

import dev.pulse.model.Catalog;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.GuestTemplate;
import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.resolve.Resolver;
import dev.pulse.model.yaml.YamlLimits;
import dev.pulse.model.yaml.YamlNode;
import dev.pulse.model.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Loads a fleet: parses {@code fleet.yaml} and the config repo's {@code profiles/*.yaml} (bounded YAML),
 * binds them to records, lays the repo's catalog entries over the built-in ones, and runs the rules.
 * Either every diagnostic is an error-free warning and a {@link dev.pulse.model.Fleet} comes back, or
 * {@link dev.pulse.model.diag.FleetException} carries all the problems at once.
 */
public final class FleetLoader {

    /**
     * A fleet file read into a spec, not yet checked.
     *
     * @param spec the spec; its catalog is the built-in one with the repo's entries merged over it
     * @param diagnostics what reading found; errors among them fail the resolve stage
     */
    public record Parsed(FleetSpec spec, List<Diagnostic> diagnostics) {}

    private final Catalog builtins;
    private final YamlReader yaml;

    /**
     * @param builtins the built-in catalog (from the profiles module), overridden by the repo's entries
     * @param limits bounds on every file read
     */
    public FleetLoader(Catalog builtins, YamlLimits limits) {
        this.builtins = builtins;
        this.yaml = new YamlReader(limits);
    }

    /**
     * Loads {@code fleetFile} and every {@code *.yaml} in the {@code profiles/} folder beside it (in name order), and
     * resolves it.
     *
     * @throws dev.pulse.model.diag.FleetException with every diagnostic when any is an error
     */
    public Resolver.Resolution load(Path fleetFile) {
        Parsed parsed = parse(fleetFile);
        return resolve(parsed);
    }

    /**
     * Reads {@code fleetFile} with the {@code profiles/} and {@code templates/} beside it into a spec, without running
     * the rules; what reading found (type errors, unknown keys, override notes) comes along for the resolve stage.
     *
     * @throws dev.pulse.model.diag.FleetException when the fleet file cannot be read or parsed at all
     */
    public Parsed parse(Path fleetFile) {
        Diagnostics diagnostics = new Diagnostics();
        String label = fleetFile.getFileName().toString();
        Optional<byte[]> content = read(fleetFile, label, diagnostics);
        List<NamedContent> catalogFiles = new ArrayList<>();
        Path profiles = fleetFile.toAbsolutePath().getParent().resolve("profiles");
        if (Files.isDirectory(profiles)) {
            try (Stream<Path> files = Files.list(profiles)) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                    String fileLabel = "profiles/" + file.getFileName();
                    read(file, fileLabel, diagnostics).ifPresent(bytes -> catalogFiles.add(new NamedContent(fileLabel, bytes)));
                }
            } catch (IOException e) {
                diagnostics.error(Rule.IO, Location.of("profiles"), "cannot list " + profiles + ": " + e.getMessage(), "check the folder's permissions");
            }
        }
        List<GuestTemplate> templates = new ArrayList<>();
        Path templatesDir = fleetFile.toAbsolutePath().getParent().resolve("templates");
        if (Files.isDirectory(templatesDir)) {
            try (Stream<Path> files = Files.list(templatesDir)) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(TEMPLATE_SUFFIX)).sorted().toList()) {
                    String fileName = file.getFileName().toString();
                    String templateLabel = "templates/" + fileName;
                    read(file, templateLabel, diagnostics).flatMap(bytes -> YamlReader.decode(templateLabel, bytes, diagnostics))
                            .ifPresent(text -> templates.add(new GuestTemplate(fileName.substring(0, fileName.length() - TEMPLATE_SUFFIX.length()), text,
                                    templateLabel)));
                }
            } catch (IOException e) {
                diagnostics.error(Rule.IO, Location.of("templates"), "cannot list " + templatesDir + ": " + e.getMessage(), "check the folder's permissions");
            }
        }
        return parse(new NamedContent(label, content.orElse(null)), catalogFiles, templates, diagnostics);
    }

    /** Guest templates are files named {@code <name>.yaml.j2}. */
    public static final String TEMPLATE_SUFFIX = ".yaml.j2";

    /** A file's name as printed in messages and its bytes. */
    public record NamedContent(String label, byte[] content) {}

    /**
     * Loads a fleet from memory: {@code fleet} plus catalog files applied in order over the built-ins.
     *
     * @throws dev.pulse.model.diag.FleetException with every diagnostic when any is an error
     */
    public Resolver.Resolution load(NamedContent fleet, List<NamedContent> catalogFiles) {
        return resolve(parse(fleet, catalogFiles, List.of(), new Diagnostics()));
    }

    /** As {@link #load(NamedContent, List)}, with the config repo's own guest templates. */
    public Resolver.Resolution load(NamedContent fleet, List<NamedContent> catalogFiles, List<GuestTemplate> templates) {
        return resolve(parse(fleet, catalogFiles, templates, new Diagnostics()));
    }

    /** Runs the rules over a parsed spec, with what parsing found. */
    private Resolver.Resolution resolve(Parsed parsed) {
        return Resolver.resolve(parsed.spec(), builtins, parsed.diagnostics());
    }

    private Parsed parse(NamedContent fleetFile, List<NamedContent> catalogFiles, List<GuestTemplate> templates, Diagnostics diagnostics) {
        Binder binder = new Binder(diagnostics);
        for (GuestTemplate template : templates) {
            builtins.template(template.name()).ifPresent(builtin -> diagnostics.note(Rule.OVERRIDE, Location.of(template.origin()),
                    "template '" + template.name() + "' replaces the built-in one (" + builtin.origin() + ") whole: a template is one text, not fields",
                    "rename the file to keep the built-in template as well"));
        }
        Catalog catalog = builtins.withTemplates(templates);
        for (NamedContent file : catalogFiles) {
            Optional<YamlNode> root = yaml.read(file.label(), file.content(), diagnostics);
            if (root.isPresent()) {
                catalog = bindCatalog(binder, root.get(), catalog, diagnostics);
            }
        }
        Optional<YamlNode> root = fleetFile.content() == null ? Optional.empty() : yaml.read(fleetFile.label(), fleetFile.content(), diagnostics);
        if (root.isEmpty()) {
            diagnostics.throwIfErrors();
            throw new IllegalStateException("unreadable fleet without a diagnostic");
        }
        CatalogMerge.Merged merged = CatalogMerge.apply(root.get(), catalog.sources(), diagnostics);
        FleetSpec spec = binder.fleet(merged.root(), fleetFile.label());
        return new Parsed(spec.withCatalog(catalog.overriddenBy(spec.catalog()).withSources(merged.entries())), diagnostics.sorted());
    }

    /**
     * Reads the built-in catalog files (the profiles module's resources); problems in them are Pulse bugs
     * but are still reported as diagnostics.
     */
    public static Catalog readCatalog(List<NamedContent> files, YamlLimits limits) {
        Diagnostics diagnostics = new Diagnostics();
        YamlReader reader = new YamlReader(limits);
        Binder binder = new Binder(diagnostics);
        Catalog catalog = Catalog.EMPTY;
        for (NamedContent file : files) {
            Optional<YamlNode> root = reader.read(file.label(), file.content(), diagnostics);
            if (root.isPresent()) {
                catalog = bindCatalog(binder, root.get(), catalog, diagnostics);
            }
        }
        diagnostics.throwIfErrors();
        return catalog;
    }

    /** Binds a catalog file's entries, each merged onto the entry of the same name before it, over {@code catalog}. */
    private static Catalog bindCatalog(Binder binder, YamlNode root, Catalog catalog, Diagnostics diagnostics) {
        CatalogMerge.Merged merged = CatalogMerge.apply(root, catalog.sources(), diagnostics);
        return catalog.overriddenBy(binder.catalog(merged.root())).withSources(merged.entries());
    }

    private static Optional<byte[]> read(Path file, String label, Diagnostics diagnostics) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            diagnostics.error(Rule.IO, Location.of(label), "cannot read " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    "check that the file exists and is readable (pulse.fleet names it)");
            return Optional.empty();
        }
    }
}
