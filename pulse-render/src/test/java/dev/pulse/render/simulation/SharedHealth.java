package dev.pulse.render.simulation;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Argo CD's built-in Lua health checks with their test cases, from ../shared/argocd-health (property
 * {@code pulse.argocdHealth}, set by the build). A missing folder fails the test: a judge never skips.
 */
public final class SharedHealth {

    private SharedHealth() {}

    /** The folder, or a failed test that says what to set. */
    public static Path folder() {
        String value = System.getProperty("pulse.argocdHealth");
        if (value == null || value.isBlank() || value.contains("${")) {
            fail("system property pulse.argocdHealth is not set: run the tests through Maven (./mvnw verify), or pass -Dpulse.argocdHealth=<the shared/argocd-health folder>");
        }
        Path folder = Path.of(value);
        if (!Files.isDirectory(folder)) {
            fail("pulse.argocdHealth points at " + folder + ", which is not a folder: put Argo CD's health checks there (see ../shared/argocd-health/SOURCES.md)");
        }
        return folder;
    }

    /** The health checks of {@link #folder()}; public for pulse-import's tests (pulse-render's test-jar). */
    public static ArgoCdHealth health() {
        return ArgoCdHealth.folder(folder());
    }
}
