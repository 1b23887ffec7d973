package dev.pulse.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.model.diag.Rule;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FleetClass: a fleet class that cannot supply a fleet is a PULSE-FLEET-CLASS error naming the class")
class FleetClassDiagnosticsTest {

    private static Diagnostic problemOf(String className) {
        FleetException e = catchThrowableOfType(FleetException.class, () -> FleetClass.load(className, FleetClassDiagnosticsTest.class.getClassLoader()));
        assertThat(e).as(className + " fails").isNotNull();
        assertThat(e.diagnostics()).hasSize(1);
        return e.diagnostics().get(0);
    }

    @Test
    @DisplayName("a class that is not on the classpath")
    void missing() {
        Diagnostic problem = problemOf("com.example.NoSuchFleet");
        assertThat(problem.rule()).isEqualTo(Rule.FLEET_CLASS);
        assertThat(problem.isError()).isTrue();
        assertThat(problem.message()).contains("com.example.NoSuchFleet").contains("classpath");
    }

    @Test
    @DisplayName("a class that is no Supplier<FleetSpec>")
    void notASupplier() {
        Diagnostic problem = problemOf("java.lang.Object");
        assertThat(problem.rule()).isEqualTo(Rule.FLEET_CLASS);
        assertThat(problem.message()).contains("Supplier<FleetSpec>");
    }
}
