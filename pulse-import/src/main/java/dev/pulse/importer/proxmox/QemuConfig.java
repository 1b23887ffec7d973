package dev.pulse.importer.proxmox;

import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Proxmox {@code qemu-server/<vmid>.conf}, as {@code qm config} prints it: {@code key: value} lines,
 * {@code #} description lines, and snapshot sections ({@code [name]}) after the current config, which are
 * skipped with a note. Parsing is strict and bounded: a line that is not {@code key: value} is an error at
 * its line; a file over 1 MiB or 10 000 lines is refused.
 *
 * @param file the file name, for messages
 * @param vmid the VM id (from the file name)
 * @param entries the current config's keys and values with their line numbers, in file order
 * @param snapshots names of snapshot sections skipped
 */
public record QemuConfig(String file, int vmid, Map<String, Entry> entries, List<String> snapshots) {

    /** A value and the line it stands on. */
    public record Entry(String value, int line) {}

    static final int MAX_BYTES = 1 << 20;
    static final int MAX_LINES = 10_000;
    private static final Pattern LINE = Pattern.compile("([a-z][a-z0-9_-]*):\\s?(.*)");
    private static final Pattern SECTION = Pattern.compile("\\[([^\\]]+)]");

    /** Parses {@code text}; problems go to {@code diagnostics} (PULSE-PROXMOX-SYNTAX) and the rest is still read. */
    public static Optional<QemuConfig> parse(String file, String text, Diagnostics diagnostics) {
        Matcher id = Pattern.compile("(\\d+)\\.conf").matcher(file.substring(file.lastIndexOf('/') + 1));
        if (!id.matches()) {
            diagnostics.error(Rule.PROXMOX_SYNTAX, Location.of(file), "file name is not <vmid>.conf", "import the qemu-server folder as Proxmox keeps it");
            return Optional.empty();
        }
        if (text.length() > MAX_BYTES) {
            diagnostics.error(Rule.PROXMOX_SYNTAX, Location.of(file), "file is larger than " + MAX_BYTES + " bytes", "check that this is a qemu-server config");
            return Optional.empty();
        }
        String[] lines = text.split("\n", -1);
        if (lines.length > MAX_LINES) {
            diagnostics.error(Rule.PROXMOX_SYNTAX, Location.of(file), "file has more than " + MAX_LINES + " lines", "check that this is a qemu-server config");
            return Optional.empty();
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> snapshots = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                snapshots.add(section.group(1));
                break; // everything after the first section belongs to snapshots
            }
            Matcher entry = LINE.matcher(line);
            if (!entry.matches()) {
                diagnostics.error(Rule.PROXMOX_SYNTAX, new Location(file, i + 1, 1), "not a 'key: value' line: " + abbreviate(line),
                        "fix or remove the line; 'qm config <vmid>' prints the form Pulse reads");
                continue;
            }
            if (entries.putIfAbsent(entry.group(1), new Entry(entry.group(2).strip(), i + 1)) != null) {
                diagnostics.error(Rule.PROXMOX_SYNTAX, new Location(file, i + 1, 1), "key '" + entry.group(1) + "' is set twice", "keep one of them");
            }
        }
        for (int i = 0; i < lines.length; i++) {
            Matcher section = SECTION.matcher(lines[i].strip());
            if (section.matches() && !snapshots.contains(section.group(1))) {
                snapshots.add(section.group(1));
            }
        }
        return Optional.of(new QemuConfig(file, Integer.parseInt(id.group(1)), entries, snapshots));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    public Location at(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Location.of(file) : new Location(file, entry.line(), 1);
    }

    /** Keys starting with {@code prefix} followed by a number ({@code hostpci0}, {@code net1}), in file order. */
    public List<String> numbered(String prefix) {
        return entries.keySet().stream().filter(key -> key.matches(Pattern.quote(prefix) + "\\d+")).toList();
    }

    /** The comma-separated options of a value: {@code 0000:01:00,pcie=1} gives {@code "" -> 0000:01:00, pcie -> 1}. */
    public static Map<String, String> options(String value) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                options.putIfAbsent("", part.strip());
            } else {
                options.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return options;
    }

    private static String abbreviate(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }
}
