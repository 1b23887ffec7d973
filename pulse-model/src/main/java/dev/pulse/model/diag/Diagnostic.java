package dev.pulse.model.diag;

import java.util.Comparator;

/**
 * One problem found in the user's input, printed like compiler output:
 * {@code fleet.yaml:42:7: error: vm 'optik-03' asks for 2 GPUs ... [PULSE-GPU-CAPACITY]} followed by
 * an indented hint saying how to fix it.
 *
 * @param id stable identifier of the rule, e.g. {@code PULSE-GPU-MODE}; documented in README
 * @param severity error, warning or note
 * @param location where the offending value stands
 * @param message what is wrong and why
 * @param hint how to fix it; may be empty
 */
public record Diagnostic(String id, Severity severity, Location location, String message, String hint) {

    /** Sorts by file, line, column, then id: the order a reader fixes problems in. */
    public static final Comparator<Diagnostic> BY_LOCATION =
            Comparator.comparing(Diagnostic::location).thenComparing(Diagnostic::id).thenComparing(Diagnostic::message);

    public static Diagnostic error(String id, Location location, String message, String hint) {
        return new Diagnostic(id, Severity.ERROR, location, message, hint);
    }

    public static Diagnostic warning(String id, Location location, String message, String hint) {
        return new Diagnostic(id, Severity.WARNING, location, message, hint);
    }

    /** Information about what Pulse did with the input; never fails a build, not even a strict one. */
    public static Diagnostic note(String id, Location location, String message, String hint) {
        return new Diagnostic(id, Severity.NOTE, location, message, hint);
    }

    public boolean isNote() {
        return severity == Severity.NOTE;
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one- or two-line form printed to users. */
    public String format() {
        String head = location + ": " + severity.word() + ": " + message + " [" + id + "]";
        return hint == null || hint.isEmpty() ? head : head + System.lineSeparator() + "    hint: " + hint;
    }

    @Override
    public String toString() {
        return format();
    }
}
