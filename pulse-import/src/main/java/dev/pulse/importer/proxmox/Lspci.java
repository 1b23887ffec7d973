package dev.pulse.importer.proxmox;

import dev.pulse.model.PciId;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A capture of {@code lspci -nn} (or {@code -Dnn}) from the Proxmox host: which vendor:device id sits at
 * which PCI address, so {@code hostpci} addresses resolve to catalog device models.
 *
 * @param devices full address ({@code 0000:01:00.0}) to id
 * @param descriptions full address to the rest of the line ({@code Host bridge [0600]: Advanced Micro Devices ...})
 */
public record Lspci(Map<String, PciId> devices, Map<String, String> descriptions) {

    public static final Lspci NONE = new Lspci(Map.of(), Map.of());

    public Lspci(Map<String, PciId> devices) {
        this(devices, Map.of());
    }

    private static final Pattern LINE = Pattern.compile("((?:[0-9a-fA-F]{4}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])\\s.*\\[([0-9a-fA-F]{4}:[0-9a-fA-F]{4})](?:\\s*\\(rev [0-9a-f]+\\))?\\s*$");

    public static Lspci parse(String file, String text, Diagnostics diagnostics) {
        Map<String, PciId> devices = new TreeMap<>();
        Map<String, String> descriptions = new TreeMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                diagnostics.error(Rule.PROXMOX_SYNTAX, new Location(file, i + 1, 1), "not an 'lspci -nn' line",
                        "capture the host's devices with 'lspci -Dnn > lspci.txt'");
                continue;
            }
            devices.put(normalize(matcher.group(1)), PciId.parse(matcher.group(2)).orElseThrow());
            descriptions.put(normalize(matcher.group(1)), line.substring(matcher.group(1).length()).strip());
        }
        return new Lspci(devices, descriptions);
    }

    /** {@code 01:00.0} → {@code 0000:01:00.0}, lower case. */
    public static String normalize(String address) {
        String lower = address.toLowerCase(java.util.Locale.ROOT);
        return lower.matches("[0-9a-f]{4}:.*") ? lower : "0000:" + lower;
    }

    /** The functions at {@code address}: one ({@code 01:00.1}) or all of a slot ({@code 01:00}). */
    public Map<String, PciId> at(String address) {
        String full = normalize(address);
        Map<String, PciId> found = new TreeMap<>();
        devices.forEach((key, id) -> {
            if (key.equals(full) || (!full.contains(".") && key.startsWith(full + "."))) {
                found.put(key, id);
            }
        });
        return found;
    }

    public Optional<PciId> id(String address) {
        return Optional.ofNullable(devices.get(normalize(address)));
    }
}
