package dev.pulse.model.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The input cannot be rendered. Carries every diagnostic found (errors and warnings), sorted by location;
 * its message is their printed form, so callers can show it as it is.
 */
public final class FleetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public FleetException(List<Diagnostic> diagnostics) {
        super(summary(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    private static String summary(List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        return diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining(System.lineSeparator()))
                + System.lineSeparator() + errors + (errors == 1 ? " error" : " errors");
    }
}
