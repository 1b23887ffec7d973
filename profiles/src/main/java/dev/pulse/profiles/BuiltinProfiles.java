package dev.pulse.profiles;

import dev.pulse.model.Catalog;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.yaml.YamlLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in catalog shipped as resources of this module: PCI devices from the seed systems, the
 * G493-ZB1 hardware profile, and the {@code optik}, {@code unreal}, {@code inference} and {@code control}
 * roles. Read once per call; the files are small.
 */
public final class BuiltinProfiles {

    /** Catalog files in the order they are applied. */
    static final List<String> FILES = List.of("devices.yaml", "hardware-profiles.yaml", "roles.yaml");

    private BuiltinProfiles() {}

    /** The built-in catalog. */
    public static Catalog catalog() {
        List<NamedContent> files = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = BuiltinProfiles.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("built-in profile resource missing: " + file);
                }
                files.add(new NamedContent("builtin:" + file, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return FleetLoader.readCatalog(files, YamlLimits.DEFAULT);
    }
}
