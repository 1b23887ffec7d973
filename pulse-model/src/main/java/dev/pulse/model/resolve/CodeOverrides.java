package dev.pulse.model.resolve;

import dev.pulse.model.Catalog;
import dev.pulse.model.FleetSpec;
import dev.pulse.model.Source;
import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The PULSE-OVERRIDE note for catalog entries built in code: a fleet.yaml override of a built-in role, hardware profile
 * or device is merged onto it field by field (and the loader says what it changed), but an entry built in code replaces
 * the built-in one whole. Without a word, {@code role(r -> r.name("optik").gpus(2))} would silently drop the built-in
 * optik's SR-IOV network, CPU pinning and guest templates; the note says so at the line that built it.
 */
final class CodeOverrides {

    private CodeOverrides() {}

    static List<Diagnostic> check(FleetSpec spec, Catalog builtins) {
        List<Diagnostic> notes = new ArrayList<>();
        Catalog own = spec.catalog();
        check(own.roles(), builtins.roles(), "roles", "role", own, r -> r.source(), notes);
        check(own.hardwareProfiles(), builtins.hardwareProfiles(), "hardwareProfiles", "hardware profile", own, p -> p.source(), notes);
        check(own.devices(), builtins.devices(), "devices", "device", own, d -> d.source(), notes);
        return notes;
    }

    private static <T> void check(Map<String, T> entries, Map<String, T> builtIn, String section, String kind, Catalog own,
            Function<T, Source> source, List<Diagnostic> notes) {
        entries.forEach((name, entry) -> {
            T base = builtIn.get(name);
            // an entry read from YAML keeps its merged mapping in sources: the loader has already said what it overrode
            if (base != null && !base.equals(entry) && !own.sources().containsKey(section + "/" + name)) {
                notes.add(Diagnostic.note(Rule.OVERRIDE, source.apply(entry).at(), kind + " '" + name
                        + "' built in code replaces the built-in one whole: fields it does not set take the builder's defaults, "
                        + "not the built-in " + kind + "'s", "set every field to keep, give it another name, or override it in "
                        + "profiles/*.yaml, where overrides merge field by field"));
            }
        });
    }
}
