package dev.pulse.model;

import dev.pulse.model.yaml.YamlMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Devices, hardware profiles and roles by name. The built-in catalog comes from the profiles module;
 * a config repo adds entries or overrides them by name with {@link #overriddenBy(Catalog)}. An override is
 * merged field by field onto the entry it overrides before it is bound ({@code load.CatalogMerge}), which is
 * why the catalog keeps each entry's YAML in {@code sources}.
 *
 * @param devices device models by name
 * @param hardwareProfiles hardware profiles by name
 * @param roles roles by name
 * @param templates guest-configuration templates by name
 * @param sources the (merged) YAML mapping each device, hardware profile and role was bound from, keyed
 *     {@code devices/<name>}, {@code hardwareProfiles/<name>}, {@code roles/<name>}
 */
public record Catalog(
        SortedMap<String, Device> devices,
        SortedMap<String, HardwareProfile> hardwareProfiles,
        SortedMap<String, Role> roles,
        SortedMap<String, GuestTemplate> templates,
        SortedMap<String, YamlMap> sources) {

    public static final Catalog EMPTY = new Catalog(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    public Catalog {
        devices = unmodifiableCopy(devices);
        hardwareProfiles = unmodifiableCopy(hardwareProfiles);
        roles = unmodifiableCopy(roles);
        templates = unmodifiableCopy(templates);
        sources = unmodifiableCopy(sources);
    }

    /** A catalog without the entries' YAML (built in code, e.g. by tests). */
    public Catalog(SortedMap<String, Device> devices, SortedMap<String, HardwareProfile> hardwareProfiles, SortedMap<String, Role> roles,
            SortedMap<String, GuestTemplate> templates) {
        this(devices, hardwareProfiles, roles, templates, new TreeMap<>());
    }

    /**
     * This catalog with {@code overrides}' entries added, replacing entries of the same name (the overriding
     * entries are already merged onto the ones they override, see {@code load.CatalogMerge}).
     */
    public Catalog overriddenBy(Catalog overrides) {
        return new Catalog(merge(devices, overrides.devices), merge(hardwareProfiles, overrides.hardwareProfiles), merge(roles, overrides.roles),
                merge(templates, overrides.templates), merge(sources, overrides.sources));
    }

    /** This catalog with the YAML its entries were bound from. */
    public Catalog withSources(Map<String, YamlMap> added) {
        return new Catalog(devices, hardwareProfiles, roles, templates, merge(sources, added));
    }

    /** This catalog with {@code added} templates, replacing those of the same name. */
    public Catalog withTemplates(java.util.Collection<GuestTemplate> added) {
        TreeMap<String, GuestTemplate> all = new TreeMap<>(templates);
        added.forEach(template -> all.put(template.name(), template));
        return new Catalog(devices, hardwareProfiles, roles, all, sources);
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
