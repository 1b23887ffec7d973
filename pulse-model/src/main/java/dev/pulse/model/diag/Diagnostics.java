package dev.pulse.model.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a run so that users see all of them at once, not only the first.
 * Not thread-safe: one instance per load.
 */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    public void error(String id, Location at, String message, String hint) {
        add(Diagnostic.error(id, at, message, hint));
    }

    public void warning(String id, Location at, String message, String hint) {
        add(Diagnostic.warning(id, at, message, hint));
    }

    public void note(String id, Location at, String message, String hint) {
        add(Diagnostic.note(id, at, message, hint));
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    /** Every diagnostic so far, sorted by location; duplicates (same id, place and text) are dropped. */
    public List<Diagnostic> sorted() {
        return all.stream().distinct().sorted(Diagnostic.BY_LOCATION).toList();
    }

    /** Throws {@link FleetException} with every diagnostic when any of them is an error. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new FleetException(sorted());
        }
    }
}
