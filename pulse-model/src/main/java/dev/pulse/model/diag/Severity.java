package dev.pulse.model.diag;

/**
 * How bad a {@link Diagnostic} is: errors stop rendering, warnings do when made fatal ({@code pulse.strict}),
 * notes never do: they tell what Pulse did with the input (e.g. which built-in fields an override changed).
 */
public enum Severity {
    ERROR,
    WARNING,
    NOTE;

    /** Lower-case word used in printed diagnostics, as compilers print it. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
