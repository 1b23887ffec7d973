package dev.pulse.importer.proxmox;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import dev.pulse.model.yaml.YamlLimits;
import dev.pulse.model.yaml.YamlMap;
import dev.pulse.model.yaml.YamlNode;
import dev.pulse.model.yaml.YamlReader;
import dev.pulse.model.yaml.YamlScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The optional roles file of an import: a YAML mapping of Proxmox VM id to role name ({@code 200: desktop}).
 * It is read like fleet.yaml, through the bounded {@link YamlReader}, so an oversized, deeply nested or
 * alias-bomb file is refused with its {@code PULSE-YAML-*} diagnostic; an entry that is not "VM id: role
 * name" is a {@code PULSE-PROXMOX-SYNTAX} error at its key, and every problem is reported at once.
 */
final class RolesFile {

    /** Proxmox VM ids are 100 to 999 999 999, so nine digits always fit an int. */
    private static final Pattern VM_ID = Pattern.compile("\\d{1,9}");
    private static final String EXAMPLE = "write one line per VM, its id and a role name: '200: desktop'";

    private RolesFile() {}

    /**
     * Reads {@code file}; problems go to {@code diagnostics} and the good entries are still returned.
     *
     * @return VM id to role name, in id order; empty for an empty file (no overrides)
     */
    static Map<Integer, String> read(Path file, YamlLimits limits, Diagnostics diagnostics) {
        String label = file.getFileName().toString();
        Map<Integer, String> roles = new TreeMap<>();
        Optional<byte[]> content = bytes(file, label, limits, diagnostics);
        if (content.isEmpty()) {
            return roles;
        }
        // A file with nothing (or only comments) in it asks for no overrides; YamlReader calls that an error for fleet files.
        Diagnostics parse = new Diagnostics();
        Optional<YamlNode> root = new YamlReader(limits).read(label, content.get(), parse);
        parse.sorted().stream().filter(d -> !isEmptyFile(d)).forEach(diagnostics::add);
        if (root.isEmpty()) {
            return roles;
        }
        if (!(root.get() instanceof YamlMap mapping)) {
            diagnostics.error(Rule.PROXMOX_SYNTAX, root.get().location(), "a roles file maps VM ids to role names, not " + root.get().describe(),
                    EXAMPLE);
            return roles;
        }
        for (YamlMap.Entry entry : mapping.entries().values()) {
            if (!VM_ID.matcher(entry.key()).matches()) {
                diagnostics.error(Rule.PROXMOX_SYNTAX, entry.keyLocation(), "'" + entry.key() + "' is not a Proxmox VM id",
                        "use the number of the VM's <vmid>.conf as the key; " + EXAMPLE);
            } else if (!(entry.value() instanceof YamlScalar scalar) || scalar.type() != YamlScalar.Type.STRING || scalar.text().isBlank()) {
                diagnostics.error(Rule.PROXMOX_SYNTAX, entry.keyLocation(), "VM " + entry.key() + " is mapped to " + describe(entry.value())
                        + ", not a role name", "map each VM to one role: '" + entry.key() + ": desktop' (quote a name YAML reads as a number or boolean)");
            } else {
                roles.put(Integer.parseInt(entry.key()), scalar.text());
            }
        }
        return roles;
    }

    /** The file's bytes; its size is checked first, so a huge file is never read into memory. */
    private static Optional<byte[]> bytes(Path file, String label, YamlLimits limits, Diagnostics diagnostics) {
        try {
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                diagnostics.error(Rule.YAML_SIZE, Location.of(label), "file is " + size + " bytes, more than the limit of " + limits.maxBytes(),
                        "check that this is the roles file you meant (it maps VM ids to role names)");
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            diagnostics.error(Rule.IO, Location.of(label), "cannot read " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    "check that the file exists and is readable (pulse.proxmox.roles names it)");
            return Optional.empty();
        }
    }

    /** An empty value ({@code 200:}) reads as an empty string or null: say "nothing" rather than "a string ''". */
    private static String describe(YamlNode value) {
        return value instanceof YamlScalar scalar && (scalar.type() == YamlScalar.Type.NULL || scalar.text().isBlank()) ? "nothing" : value.describe();
    }

    private static boolean isEmptyFile(Diagnostic diagnostic) {
        return diagnostic.rule() == Rule.YAML_EMPTY;
    }
}
