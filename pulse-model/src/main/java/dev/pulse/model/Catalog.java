package dev.pulse.model;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Devices, hardware profiles and roles by name. The built-in catalog comes from the profiles module;
 * a config repo adds entries or overrides them by name with {@link #overriddenBy(Catalog)}.
 *
 * @param devices device models by name
 * @param hardwareProfiles hardware profiles by name
 * @param roles roles by name
 * @param templates guest-configuration templates by name
 */
public record Catalog(
        SortedMap<String, Device> devices,
        SortedMap<String, HardwareProfile> hardwareProfiles,
        SortedMap<String, Role> roles,
        SortedMap<String, GuestTemplate> templates) {

    public static final Catalog EMPTY = new Catalog(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    public Catalog {
        devices = unmodifiableCopy(devices);
        hardwareProfiles = unmodifiableCopy(hardwareProfiles);
        roles = unmodifiableCopy(roles);
        templates = unmodifiableCopy(templates);
    }

    /** This catalog with {@code overrides}' entries added, replacing entries of the same name. */
    public Catalog overriddenBy(Catalog overrides) {
        return new Catalog(merge(devices, overrides.devices), merge(hardwareProfiles, overrides.hardwareProfiles), merge(roles, overrides.roles),
                merge(templates, overrides.templates));
    }

    /** This catalog with {@code added} templates, replacing those of the same name. */
    public Catalog withTemplates(java.util.Collection<GuestTemplate> added) {
        TreeMap<String, GuestTemplate> all = new TreeMap<>(templates);
        added.forEach(template -> all.put(template.name(), template));
        return new Catalog(devices, hardwareProfiles, roles, all);
    }

    public Optional<Device> device(String name) {
        return Optional.ofNullable(devices.get(name));
    }

    public Optional<HardwareProfile> hardwareProfile(String name) {
        return Optional.ofNullable(hardwareProfiles.get(name));
    }

    public Optional<GuestTemplate> template(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    public Optional<Role> role(String name) {
        return Optional.ofNullable(roles.get(name));
    }

    private static <T> SortedMap<String, T> merge(Map<String, T> base, Map<String, T> overrides) {
        TreeMap<String, T> merged = new TreeMap<>(base);
        merged.putAll(overrides);
        return merged;
    }

    private static <T> SortedMap<String, T> unmodifiableCopy(Map<String, T> entries) {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }
}
