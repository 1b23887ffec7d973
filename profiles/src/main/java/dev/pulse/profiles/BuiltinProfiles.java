package dev.pulse.profiles;

import dev.pulse.model.Catalog;
import dev.pulse.model.GuestTemplate;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.yaml.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in catalog shipped as resources of this module: PCI devices from the seed systems, the
 * G493-ZB1 hardware profile, and the {@code optik}, {@code unreal}, {@code inference} and {@code control}
 * roles, and the guest templates {@code ptp}, {@code evt-network}, {@code nvidia-driver} and
 * {@code qemu-guest-agent}. Read once per call; the files are small.
 */
public final class BuiltinProfiles {

    /** Catalog files in the order they are applied. */
    static final List<String> FILES = List.of("devices.yaml", "hardware-profiles.yaml", "roles.yaml");

    /** Built-in guest templates, {@code templates/<name>.yaml.j2}. */
    static final List<String> TEMPLATES = List.of("evt-network", "nvidia-driver", "ptp", "qemu-guest-agent");

    private BuiltinProfiles() {}

    /** The built-in catalog. */
    public static Catalog catalog() {
        List<NamedContent> files = new ArrayList<>();
        for (String file : FILES) {
            files.add(new NamedContent("builtin:" + file, resource(file)));
        }
        List<GuestTemplate> templates = new ArrayList<>();
        for (String name : TEMPLATES) {
            String file = "templates/" + name + FleetLoader.TEMPLATE_SUFFIX;
            templates.add(new GuestTemplate(name, new String(resource(file), StandardCharsets.UTF_8), "builtin:" + file));
        }
        return FleetLoader.readCatalog(files, YamlLimits.DEFAULT).withTemplates(templates);
    }

    private static byte[] resource(String file) {
        try (InputStream in = BuiltinProfiles.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("built-in profile resource missing: " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
