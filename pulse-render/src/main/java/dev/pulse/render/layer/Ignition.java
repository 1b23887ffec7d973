package dev.pulse.render.layer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Ignition {@code config} of a MachineConfig (spec 3.2.0): files as RFC 2397 data URLs and
 * systemd units, so no butane step is needed. Data URLs are percent-encoded rather than base64, so a
 * reviewer can still read {@code options vfio-pci ids=10de:2206} in the diff.
 */
final class Ignition {

    /** Ignition spec version MachineConfigs of OpenShift 4.12+ accept. */
    static final String VERSION = "3.2.0";

    /** {@code 0644}: Ignition wants the decimal mode. */
    private static final int FILE_MODE = 420;

    private Ignition() {}

    /** A file entry: path, mode 0644, overwrite, contents as a data URL. */
    static Map<String, Object> file(String path, String contents) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("path", path);
        file.put("mode", FILE_MODE);
        file.put("overwrite", true);
        file.put("contents", Map.of("source", dataUrl(contents)));
        return file;
    }

    /** An enabled systemd unit. */
    static Map<String, Object> unit(String name, String contents) {
        return Map.of("name", name, "enabled", true, "contents", contents);
    }

    /** The {@code config} object: ignition version, then files and units where there are any. */
    static Map<String, Object> config(List<Map<String, Object>> files, List<Map<String, Object>> units) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("ignition", Map.of("version", VERSION));
        if (!files.isEmpty()) {
            config.put("storage", Map.of("files", files));
        }
        if (!units.isEmpty()) {
            config.put("systemd", Map.of("units", units));
        }
        return config;
    }

    /** {@code data:,} followed by the percent-encoded UTF-8 text; letters, digits and {@code -._~} stay as they are. */
    static String dataUrl(String text) {
        StringBuilder url = new StringBuilder("data:,");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                url.append(c);
            } else {
                url.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return url.toString();
    }
}
