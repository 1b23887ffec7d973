package dev.pulse.model.diag;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a run so that users see all of them at once, not only the first.
 * Not thread-safe: one instance per load.
 */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    /** Adds a diagnostic made elsewhere (e.g. by an earlier stage). */
    public void add(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    /** Reports an error of {@code rule} at {@code at}. */
    public void error(Rule rule, Location at, String message, String hint) {
        add(Diagnostic.error(rule, at, message, hint));
    }

    /** Reports a warning of {@code rule} at {@code at}. */
    public void warning(Rule rule, Location at, String message, String hint) {
        add(Diagnostic.warning(rule, at, message, hint));
    }

    /** Reports a note of {@code rule} at {@code at}. */
    public void note(Rule rule, Location at, String message, String hint) {
        add(Diagnostic.note(rule, at, message, hint));
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
