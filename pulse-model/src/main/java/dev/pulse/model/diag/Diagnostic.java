package dev.pulse.model.diag;

import java.util.Comparator;

/**
 * One problem found in the user's input, printed like compiler output:
 * {@code fleet.yaml:42:7: error: vm 'optik-03' asks for 2 GPUs ... [PULSE-GPU-CAPACITY]} followed by
 * an indented hint saying how to fix it.
 *
 * @param rule the rule found broken; its {@link Rule#id() id}, e.g. {@code PULSE-GPU-MODE}, is printed and documented in README
 * @param severity error, warning or note (usually the rule's default)
 * @param location where the offending value stands
 * @param message what is wrong and why
 * @param hint how to fix it; may be empty
 */
public record Diagnostic(Rule rule, Severity severity, Location location, String message, String hint) {

    /** Sorts by file, line, column, then id: the order a reader fixes problems in. */
    public static final Comparator<Diagnostic> BY_LOCATION =
            Comparator.comparing(Diagnostic::location).thenComparing(Diagnostic::id).thenComparing(Diagnostic::message);

    /** A problem that stops rendering. */
    public static Diagnostic error(Rule rule, Location location, String message, String hint) {
        return new Diagnostic(rule, Severity.ERROR, location, message, hint);
    }

    /** A problem that stops rendering only when warnings are made fatal ({@code pulse.strict}). */
    public static Diagnostic warning(Rule rule, Location location, String message, String hint) {
        return new Diagnostic(rule, Severity.WARNING, location, message, hint);
    }

    /** Information about what Pulse did with the input; never fails a build, not even a strict one. */
    public static Diagnostic note(Rule rule, Location location, String message, String hint) {
        return new Diagnostic(rule, Severity.NOTE, location, message, hint);
    }

    /** The rule's printed id, e.g. {@code PULSE-GPU-MODE}. */
    public String id() {
        return rule.id();
    }

    /** Whether this is a note (information, never a failure). */
    public boolean isNote() {
        return severity == Severity.NOTE;
    }

    /** Whether this is an error (rendering stops). */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The one- or two-line form printed to users. */
    public String format() {
        String head = location + ": " + severity.word() + ": " + message + " [" + rule.id() + "]";
        return hint == null || hint.isEmpty() ? head : head + System.lineSeparator() + "    hint: " + hint;
    }

    @Override
    public String toString() {
        return format();
    }
}
