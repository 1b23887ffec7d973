package dev.pulse.model.diag;

/** How bad a {@link Diagnostic} is: errors stop rendering, warnings do unless made fatal. */
public enum Severity {
    ERROR,
    WARNING;

    /** Lower-case word used in printed diagnostics, as compilers print it. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
